import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { callAuthorityRefusal } from '../../domain/access/call-access';
import { toActorRef, type Actor } from '../../domain/access/roles';
import { callYearProblem, type CallRecord } from '../../domain/certification/calls';
import type { Tier } from '../../domain/certification/tier';
import { DomainError } from '../../domain/errors';
import { Clock } from '../../infra/clock';
import { newId } from '../../infra/ids';
import {
  DEFAULT_PAGE_SIZE,
  decodeCursor,
  toPage,
  type Page,
} from '../../infra/pagination/pagination';
import { TransactionRunner } from '../../infra/persistence/transaction-runner';
import { AuditLogRepository } from '../audit-log/audit-log.repository';
import { TimerRepository } from '../timers/timer.repository';
import { CallRepository } from './call.repository';
import {
  toCallView,
  type CallView,
  type CreateCallDto,
  type ListCallsQueryDto,
} from './dto/call.dto';

/** Calls (batches): the windows in which an authority takes applications for one tier. */
@Injectable()
export class CallsService {
  constructor(
    private readonly calls: CallRepository,
    private readonly tx: TransactionRunner,
    private readonly audit: AuditLogRepository,
    private readonly timers: TimerRepository,
    private readonly clock: Clock,
  ) {}

  async create(input: CreateCallDto, actor: Actor, requestId: string): Promise<CallView> {
    const refusal = callAuthorityRefusal(actor, input);
    if (refusal) {
      throw new DomainError(
        refusal.code,
        refusal.message,
        refusal.code === 'VALIDATION_FAILED' ? { errors: refusal.errors } : {},
      );
    }
    const yearProblem = callYearProblem(input);
    if (yearProblem) {
      throw new DomainError('VALIDATION_FAILED', `year ${yearProblem}`, {
        errors: [{ field: 'year', message: yearProblem }],
      });
    }
    if (input.opensAt >= input.closesAt) {
      throw new DomainError('VALIDATION_FAILED', 'closesAt must be after opensAt', {
        errors: [{ field: 'closesAt', message: 'must be after opensAt' }],
      });
    }
    const at = this.clock.nowIso();
    const call: CallRecord = {
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
      await this.calls.insert(em, call);
      // §5.5: the call of the expiry year opens the re-review of the titles expiring that year.
      await this.timers.schedule(
        em,
        { type: 'call', id: call.id },
        { event: 'call.open', purpose: 'reReviewOpening', dueAt: call.opensAt, data: null, at },
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

  async list(query: ListCallsQueryDto): Promise<Page<CallView>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const after = decodeCursor(query.cursor);
    const rows = await this.calls.page(
      {
        ...(query.tier ? { tier: query.tier } : {}),
        ...(query.open !== undefined ? { open: query.open } : {}),
        now: this.clock.nowIso(),
        ...(after ? { after } : {}),
      },
      limit + 1,
    );
    return toPage(rows, limit, (c) => c.id, toCallView);
  }

  /** Every call of a tier: the pure call choice (domain/certification/calls.ts) picks one. */
  ofTier(em: EntityManager, tier: Tier): Promise<CallRecord[]> {
    return this.calls.ofTier(em, tier);
  }

  get(id: string, em?: EntityManager): Promise<CallRecord | undefined> {
    return this.calls.get(id, em);
  }
}
