import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { canViewCertificate, maySendToCertificate } from '../../domain/access/certificate-access';
import { regionPrefix } from '../../domain/access/region';
import { SYSTEM_ACTOR, toActorRef, type Actor, type ActorRef } from '../../domain/access/roles';
import { addDays, yearOf } from '../../domain/calendar/dates';
import { chinaDateOf, endOfChinaDay } from '../../domain/calendar/working-days';
import {
  CERTIFICATE_EVENT_TYPES,
  CERTIFICATE_MACHINE_ID,
  type CertificateEvent,
  type CertificateEventType,
  type RevocationGround,
} from '../../domain/certification/certificate.machine';
import {
  certificateWorkflow,
  extendValidity,
  isValidTitleOn,
  validityFrom,
} from '../../domain/certification/certificate.workflow';
import type { TitleRecord } from '../../domain/certification/prerequisites';
import {
  annualUpdateDueDate,
  barUntilFor,
  CASCADING_GROUNDS,
} from '../../domain/certification/revocation';
import type { Tier } from '../../domain/certification/tier';
import { DomainError } from '../../domain/errors';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { Clock } from '../../shared/clock';
import {
  DEFAULT_PAGE_SIZE,
  decodeCursor,
  toPage,
  type Page,
} from '../../shared/pagination/pagination';
import { insertRow } from '../../shared/persistence/insert-row';
import { select } from '../../shared/persistence/raw-sql';
import { TransactionRunner } from '../../shared/persistence/transaction-runner';
import { AuditLogRepository } from '../audit/audit-log.repository';
import { TimersService } from '../timers/timers.service';
import { CertificateEntity } from './certificate.entity';
import {
  certificateFromRow,
  loadCertificate,
  SELECT_CERTIFICATE,
  writeCertificate,
  type CertificateRow,
} from './certificate-store';
import { toCertificateView, type CertificateView } from './certificate.view';

export type IssueCommand = {
  certificateId: string;
  applicationId: string;
  enterpriseId: string;
  regionCode: string;
  tier: Tier;
  at: string;
  actor: ActorRef;
  requestId: string | null;
};

export type CertificateCommand = {
  certificateId: string;
  type: CertificateEventType;
  actor: Actor;
  requestId: string | null;
  comment?: string;
  reasons?: string[];
  data?: Record<string, unknown>;
  year?: number;
  ground?: RevocationGround;
  applicationId?: string;
  timerId?: string;
  expectedVersion?: number;
};

export type CertificateListQuery = {
  enterpriseId?: string;
  tier?: Tier;
  status?: string;
  regionCode?: string;
  limit?: number;
  cursor?: string;
};

const notFound = (id: string) => new DomainError('NOT_FOUND', `certificate ${id} not found`);

/** Certificates: issued on certification, then driven by their own machine (§7.2). */
@Injectable()
export class CertificatesService {
  private readonly logger = new Logger(CertificatesService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly tx: TransactionRunner,
    private readonly audit: AuditLogRepository,
    private readonly timers: TimersService,
    private readonly clock: Clock,
  ) {}

  /** Issues the title of a certified application, inside the certifying transaction. */
  async issue(em: EntityManager, command: IssueCommand): Promise<CertificateEntity> {
    const validity = validityFrom(command.at);
    const dataYear = yearOf(validity.validFrom);
    const { snapshot, effects } = certificateWorkflow.start({
      certificateId: command.certificateId,
      tier: command.tier,
      ...validity,
      annualUpdateDue: { year: dataYear, dueAt: this.annualDueAt(dataYear) },
    });
    const certificate: CertificateEntity = {
      id: command.certificateId,
      enterpriseId: command.enterpriseId,
      regionCode: command.regionCode,
      tier: command.tier,
      status: snapshot.value,
      version: 1,
      applicationId: command.applicationId,
      validFrom: validity.validFrom,
      validTo: validity.validTo,
      barUntil: null,
      machineId: CERTIFICATE_MACHINE_ID,
      machineVersion: certificateWorkflow.version,
      snapshot,
      createdAt: command.at,
      updatedAt: command.at,
    };
    await insertRow(em, CertificateEntity, certificate);
    await this.timers.applyEffects(
      em,
      { type: 'certificate', id: certificate.id },
      effects,
      command.at,
    );
    await this.audit.append(em, {
      at: command.at,
      actor: command.actor,
      subject: { type: 'certificate', id: certificate.id },
      enterpriseId: certificate.enterpriseId,
      regionCode: certificate.regionCode,
      event: 'certificate.issue',
      fromState: null,
      toState: certificate.status,
      data: {
        action: 'certificate.issued',
        tier: certificate.tier,
        applicationId: certificate.applicationId,
        validFrom: certificate.validFrom,
        validTo: certificate.validTo,
        machineId: certificate.machineId,
        machineVersion: certificate.machineVersion,
      },
      requestId: command.requestId,
    });
    return certificate;
  }

