import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { regionContains, regionLevelOf } from '../../domain/access/region';
import { SYSTEM_ACTOR, toActorRef, type Actor } from '../../domain/access/roles';
import type { Tier } from '../../domain/certification/tier';
import { DomainError } from '../../domain/errors';
import { Clock } from '../../shared/clock';
import { newId } from '../../shared/ids';
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
import { CertificatesService } from '../certificates/certificates.service';
import { TimersService } from '../timers/timers.service';
import { CallEntity } from './call.entity';
import {
  toCallView,
  type CallView,
  type CreateCallDto,
  type ListCallsQueryDto,
} from './dto/call.dto';

const SELECT_CALL = `SELECT id, tier, region_code AS "regionCode", year, opens_at AS "opensAt",
  closes_at AS "closesAt", rule_set AS "ruleSet", notice_working_days AS "noticeWorkingDays",
  created_by AS "createdBy", created_at AS "createdAt" FROM calls`;

const covers = (call: CallEntity, regionCode: string): boolean =>
  call.regionCode === null || regionContains(call.regionCode, regionCode);

/** Calls (batches): the windows in which an authority takes applications for one tier. */
@Injectable()
export class CallsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
    private readonly audit: AuditLogRepository,
    private readonly timers: TimersService,
    private readonly certificates: CertificatesService,
    private readonly clock: Clock,
  ) {}

  async create(input: CreateCallDto, actor: Actor, requestId: string): Promise<CallView> {
    this.checkAuthority(input, actor);
    if (input.opensAt >= input.closesAt) {
      throw new DomainError('VALIDATION_FAILED', 'closesAt must be after opensAt', {
        errors: [{ field: 'closesAt', message: 'must be after opensAt' }],
      });
    }
    const at = this.clock.nowIso();
    const call: CallEntity = {
      id: newId(),
      tier: input.tier,
      regionCode: input.regionCode ?? null,
      year: input.year,
      opensAt: input.opensAt,
      closesAt: input.closesAt,
      ruleSet: input.ruleSet ?? null,
      noticeWorkingDays: input.noticeWorkingDays ?? null,
      createdBy: actor.id,
      createdAt: at,
    };
    await this.tx.run(async (em) => {
      await insertRow(em, CallEntity, call);
      // §5.5: the call of the expiry year opens the re-review of the titles expiring that year.
      await this.timers.schedule(
        em,
        { type: 'call', id: call.id },
        {
          event: 'call.open',
          purpose: 'reReviewOpening',
          dueAt: call.opensAt,
          data: null,
          at,
        },
      );
      await this.audit.append(em, {
        at,
        actor: toActorRef(actor),
        subject: { type: 'call', id: call.id },
        regionCode: call.regionCode,
        event: 'call.create',
        data: { action: 'call.created', ...toCallView(call) },
        requestId,
      });
    });
    return toCallView(call);
  }

  /** A province opens calls for its own enterprises (not little giants); MIIT and admins any. */
  private checkAuthority(input: CreateCallDto, actor: Actor): void {
    if (actor.kind !== 'user') throw new DomainError('FORBIDDEN', 'Only an authority opens a call');
    if (actor.role === 'admin') return;
    const j = actor.jurisdiction;
    if (actor.role !== 'reviewer' || !j || (j.level !== 'province' && j.level !== 'national')) {
      throw new DomainError('FORBIDDEN', 'Only provincial or national authorities open calls');
    }
    if (input.regionCode && regionLevelOf(input.regionCode) !== 'province') {
      throw new DomainError('VALIDATION_FAILED', 'a call covers a province', {
        errors: [{ field: 'regionCode', message: 'must be a province code' }],
      });
    }
    if (j.level === 'province') {
      if (input.tier === 'little_giant' || input.regionCode !== j.regionCode) {
        throw new DomainError(
          'FORBIDDEN',
          'A province opens calls for its own region and provincial tiers',
        );
      }
    }
  }

  async list(query: ListCallsQueryDto): Promise<Page<CallView>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const after = decodeCursor(query.cursor);
    const now = this.clock.nowIso();
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (clause: string, ...values: unknown[]) => {
      let c = clause;
      for (const v of values) {
        params.push(v);
        c = c.replace('?', `$${params.length}`);
      }
      where.push(c);
    };
    if (query.tier) add('tier = ?', query.tier);
    if (query.open === true) add('opens_at <= ? AND closes_at >= ?', now, now);
    if (query.open === false) add('(opens_at > ? OR closes_at < ?)', now, now);
    if (after) add('id > ?', after);
    params.push(limit + 1);
    const rows = await select<CallEntity>(
      this.dataSource.manager,
      `${SELECT_CALL}${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY id LIMIT $${params.length}`,
      params,
    );
    return toPage(rows, limit, (c) => c.id, toCallView);
  }

  async get(em: EntityManager, id: string): Promise<CallEntity | undefined> {
    const [row] = await select<CallEntity>(em, `${SELECT_CALL} WHERE id = $1`, [id]);
    return row;
  }

  /**
   * The call an application for `tier` in `regionCode` attaches to at `at`: the given one, or the
   * open one covering the region. Once calls exist for a tier and region, one must be open (422).
   */
  async callFor(
    em: EntityManager,
    input: { tier: Tier; regionCode: string; at: string; callId?: string; year?: number },
  ): Promise<CallEntity | null> {
    const refuse = (detail: string) =>
      new DomainError('NO_OPEN_CALL', detail, { reasons: [detail] });
    if (input.callId) {
      const call = await this.get(em, input.callId);
      if (!call || call.tier !== input.tier || !covers(call, input.regionCode)) {
        throw refuse(
          `Call ${input.callId} does not take ${input.tier} applications from this region.`,
        );
      }
      if (!(call.opensAt <= input.at && input.at <= call.closesAt)) {
        throw refuse(`Call ${call.id} is open from ${call.opensAt} to ${call.closesAt}.`);
      }
      return call;
    }
    const calls = (
      await select<CallEntity>(em, `${SELECT_CALL} WHERE tier = $1 ORDER BY opens_at`, [input.tier])
    )
      .filter((c) => covers(c, input.regionCode))
      .filter((c) => input.year === undefined || Number(c.year) === input.year);
    if (calls.length === 0) return null;
    const open = calls.filter((c) => c.opensAt <= input.at && input.at <= c.closesAt);
    // The most specific open call: a province's before a national one.
    const chosen = open.find((c) => c.regionCode !== null) ?? open[0];
    if (!chosen)
      throw refuse(`No ${input.tier} call covering region ${input.regionCode} is open now.`);
    return chosen;
  }

  /** Fired by the scheduler at a call's opening: the titles expiring that year become due. */
  async openReReviews(callId: string, timerId: string): Promise<number> {
    const at = this.clock.nowIso();
    return this.tx.run(async (em) => {
      if (!(await this.timers.markFired(em, timerId, at))) return 0;
      const call = await this.get(em, callId);
      if (!call) return 0;
      const due = await this.certificates.dueForReReview(
        em,
        call.tier,
        call.regionCode,
        Number(call.year),
      );
      for (const certificateId of due) {
        await this.certificates.sendInTransaction(
          em,
          {
            certificateId,
            type: 'reReview.open',
            actor: SYSTEM_ACTOR,
            requestId: null,
            data: { callId },
          },
          at,
        );
      }
      return due.length;
    });
  }
}
