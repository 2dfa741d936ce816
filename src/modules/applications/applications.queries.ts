import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { canViewApplication } from '../../domain/access/application-access';
import { forEnterprise } from '../../domain/access/history-view';
import { applicationScopeOf } from '../../domain/access/list-scope';
import { SYSTEM_ACTOR, type Actor } from '../../domain/access/roles';
import { allowedApplicationEvents } from '../../domain/certification/application.decide';
import type { ApplicationRecord } from '../../domain/certification/records';
import { openDocumentRequest, type DocumentRequest } from '../../domain/documents/checklist';
import { DomainError } from '../../domain/errors';
import { Clock } from '../../infra/clock';
import {
  DEFAULT_PAGE_SIZE,
  decodeCursor,
  toPage,
  type Page,
} from '../../infra/pagination/pagination';
import { AuditLogRepository } from '../audit-log/audit-log.repository';
import type { AuditEventView } from '../audit-log/audit-event.view';
import { EnterpriseRepository } from '../enterprises/enterprise.repository';
import { TimerRepository, type DeadlineView } from '../timers/timer.repository';
import { ApplicationRepository } from './application.repository';
import { toApplicationView, type ApplicationView } from './application.view';
import type { ListApplicationsQueryDto } from './dto/application.dto';
import { msg } from '../../domain/i18n/message';

/** Events of a history page unless the caller asks for fewer. */
const HISTORY_PAGE_SIZE = 100;

const notFound = (id: string) =>
  new DomainError('NOT_FOUND', msg('problem.notFound', { what: msg('subject.application'), id }));

export type PublicNotice = {
  applicationId: string;
  enterpriseName: string | undefined;
  creditCode: string | undefined;
  tier: string;
  regionCode: string;
  level: 'national' | 'provincial';
  noticeEndsAt: string | null;
};

/** What callers may read of applications: one, a scoped list, a history, the public notices. */
@Injectable()
export class ApplicationsQueries {
  constructor(
    private readonly applications: ApplicationRepository,
    private readonly timers: TimerRepository,
    private readonly audit: AuditLogRepository,
    private readonly enterprises: EnterpriseRepository,
    private readonly clock: Clock,
  ) {}

  /** The API view: what the caller may send now, and the pending deadlines. */
  view(
    record: ApplicationRecord,
    actor: Actor,
    at: string,
    deadlines: DeadlineView[],
    documentRequest?: DocumentRequest | null,
  ): ApplicationView {
    return toApplicationView(
      record,
      allowedApplicationEvents(record, actor, at),
      deadlines,
      documentRequest,
    );
  }

  /** The view after a command, its deadlines read inside the command's transaction. */
  async viewIn(em: EntityManager, record: ApplicationRecord, actor: Actor, at: string) {
    const deadlines = await this.timers.pendingFor({ type: 'application', id: record.id }, em);
    return this.view(record, actor, at, deadlines, await this.documentRequestOf(em, record));
  }

  /** The documents a reviewer asked for when returning the application, while it is returned. */
  async documentRequestOf(
    em: EntityManager | undefined,
    record: Pick<ApplicationRecord, 'id' | 'state'>,
  ): Promise<DocumentRequest | null> {
    if (record.state !== 'returned') return null;
    const returned = await this.audit.latestOf(
      em,
      { type: 'application', id: record.id },
      'review.return',
    );
    return openDocumentRequest(record.state, returned ? [returned] : []);
  }

  /** The stored record (snapshot included) of an application the actor may see: for audits. */
  async record(id: string, actor: Actor): Promise<ApplicationRecord> {
    const record = await this.applications.find(id);
    if (!record || !canViewApplication(actor, record)) throw notFound(id);
    return record;
  }

  async get(id: string, actor: Actor): Promise<ApplicationView> {
    const record = await this.record(id, actor);
    const deadlines = await this.timers.pendingFor({ type: 'application', id });
    const request = await this.documentRequestOf(undefined, record);
    return this.view(record, actor, this.clock.nowIso(), deadlines, request);
  }

  async list(query: ListApplicationsQueryDto, actor: Actor): Promise<Page<ApplicationView>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const after = decodeCursor(query.cursor);
    const scope = applicationScopeOf(actor);
    if (scope === null || actor.kind === 'public') return { items: [], nextCursor: null };
    const rows = await this.applications.page(
      scope,
      {
        ...(query.tier ? { tier: query.tier } : {}),
        ...(query.state ? { state: query.state } : {}),
        ...(query.enterpriseId ? { enterpriseId: query.enterpriseId } : {}),
        ...(query.regionCode ? { regionCode: query.regionCode } : {}),
        ...(after ? { after } : {}),
      },
      limit + 1,
    );
    const at = this.clock.nowIso();
    return toPage(
      rows,
      limit,
      (r) => r.id,
      (r) => this.view(r, actor, at, []),
    );
  }

  /**
   * The application's events, oldest first, a page at a time (security review M4). The enterprise
   * concerned reads them filtered (M5: no objector, expert opinion or internal comment).
   */
  async history(
    id: string,
    actor: Actor,
    query: { limit?: number; cursor?: string } = {},
  ): Promise<Page<AuditEventView & { redacted?: true }>> {
    await this.record(id, actor);
    const limit = query.limit ?? HISTORY_PAGE_SIZE;
    const after = Number(decodeCursor(query.cursor) ?? 0);
    if (!Number.isSafeInteger(after) || after < 0) {
      throw new DomainError('VALIDATION_FAILED', 'cursor is not valid', {
        errors: [{ field: 'cursor', message: 'cursor is not valid' }],
      });
    }
    const events = await this.audit.subjectPage('application', id, after, limit + 1);
    const enterprise = actor.kind === 'user' && actor.role === 'enterprise';
    return toPage(
      events,
      limit,
      (e) => e.seq,
      (e) => (enterprise ? forEnterprise(e) : e),
    );
  }

  /** Applications now under public notice, with the end of the notice (public, no auth). */
  async publicNotices(query: { limit?: number; cursor?: string }): Promise<Page<PublicNotice>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const after = decodeCursor(query.cursor);
    const scope = applicationScopeOf({ kind: 'public', id: 'public', role: 'public' });
    const rows = await this.applications.page(scope ?? {}, after ? { after } : {}, limit + 1);
    const shown = rows.slice(0, limit);
    const ids = shown.map((r) => r.id);
    const [names, ends] = await Promise.all([
      this.enterprises.namesOf([...new Set(shown.map((r) => r.enterpriseId))]),
      this.timers.pendingByPurpose('application', ids, 'notice'),
    ]);
    return toPage(
      rows,
      limit,
      (r) => r.id,
      (r) => ({
        applicationId: r.id,
        enterpriseName: names.get(r.enterpriseId)?.name,
        creditCode: names.get(r.enterpriseId)?.creditCode,
        tier: r.tier,
        regionCode: r.regionCode,
        level: r.state === 'nationalNotice' ? ('national' as const) : ('provincial' as const),
        noticeEndsAt: ends.get(r.id) ?? null,
      }),
    );
  }

  /** Every application, in pages of ids (replay of the whole database). */
  idsAfter(after: string, limit: number): Promise<string[]> {
    return this.applications.idsAfter(after, limit);
  }

  /** An application as the system sees it (no access check): for whole-database replays. */
  systemRecord(id: string): Promise<ApplicationRecord> {
    return this.record(id, SYSTEM_ACTOR);
  }
}
