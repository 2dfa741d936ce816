import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { execute, select } from '../../infra/persistence/raw-sql';

export type BatchRecord = {
  id: string;
  /** events: POST /applications/batch-events; migration: between machine versions; round: a call opened for re-review. */
  kind: 'events' | 'migration' | 'round';
  operation: string;
  actorId: string;
  atomic: boolean;
  status: 'running' | 'done' | 'rolledBack';
  total: number;
  ok: number;
  refused: number;
  params: Record<string, unknown> | null;
  items: unknown[] | null;
  requestId: string | null;
  createdAt: string;
  updatedAt: string;
  finishedAt: string | null;
};

type BatchRow = {
  id: string;
  kind: string;
  operation: string;
  actor_id: string;
  atomic: boolean | number;
  status: string;
  total: number | string;
  ok: number | string;
  refused: number | string;
  params: string | null;
  items: string | null;
  request_id: string | null;
  created_at: string;
  updated_at: string;
  finished_at: string | null;
};

const parse = <T>(text: string | null): T | null =>
  text === null ? null : (JSON.parse(text) as T);

const fromRow = (row: BatchRow): BatchRecord => ({
  id: row.id,
  kind: row.kind as BatchRecord['kind'],
  operation: row.operation,
  actorId: row.actor_id,
  atomic: Boolean(row.atomic),
  status: row.status as BatchRecord['status'],
  total: Number(row.total),
  ok: Number(row.ok),
  refused: Number(row.refused),
  params: parse<Record<string, unknown>>(row.params),
  items: parse<unknown[]>(row.items),
  requestId: row.request_id,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  finishedAt: row.finished_at,
});

/** The batches table: batch operations, their progress and their items' outcomes. */
@Injectable()
export class BatchRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(em: EntityManager, r: BatchRecord): Promise<void> {
    await execute(
      em,
      `INSERT INTO batches (id, kind, operation, actor_id, atomic, status, total, ok, refused,
         params, items, request_id, created_at, updated_at, finished_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
      [
        r.id,
        r.kind,
        r.operation,
        r.actorId,
        r.atomic,
        r.status,
        r.total,
        r.ok,
        r.refused,
        r.params === null ? null : JSON.stringify(r.params),
        r.items === null ? null : JSON.stringify(r.items),
        r.requestId,
        r.createdAt,
        r.updatedAt,
        r.finishedAt,
      ],
    );
  }

  /** Progress while the batch runs (counts only; the items are written when it ends). */
  async progress(
    em: EntityManager,
    id: string,
    counts: { ok: number; refused: number },
    at: string,
  ): Promise<void> {
    await execute(
      em,
      `UPDATE batches SET ok = $1, refused = $2, updated_at = $3 WHERE id = $4 AND status = 'running'`,
      [counts.ok, counts.refused, at, id],
    );
  }

  async finish(
    em: EntityManager,
    id: string,
    end: { status: BatchRecord['status']; ok: number; refused: number; items: unknown[] },
    at: string,
  ): Promise<void> {
    await execute(
      em,
      `UPDATE batches SET status = $1, ok = $2, refused = $3, items = $4, updated_at = $5,
         finished_at = $6 WHERE id = $7`,
      [end.status, end.ok, end.refused, JSON.stringify(end.items), at, at, id],
    );
  }

  /**
   * One more item handled, in the item's own transaction: the counts, the cursor (the last id
   * handled, in params.cursor) and, for a refusal, the item; so a resumed batch neither skips nor
   * repeats an item.
   */
  async advance(
    em: EntityManager,
    id: string,
    step: { cursor: string; ok: boolean; item?: unknown },
    at: string,
  ): Promise<void> {
    const [row] = await select<Pick<BatchRow, 'params' | 'items'>>(
      em,
      'SELECT params, items FROM batches WHERE id = $1',
      [id],
    );
    if (!row) throw new Error(`batch ${id} not found`);
    const params = { ...(parse<Record<string, unknown>>(row.params) ?? {}), cursor: step.cursor };
    const items = parse<unknown[]>(row.items) ?? [];
    if (step.item !== undefined) items.push(step.item);
    await execute(
      em,
      `UPDATE batches SET ok = ok + $1, refused = refused + $2, params = $3, items = $4,
         updated_at = $5 WHERE id = $6`,
      [step.ok ? 1 : 0, step.ok ? 0 : 1, JSON.stringify(params), JSON.stringify(items), at, id],
    );
  }

  async complete(em: EntityManager, id: string, at: string): Promise<void> {
    await execute(
      em,
      `UPDATE batches SET status = 'done', updated_at = $1, finished_at = $2 WHERE id = $3`,
      [at, at, id],
    );
  }

  /** Batches of a kind still running (to resume after a crash), oldest first. */
  async running(kind: BatchRecord['kind']): Promise<BatchRecord[]> {
    const rows = await select<BatchRow>(
      this.dataSource.manager,
      `SELECT * FROM batches WHERE kind = $1 AND status = 'running' ORDER BY created_at, id`,
      [kind],
    );
    return rows.map(fromRow);
  }

  async find(id: string, em?: EntityManager): Promise<BatchRecord | undefined> {
    const [row] = await select<BatchRow>(
      em ?? this.dataSource.manager,
      'SELECT * FROM batches WHERE id = $1',
      [id],
    );
    return row ? fromRow(row) : undefined;
  }
}