  /** An event from the API or the scheduler, in a transaction of its own. */
  async send(command: CertificateCommand): Promise<CertificateView> {
    const at = this.clock.nowIso();
    const certificate = await this.tx.run((em) => this.sendInTransaction(em, command, at));
    return this.view(certificate, command.actor, at);
  }

  /**
   * The certificate pipeline, inside the caller's transaction: load → may this caller send this
   * event → transition → write with a version check → timers → audit → fraud cascade.
   */
  async sendInTransaction(
    em: EntityManager,
    command: CertificateCommand,
    at: string,
  ): Promise<CertificateEntity> {
    const { actor, type } = command;
    const row = await loadCertificate(em, command.certificateId);
    if (!row || !canViewCertificate(actor, row)) throw notFound(command.certificateId);
    if (command.expectedVersion !== undefined && command.expectedVersion !== row.version) {
      throw new DomainError(
        'PRECONDITION_FAILED',
        `certificate ${row.id} is at version ${row.version}`,
      );
    }
    if (!maySendToCertificate(actor, type, row)) {
      throw new DomainError(
        'FORBIDDEN',
        `The ${actor.role} role may not send ${type} to this certificate`,
      );
    }
    if (command.timerId && !(await this.timers.markFired(em, command.timerId, at))) {
      throw new DomainError('INVALID_TRANSITION', `timer ${command.timerId} was already handled`);
    }
    if (type === 'revoke' && !command.ground) {
      throw new DomainError('VALIDATION_FAILED', 'revoke needs a ground', {
        errors: [{ field: 'ground', message: 'revoke must give a ground' }],
      });
    }
    const event = this.buildEvent(row, command, at);
    const outcome = certificateWorkflow.send(row.snapshot, event);
    if (!outcome.changed) {
      throw new DomainError('INVALID_TRANSITION', `${type} is not allowed in state ${row.status}`, {
        allowedEvents: this.allowedEvents(row, actor, at),
      });
    }
    const context = outcome.snapshot.context;
    const updated = await writeCertificate(em, row, {
      status: outcome.snapshot.value,
      snapshot: outcome.snapshot,
      validTo: context.validTo,
      barUntil: context.barUntil,
      updatedAt: at,
    });
    await this.timers.applyEffects(em, { type: 'certificate', id: row.id }, outcome.effects, at);
    await this.audit.append(em, {
      at,
      actor: event.actor,
      subject: { type: 'certificate', id: row.id },
      enterpriseId: row.enterpriseId,
      regionCode: row.regionCode,
      event: type,
      fromState: row.status,
      toState: updated.status,
      comment: command.comment ?? null,
      data: {
        machineId: row.machineId,
        machineVersion: row.machineVersion,
        version: updated.version,
        ...(command.reasons ? { reasons: command.reasons } : {}),
        ...(command.data ? { data: command.data } : {}),
        ...(event.year !== undefined ? { year: event.year } : {}),
        ...(event.ground ? { ground: event.ground, barUntil: event.barUntil ?? null } : {}),
        ...(event.applicationId ? { applicationId: event.applicationId } : {}),
        ...(type === 'reReview.pass' ? { validTo: context.validTo } : {}),
        ...(command.timerId ? { timerId: command.timerId } : {}),
      },
      requestId: command.requestId,
    });
    this.logger.log(
      {
        requestId: command.requestId,
        certificateId: row.id,
        event: type,
        from: row.status,
        to: updated.status,
      },
      'Certificate transition',
    );
    if (type === 'revoke' && event.ground && CASCADING_GROUNDS.includes(event.ground)) {
      await this.cascadeRevocation(em, updated, event.ground, command.requestId, at);
    }
    return updated;
  }

