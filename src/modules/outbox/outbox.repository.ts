import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { DomainEvent } from '../../domain/events/domain-event';
import { databaseKindOf } from '../../infra/persistence/database-kind';
import { execute, select, type Statement } from '../../infra/persistence/raw-sql';

type OutboxRow = {
  id: string;
  type: string;
  subject_type: string;
  subject_id: string;
  seq: number | string;
  idx: number | string;
  payload: string;
};

const EVENT_COLUMNS = 'id, type, subject_type, subject_id, seq, idx, payload';

/** The event without what the row's own columns hold (written with every transition: kept small). */
const payloadOf = (event: DomainEvent): string => {
  const { id: _id, type: _type, seq: _seq, subject: _subject, ...rest } = event;
  return JSON.stringify(rest);
};

/** The event again, from its row (its fields in the order the pipeline built them). */
const eventOf = (r: OutboxRow): DomainEvent => {
  const { occurredAt, ...rest } = JSON.parse(r.payload) as Omit<
    DomainEvent,
    'id' | 'type' | 'seq' | 'subject'
  >;
  return {
    id: r.id,
    type: r.type,
    occurredAt,
    seq: Number(r.seq),
    subject: { kind: r.subject_type, id: r.subject_id },
    ...rest,
  };
};

/** A claimed event and its position among its transition's events. */
export type ClaimedEvent = { event: DomainEvent; idx: number };

/** The outbox table: written by the command pipeline, drained by the relay. */
@Injectable()
export class OutboxRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * The INSERT of a transition's events (one statement), for the audit append to send with its own
   * (`AuditLogRepository.append`'s companion: on PostgreSQL both in one round trip, inside the
   * chain lock); null when there are none.
   */
  statement(events: readonly DomainEvent[], at: string): Statement | null {
    if (events.length === 0) return null;
    const params: unknown[] = [];
    const rows = events.map((event, idx) => {
      const n = params.length;
      params.push(
        event.seq,
        idx,
        event.id,
        event.type,
        event.subject.kind,
        event.subject.id,
        payloadOf(event),
        at,
      );
      return `($${n + 1}, $${n + 2}, $${n + 3}, $${n + 4}, $${n + 5}, $${n + 6}, $${n + 7}, $${n + 8}, NULL)`;
    });
    return {
      sql: `INSERT INTO outbox (seq, idx, id, type, subject_type, subject_id, payload, created_at, dispatched_at)
       VALUES ${rows.join(', ')}`,
      params,
    };
  }

  /** Adds events in the caller's transaction, on their own (the pipeline sends them with the audit append). */
  async add(em: EntityManager, events: readonly DomainEvent[], at: string): Promise<void> {
    const insert = this.statement(events, at);
    if (insert) await execute(em, insert.sql, insert.params);
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
      `SELECT ${EVENT_COLUMNS} FROM outbox WHERE dispatched_at IS NULL
        ORDER BY seq, idx LIMIT $1${postgres ? ' FOR UPDATE SKIP LOCKED' : ''}`,
      [limit],
    );
    let claimed = rows;
    if (postgres && rows.length > 0) {
      // Rows before the batch's last one that the claim skipped are locked by another instance's
      // dispatch (rows after it are only beyond the limit — the rest of a transition's events, say).
      const position = (r: { seq: number | string; idx: number | string }) => `${r.seq}:${r.idx}`;
      const taken = new Set(rows.map(position));
      const last = rows[rows.length - 1]!;
      const skipped = await select<{
        seq: number | string;
        idx: number | string;
        subject_id: string;
      }>(
        em,
        `SELECT seq, idx, subject_id FROM outbox WHERE dispatched_at IS NULL
           AND (seq < $1 OR (seq = $2 AND idx < $3)) AND subject_id = ANY($4)`,
        [last.seq, last.seq, last.idx, [...new Set(rows.map((r) => r.subject_id))]],
      );
      const held = new Set(skipped.filter((r) => !taken.has(position(r))).map((r) => r.subject_id));
      if (held.size > 0) claimed = rows.filter((r) => !held.has(r.subject_id));
    }
    return claimed.map((r) => ({
      event: eventOf(r),
      idx: Number(r.idx),
    }));
  }

  /**
   * Marks claimed events dispatched, by their positions (the table's key). Typed parameters: the
   * VALUES list gives PostgreSQL no column to infer them from.
   */
  async markDispatched(
    em: EntityManager,
    claimed: readonly ClaimedEvent[],
    at: string,
  ): Promise<void> {
    if (claimed.length === 0) return;
    const params: unknown[] = [at];
    const positions = claimed.map(({ event, idx }) => {
      params.push(event.seq, idx);
      return `(CAST($${params.length - 1} AS integer), CAST($${params.length} AS integer))`;
    });
    await execute(
      em,
      `UPDATE outbox SET dispatched_at = $1 WHERE (seq, idx) IN (VALUES ${positions.join(', ')})`,
      params,
    );
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
      `SELECT ${EVENT_COLUMNS} FROM outbox ORDER BY seq, idx`,
    );
    return rows.map(eventOf);
  }
}
