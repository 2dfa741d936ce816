import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { applicationScopeOf } from '../../domain/access/list-scope';
import type { Actor } from '../../domain/access/roles';
import {
  batchAuditEntry,
  BATCH_MAX_ITEMS,
  checkBatchRequest,
  checkMatched,
  itemCommand,
  refusalOf,
  settleAtomic,
  summarize,
  type BatchItemResult,
  type BatchRequest,
} from '../../domain/certification/batch';
import { DomainError } from '../../domain/errors';
import { msg } from '../../domain/i18n/message';
import { Clock } from '../../infra/clock';
import { newId } from '../../infra/ids';
import { TransactionRunner } from '../../infra/persistence/transaction-runner';
import { ApplicationRepository } from '../applications/application.repository';
import { AuditLogRepository } from '../audit-log/audit-log.repository';
import { BatchRepository } from '../batches/batch.repository';
import { CommandPipeline } from './command-pipeline';

/** Items in flight at once (SQLite groups them into one commit; PostgreSQL runs them in parallel). */
const CONCURRENCY = 16;
/** Progress is written after every this many items. */
const PROGRESS_EVERY = 100;

export type BatchResult = {
  batchId: string;
  applied: boolean;
  items: BatchItemResult[];
  summary: { ok: number; refused: number };
};

/**
 * POST /applications/batch-events: one event to many applications. Every item is an ordinary
 * command of the pipeline (access, transition, audit event of its own); the batch adds a row to
 * follow it by and one `batch.sent` audit event that refers to its items.
 */
@Injectable()
export class BatchCommands {
  private readonly logger = new Logger('BatchCommands');

  constructor(
    private readonly pipeline: CommandPipeline,
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
    private readonly applications: ApplicationRepository,
    private readonly batches: BatchRepository,
    private readonly audit: AuditLogRepository,
  ) {}

  async send(request: BatchRequest, actor: Actor, requestId: string | null): Promise<BatchResult> {
    checkBatchRequest(request);
    const ids = request.ids ? [...request.ids] : await this.matching(request, actor);
    const batchId = newId();
    const startedAt = this.clock.nowIso();
    await this.tx.run((em) =>
      this.batches.insert(em, {
        id: batchId,
        kind: 'events',
        operation: request.type,
        actorId: actor.id,
        atomic: request.atomic === true,
        status: 'running',
        total: ids.length,
        ok: 0,
        refused: 0,
        params: {
          ...(request.ids ? { ids: request.ids.length } : {}),
          ...(request.filter ? { filter: request.filter } : {}),
          ...(request.comment !== undefined ? { comment: request.comment } : {}),
        },
        items: null,
        requestId,
        createdAt: startedAt,
        updatedAt: startedAt,
        finishedAt: null,
      }),
    );
    return request.atomic
      ? this.sendTogether(batchId, request, ids, actor, requestId)
      : this.sendEach(batchId, request, ids, actor, requestId);
  }

  /** The ids a filter matches within the caller's reach (the jurisdiction applied in SQL). */
  private async matching(request: BatchRequest, actor: Actor): Promise<string[]> {
    const scope = applicationScopeOf(actor);
    if (scope === null || !request.filter) return [];
    const ids = await this.applications.matchingIds(scope, request.filter, BATCH_MAX_ITEMS + 1);
    checkMatched(ids.length);
    return ids;
  }

  /** Each item in a transaction of its own; a refusal is that item's answer, the others go on. */
  private async sendEach(
    batchId: string,
    request: BatchRequest,
    ids: string[],
    actor: Actor,
    requestId: string | null,
  ): Promise<BatchResult> {
    const items: BatchItemResult[] = new Array<BatchItemResult>(ids.length);
    let next = 0;
    let done = 0;
    const counts = { ok: 0, refused: 0 };
    const worker = async () => {
      while (next < ids.length) {
        const i = next++;
        const id = ids[i]!;
        const item = await this.pipeline.run(itemCommand(request, id, actor, batchId)).then(
          ({ row }): BatchItemResult => ({ id, ok: true, state: row.state }),
          (error: unknown): BatchItemResult => {
            if (error instanceof DomainError) return refusalOf(id, error);
            // Not a refusal: reported on the item (and logged once here); the batch goes on.
            this.logger.error({ batchId, id, error: String(error) }, 'batch item failed');
            return { id, ok: false, code: 'INTERNAL', reasons: [msg('problem.internal')] };
          },
        );
        items[i] = item;
        counts[item.ok ? 'ok' : 'refused']++;
        if (++done % PROGRESS_EVERY === 0 && done < ids.length) {
          await this.tx.run((em) =>
            this.batches.progress(em, batchId, { ...counts }, this.clock.nowIso()),
          );
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, ids.length) }, worker));
    await this.tx.run(async (em) => {
      const at = this.clock.nowIso();
      await this.audit.append(
        em,
        batchAuditEntry({ batchId, request, actor, at, requestId, items, applied: true }),
      );
      await this.batches.finish(em, batchId, { status: 'done', ...counts, items }, at);
    });
    return { batchId, applied: true, items, summary: summarize(items) };
  }

  /** All or nothing: every item in one transaction; one refusal rolls every item back. */
  private async sendTogether(
    batchId: string,
    request: BatchRequest,
    ids: string[],
    actor: Actor,
    requestId: string | null,
  ): Promise<BatchResult> {
    const commands = ids.map((id) => itemCommand(request, id, actor, batchId));
    const record = async (
      em: EntityManager,
      items: BatchItemResult[],
      applied: boolean,
      at: string,
    ) => {
      await this.audit.append(
        em,
        batchAuditEntry({ batchId, request, actor, at, requestId, items, applied }),
      );
      const { ok, refused } = summarize(items);
      await this.batches.finish(
        em,
        batchId,
        { status: applied ? 'done' : 'rolledBack', ok, refused, items },
        at,
      );
    };
    const result = await this.pipeline.runTogether(commands, async (em, outcomes, at) => {
      const tried = outcomes.map((o, i) =>
        o.ok
          ? ({ id: ids[i]!, ok: true, state: o.outcome.row.state } as const)
          : refusalOf(ids[i]!, o.error),
      );
      const { applied, items } = settleAtomic(tried);
      if (applied) await record(em, items, true, at);
      return { commit: applied, value: { applied, items } };
    });
    // Rolled back: nothing of the items changed; the attempt itself is still recorded.
    if (!result.applied) {
      await this.tx.run((em) => record(em, result.items, false, this.clock.nowIso()));
    }
    return { batchId, ...result, summary: summarize(result.items) };
  }
}