  /** 2026 call: data fraud cancels the enterprise's titles of every tier, with the same bar. */
  private async cascadeRevocation(
    em: EntityManager,
    origin: CertificateEntity,
    ground: RevocationGround,
    requestId: string | null,
    at: string,
  ): Promise<void> {
    const others = await select<{ id: string }>(
      em,
      `SELECT id FROM certificates WHERE enterprise_id = $1 AND id <> $2
          AND status IN ('active', 'changeUnderReview', 'reReviewDue', 'underReReview')`,
      [origin.enterpriseId, origin.id],
    );
    for (const { id } of others) {
      await this.sendInTransaction(
        em,
        {
          certificateId: id,
          type: 'revoke',
          ground,
          actor: SYSTEM_ACTOR,
          requestId,
          comment: `Cascade of the revocation of certificate ${origin.id} for ${ground}`,
          data: { cascadeOf: origin.id },
        },
        at,
      );
    }
  }

  private buildEvent(
    row: CertificateEntity,
    command: CertificateCommand,
    at: string,
  ): CertificateEvent {
    const context = row.snapshot.context;
    const event: CertificateEvent = {
      type: command.type,
      at,
      actor: toActorRef(command.actor),
      ...(command.requestId ? { requestId: command.requestId } : {}),
      ...(command.comment ? { comment: command.comment } : {}),
      ...(command.reasons ? { reasons: command.reasons } : {}),
      ...(command.data ? { data: command.data } : {}),
      ...(command.applicationId ? { applicationId: command.applicationId } : {}),
    };
    if (command.type === 'annualUpdate.submit' || command.type === 'annualUpdate.overdue') {
      const year = command.year ?? context.annualUpdateDue?.year;
      if (year !== undefined) {
        event.year = year;
        event.nextDueAt = this.annualDueAt(year + 1);
      }
    }
    if (command.type === 'revoke' || command.type === 'change.reject') {
      const ground =
        command.ground ?? (command.type === 'change.reject' ? 'change_not_approved' : undefined);
      if (ground) {
        event.ground = ground;
        event.barUntil = barUntilFor(
          ground,
          chinaDateOf(at),
          this.config.certificates.revocationBarYears,
        );
      }
    }
    if (command.type === 'reReview.pass') {
      // §5.5: passing extends the title by three years from its current end.
      const next = extendValidity(row.validFrom, addDays(row.validTo, 1));
      event.validTo = next.validTo;
      event.expiresAt = next.expiresAt;
    }
    return event;
  }

  private annualDueAt(dataYear: number): string {
    return endOfChinaDay(annualUpdateDueDate(dataYear, this.config.certificates.annualUpdateDue));
  }

  allowedEvents(row: CertificateEntity, actor: Actor, at: string): CertificateEventType[] {
    return certificateWorkflow.accepted(
      row.snapshot,
      CERTIFICATE_EVENT_TYPES.filter((t) => maySendToCertificate(actor, t, row)),
      {
        at,
        actor: toActorRef(actor),
        year: row.snapshot.context.annualUpdateDue?.year ?? 0,
        ground: 'no_longer_qualified',
        validTo: '9999-12-31',
      },
    );
  }

  view(row: CertificateEntity, actor: Actor, at: string): CertificateView {
    return toCertificateView(row, this.allowedEvents(row, actor, at));
  }

  async loadVisible(em: EntityManager, id: string, actor: Actor): Promise<CertificateEntity> {
    const row = await loadCertificate(em, id);
    if (!row || !canViewCertificate(actor, row)) throw notFound(id);
    return row;
  }

  async get(id: string, actor: Actor): Promise<CertificateView> {
    const row = await this.loadVisible(this.dataSource.manager, id, actor);
    return this.view(row, actor, this.clock.nowIso());
  }

