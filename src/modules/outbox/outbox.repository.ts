import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { DomainEvent } from '../../domain/events/domain-event';
import { databaseKindOf } from '../../infra/persistence/database-kind';
import { execute, select } from '../../infra/persistence/raw-sql';

type OutboxRow = {
  id: string;
  subject_id: string;
  seq: number | string;
  idx: number | string;
  payload: string;
};

/** A claimed event and its position among its transition's events. */
export type ClaimedEvent = { event: DomainEvent; idx: number };

/** The outbox table: written by the command pipeline, drained by the relay. */
@Injectable()
export class OutboxRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Adds a transition's events, in the caller's transaction (the transition's own). */
  async add(em: EntityManager, events: readonly DomainEvent[], at: string): Promise<void> {
    let idx = 0;
    for (const event of events) {
      await execute(
        em,
        `INSERT INTO outbox (id, seq, idx, type, subject_type, subject_id, payload, created_at, dispatched_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, NULL)`,
        [
          event.id,
          event.seq,
          idx++,
          event.type,
          event.subject.kind,
          event.subject.id,
          JSON.stringify(event),
          at,
        ],
      );
    }
  }

  /**
   * Claims the next undispatched events, oldest first, for the rest of the caller's transaction.
   * On PostgreSQL the rows are locked (FOR UPDATE SKIP LOCKED, so instances share the work); a
   * subject with an older undispatched event that another instance holds is left out of the batch
   * (released at commit, taken later): a subject's events are dispatched in order across instances.
   */
  async claim(em: EntityManager, limit: number): Promise<ClaimedEvent[]> {
    const postgres = databaseKindOf(em) === 'postgres';
    const rows = await select<OutboxRow>(
      em,
      `SELECT id, subject_id, seq, idx, payload FROM outbox WHERE dispatched_at IS NULL
        ORDER BY seq, idx LIMIT $1${postgres ? ' FOR UPDATE SKIP LOCKED' : ''}`,
      [limit],
    );
    let claimed = rows;
    if (postgres && rows.length > 0) {
      // Older rows skipped by the claim are locked by another instance's dispatch.
      const ids = new Set(rows.map((r) => r.id));
      const subjects = [...new Set(rows.map((r) => r.subject_id))];
      const maxSeq = Math.max(...rows.map((r) => Number(r.seq)));
      const older = await select<{ id: string; subject_id: string }>(
        em,
        `SELECT id, subject_id FROM outbox WHERE dispatched_at IS NULL AND seq <= $1
           AND subject_id = ANY($2)`,
        [maxSeq, subjects],
      );
      const held = new Set(older.filter((r) => !ids.has(r.id)).map((r) => r.subject_id));
      if (held.size > 0) claimed = rows.filter((r) => !held.has(r.subject_id));
    }
    return claimed.map((r) => ({
      event: JSON.parse(r.payload) as DomainEvent,
      idx: Number(r.idx),
    }));
  }

  async markDispatched(em: EntityManager, ids: readonly string[], at: string): Promise<void> {
    if (ids.length === 0) return;
    const marks = ids.map((_, i) => `$${i + 2}`).join(', ');
    await execute(em, `UPDATE outbox SET dispatched_at = $1 WHERE id IN (${marks})`, [at, ...ids]);
  }

  /** Events committed and not yet dispatched (the `ladder_outbox_backlog` gauge). */
  async backlog(): Promise<number> {
    const [row] = await select<{ n: number | string }>(
      this.dataSource.manager,
      `SELECT COUNT(*) AS n FROM outbox WHERE dispatched_at IS NULL`,
    );
    return Number(row?.n ?? 0);
  }

  /** Every event, in order (tests and operators' checks). */
  async all(): Promise<DomainEvent[]> {
    const rows = await select<OutboxRow>(
      this.dataSource.manager,
      `SELECT id, subject_id, seq, idx, payload FROM outbox ORDER BY seq, idx`,
    );
    return rows.map((r) => JSON.parse(r.payload) as DomainEvent);
  }
}