  async list(query: CertificateListQuery, actor: Actor): Promise<Page<CertificateView>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const after = decodeCursor(query.cursor);
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (clause: string, value: unknown) => {
      params.push(value);
      where.push(clause.replace('?', `$${params.length}`));
    };
    if (actor.kind !== 'user') return { items: [], nextCursor: null };
    if (actor.role === 'enterprise') add('enterprise_id = ?', actor.enterpriseId ?? '');
    else if (actor.role !== 'admin') {
      const j = actor.jurisdiction;
      if (!j) return { items: [], nextCursor: null };
      if (j.level !== 'national') add('region_code LIKE ?', `${regionPrefix(j.regionCode ?? '')}%`);
    }
    if (query.enterpriseId) add('enterprise_id = ?', query.enterpriseId);
    if (query.tier) add('tier = ?', query.tier);
    if (query.status) add('status = ?', query.status);
    if (query.regionCode) add('region_code LIKE ?', `${regionPrefix(query.regionCode)}%`);
    if (after) add('id > ?', after);
    params.push(limit + 1);
    const rows = await select<CertificateRow>(
      this.dataSource.manager,
      `${SELECT_CERTIFICATE}${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY id LIMIT $${params.length}`,
      params,
    );
    const at = this.clock.nowIso();
    return toPage(
      rows.map(certificateFromRow),
      limit,
      (c) => c.id,
      (c) => this.view(c, actor, at),
    );
  }

  /** Every title the enterprise holds or held, as the prerequisite rules read them. */
  async titlesOf(em: EntityManager, enterpriseId: string): Promise<TitleRecord[]> {
    const rows = await select<
      Pick<CertificateRow, 'tier' | 'status' | 'valid_from' | 'valid_to' | 'bar_until'>
    >(
      em,
      'SELECT tier, status, valid_from, valid_to, bar_until FROM certificates WHERE enterprise_id = $1',
      [enterpriseId],
    );
    return rows.map((r) => ({
      tier: r.tier,
      state: r.status,
      validFrom: r.valid_from,
      validTo: r.valid_to,
      barUntil: r.bar_until,
    }));
  }

  /** The public register entry of an enterprise: its titles, valid or not, without internals. */
  async publicRegister(creditCode: string) {
    const rows = await select<{
      id: string;
      tier: string;
      status: string;
      valid_from: string;
      valid_to: string;
      name: string;
      credit_code: string;
      region_code: string;
    }>(
      this.dataSource.manager,
      `SELECT c.id, c.tier, c.status, c.valid_from, c.valid_to, e.name, e.credit_code, e.region_code
         FROM certificates c JOIN enterprises e ON e.id = c.enterprise_id
        WHERE e.credit_code = $1 ORDER BY c.valid_from, c.id`,
      [creditCode],
    );
    const today = chinaDateOf(this.clock.nowIso());
    return {
      items: rows.map((r) => ({
        certificateId: r.id,
        enterpriseName: r.name,
        creditCode: r.credit_code,
        regionCode: r.region_code,
        tier: r.tier,
        status: r.status,
        validFrom: r.valid_from,
        validTo: r.valid_to,
        validToday: isValidTitleOn(
          { state: r.status as TitleRecord['state'], validFrom: r.valid_from, validTo: r.valid_to },
          today,
        ),
      })),
      nextCursor: null,
    };
  }

  /** Certificates of a tier and province expiring in `year`, still active: due for re-review. */
  async dueForReReview(
    em: EntityManager,
    tier: Tier,
    regionCode: string | null,
    year: number,
  ): Promise<string[]> {
    const params: unknown[] = [tier, `${year}-01-01`, `${year}-12-31`];
    let regionClause = '';
    if (regionCode) {
      params.push(`${regionPrefix(regionCode)}%`);
      regionClause = ` AND region_code LIKE $${params.length}`;
    }
    const rows = await select<{ id: string }>(
      em,
      `SELECT id FROM certificates WHERE tier = $1 AND status = 'active'
          AND valid_to >= $2 AND valid_to <= $3${regionClause} ORDER BY id`,
      params,
    );
    return rows.map((r) => r.id);
  }
}
