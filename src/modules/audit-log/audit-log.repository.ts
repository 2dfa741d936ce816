import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { ActorRef } from '../../domain/access/roles';
import {
  auditHash,
  ChainVerifier,
  GENESIS_HASH,
  type AuditRecord,
  type ChainVerification,
} from '../../domain/audit/hash-chain';
import { databaseKindOf } from '../../infra/persistence/database-kind';
import {
  execute,
  select,
  shiftPlaceholders,
  type Statement,
} from '../../infra/persistence/raw-sql';
import { AuditEventEntity } from './audit-event.entity';
import { AuditSigner } from './audit-signer';
import type { Checkpoint } from '../../domain/audit/signature';
import type { AuditEntry, AuditEventView } from './audit-event.view';

// Appends to the one global chain are serialized. SQLite transactions are already serialized by
// the TransactionRunner; on PostgreSQL this transaction-scoped advisory lock does it, held until
// commit, so seq has no gaps and every prevHash is the committed head.
const CHAIN_LOCK_KEY = 7_261_541_001;

export const recordOf = (row: AuditEventEntity): AuditRecord => {
  const actor: AuditRecord['actor'] = { id: row.actorId, role: row.actorRole };
  if (row.actorLevel) actor.level = row.actorLevel;
  if (row.actorRegion) actor.regionCode = row.actorRegion;
  return {
    seq: Number(row.seq),
    at: row.at,
    actor,
    subject: { type: row.subjectType, id: row.subjectId },
    enterpriseId: row.enterpriseId,
    regionCode: row.regionCode,
    event: row.event,
    fromState: row.fromState,
    toState: row.toState,
    comment: row.comment,
    data: row.data === null ? null : (JSON.parse(row.data) as unknown),
    requestId: row.requestId,
  };
};

export const toAuditEventView = (row: AuditEventEntity): AuditEventView => {
  const record = recordOf(row);
  return {
    ...record,
    actor: record.actor as ActorRef,
    prevHash: row.prevHash,
    hash: row.hash,
  };
};

type Head = { seq: number; hash: string };
type Held = { entry: AuditEntry; companion: ((seq: number) => Statement | null) | undefined };

/** What `latestOf` tells of an event. */
export type LatestEvent = { event: string; at: string; data: unknown };

/**
 * The record an entry becomes at `seq`, and its data as stored. The data is a plain-JSON copy:
 * what is hashed is exactly what a verifier will read back.
 */
const recordOfEntry = (
  entry: AuditEntry,
  seq: number,
): { record: AuditRecord; dataText: string | null } => {
  const actor: AuditRecord['actor'] = { id: entry.actor.id, role: entry.actor.role };
  if (entry.actor.level) actor.level = entry.actor.level;
  if (entry.actor.regionCode) actor.regionCode = entry.actor.regionCode;
  const dataText =
    entry.data === undefined || entry.data === null ? null : JSON.stringify(entry.data);
  return {
    dataText,
    record: {
      seq,
      at: entry.at,
      actor,
      subject: entry.subject,
      enterpriseId: entry.enterpriseId ?? null,
      regionCode: entry.regionCode ?? null,
      event: entry.event,
      fromState: entry.fromState ?? null,
      toState: entry.toState ?? null,
      comment: entry.comment ?? null,
      data: dataText === null ? null : (JSON.parse(dataText) as unknown),
      requestId: entry.requestId ?? null,
    },
  };
};

/** The audit log (audit_events, audit_checkpoints): append and read, nothing else. */
@Injectable()
export class AuditLogRepository {
  /** The appends held back by `appendingLast`, per transaction. */
  private readonly held = new WeakMap<EntityManager, Held[]>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly signer: AuditSigner,
  ) {}

  /**
   * Runs `work` with this transaction's appends held back, then writes them, in the order they
   * were made, once `work` has finished: the last writes before the commit. On PostgreSQL the
   * chain lock is taken only then, so that it spans two round trips and the commit instead of
   * every read the answer needs. Reads of the audit log in the transaction (`latestOf`) see the
   * held events. If `work` throws, nothing held is written.
   */
  async appendingLast<T>(em: EntityManager, work: () => Promise<T>): Promise<T> {
    const held: Held[] = [];
    this.held.set(em, held);
    try {
      const value = await work();
      this.held.delete(em);
      if (held.length === 0) return value;
      let head = await this.headOf(em);
      for (const { entry, companion } of held) head = await this.write(em, head, entry, companion);
      return value;
    } finally {
      this.held.delete(em);
    }
  }

  /**
   * Appends the next link of the chain, inside the caller's transaction (or, within
   * `appendingLast`, once its work is done). `companion`, given the new seq, may name one more
   * write that belongs with it (the transition's outbox row): on PostgreSQL it goes in the same
   * statement as the audit row, so that the chain lock is held for as few round trips as possible
   * — the lock and the head in one, the two inserts in another, then the commit.
   */
  async append(
    em: EntityManager,
    entry: AuditEntry,
    companion?: (seq: number) => Statement | null,
  ): Promise<void> {
    const held = this.held.get(em);
    if (held) {
      held.push({ entry, companion });
      return;
    }
    await this.write(em, await this.headOf(em), entry, companion);
  }

  /** The head of the chain, locked on PostgreSQL until the transaction ends. */
  private headOf(em: EntityManager): Promise<Head | null> {
    return databaseKindOf(em) === 'postgres' ? this.lockedHead(em) : this.head(em);
  }

  /** Writes `entry` after `head`; returns the new head. */
  private async write(
    em: EntityManager,
    head: Head | null,
    entry: AuditEntry,
    companion?: (seq: number) => Statement | null,
  ): Promise<Head> {
    const seq = head ? head.seq + 1 : 1;
    const prevHash = head ? head.hash : GENESIS_HASH;
    const { record, dataText } = recordOfEntry(entry, seq);
    const actor = record.actor;
    const hash = auditHash(prevHash, record);
    const params = [
      seq,
      record.at,
      actor.id,
      actor.role,
      actor.level ?? null,
      actor.regionCode ?? null,
      record.subject.type,
      record.subject.id,
      record.enterpriseId,
      record.regionCode,
      record.event,
      record.fromState,
      record.toState,
      record.comment,
      dataText,
      record.requestId,
      prevHash,
      hash,
      this.signer.eventMac(seq, hash),
    ];
    const insert = `INSERT INTO audit_events (seq, at, actor_id, actor_role, actor_level, actor_region,
         subject_type, subject_id, enterprise_id, region_code, event, from_state, to_state,
         comment, data, request_id, prev_hash, hash, mac)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)`;
    const also = companion?.(seq) ?? null;
    if (also && databaseKindOf(em) === 'postgres') {
      // A data-modifying WITH: both inserts run, in one statement, or neither.
      await execute(
        em,
        `WITH appended AS (${insert}) ${shiftPlaceholders(also.sql, params.length)}`,
        [...params, ...also.params],
      );
    } else {
      await execute(em, insert, params);
      if (also) await execute(em, also.sql, also.params);
    }
    return { seq, hash };
  }

  /**
   * PostgreSQL: takes the chain lock and reads the head in one round trip — two statements in one
   * simple query; under READ COMMITTED the second takes its snapshot after the first has the lock,
   * so it sees the head as the previous holder committed it.
   */
  private async lockedHead(em: EntityManager): Promise<Head | null> {
    const client = (await em.queryRunner!.connect()) as {
      query(sql: string): Promise<{ rows: { seq: number | string; hash: string }[] }[]>;
    };
    const results = await client.query(
      `SELECT pg_advisory_xact_lock(${CHAIN_LOCK_KEY}); SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1`,
    );
    const [head] = results[1]?.rows ?? [];
    return head ? { seq: Number(head.seq), hash: head.hash } : null;
  }

  /** A page of a subject's events after `afterSeq`, oldest first. */
  async subjectPage(
    type: string,
    id: string,
    afterSeq: number,
    limit: number,
  ): Promise<AuditEventView[]> {
    const rows = await this.page({ subjectType: type, subjectId: id }, afterSeq, limit);
    return rows.map(toAuditEventView);
  }

  /**
   * Every event of a subject, oldest first, read page by page (security review M4: a long history
   * is never loaded at once; each event's data is at most 16 KB).
   */
  async *eventsOf(type: string, id: string, pageSize = 200): AsyncGenerator<AuditEventView> {
    let after = 0;
    for (;;) {
      const page = await this.subjectPage(type, id, after, pageSize);
      yield* page;
      if (page.length < pageSize) return;
      after = page[page.length - 1]!.seq;
    }
  }

  /**
   * The newest event of this name of a subject, read in the caller's transaction (an event held
   * back by `appendingLast` included): its name, time and data.
   */
  async latestOf(
    em: EntityManager | undefined,
    subject: { type: string; id: string },
    event: string,
  ): Promise<LatestEvent | undefined> {
    const held = em ? this.held.get(em) : undefined;
    const pending = held?.findLast(
      ({ entry }) =>
        entry.event === event &&
        entry.subject.type === subject.type &&
        entry.subject.id === subject.id,
    );
    if (pending) {
      const { record } = recordOfEntry(pending.entry, 0);
      return { event: record.event, at: record.at, data: record.data };
    }
    const [row] = await select<AuditRow>(
      em ?? this.dataSource.manager,
      `SELECT ${AUDIT_COLUMNS} FROM audit_events
        WHERE subject_type = $1 AND subject_id = $2 AND event = $3 ORDER BY seq DESC LIMIT 1`,
      [subject.type, subject.id, event],
    );
    if (!row) return undefined;
    const view = toAuditEventView(fromAuditRow(row));
    return { event: view.event, at: view.at, data: view.data };
  }

  /** Every event of a subject (for small histories and tests). */
  async forSubject(type: string, id: string): Promise<AuditEventView[]> {
    const events: AuditEventView[] = [];
    for await (const event of this.eventsOf(type, id)) events.push(event);
    return events;
  }

  /** The newest event: its seq and hash (the chain's head). */
  async head(
    em: EntityManager = this.dataSource.manager,
  ): Promise<{ seq: number; hash: string } | null> {
    const [head] = await select<{ seq: number | string; hash: string }>(
      em,
      'SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1',
    );
    return head ? { seq: Number(head.seq), hash: head.hash } : null;
  }

  /** Events matching the filter with seq in (afterSeq, upToSeq], in seq order (keyset paging). */
  async page(
    filter: AuditFilter,
    afterSeq: number,
    limit: number,
    upToSeq?: number,
  ): Promise<AuditEventEntity[]> {
    if (filter.nothing) return [];
    const where: string[] = ['seq > $1'];
    const params: unknown[] = [afterSeq];
    const add = (clause: string, value: unknown) => {
      params.push(value);
      where.push(clause.replace('?', `$${params.length}`));
    };
    // The upper seq bound is added last (one bound only: SQLite ranges over one of several).
    let upper = upToSeq;
    if (filter.subjectType) add('subject_type = ?', filter.subjectType);
    if (filter.subjectId) add('subject_id = ?', filter.subjectId);
    if (filter.enterpriseId) add('enterprise_id = ?', filter.enterpriseId);
    if (filter.actorId) add('actor_id = ?', filter.actorId);
    const em = this.dataSource.manager;
    // With a subject, enterprise or actor, their own index is the narrow one: a unary + keeps
    // SQLite's planner (no statistics) off ix_audit_event, which would walk every event of the type.
    const narrower = filter.subjectId || filter.enterpriseId || filter.actorId;
    if (filter.event)
      add(narrower && databaseKindOf(em) === 'sqlite' ? '+event = ?' : 'event = ?', filter.event);
    const window = filter.from !== undefined && filter.to !== undefined;
    if (window && !narrower) {
      // A closed time window: ix_audit_at finds it, but then every event of the window would have to be
      // sorted by seq, and a window holds more events as the log grows. Instead, take the
      // window's seq bounds from the index, then walk the primary key from the lower bound in seq
      // order and stop at the page's last event (the time condition still filters every row).
      const bounds: string[] = [...where];
      const boundParams = [...params];
      const addBound = (clause: string, value: unknown) => {
        boundParams.push(value);
        bounds.push(clause.replace('?', `$${boundParams.length}`));
      };
      if (upper !== undefined) addBound('seq <= ?', upper);
      if (filter.from) addBound('at >= ?', filter.from);
      if (filter.to) addBound('at < ?', filter.to);
      const [range] = await select<{ lo: number | string | null; hi: number | string | null }>(
        em,
        `SELECT min(seq) AS lo, max(seq) AS hi FROM audit_events WHERE ${bounds.join(' AND ')}`,
        boundParams,
      );
      if (range?.lo === null || range?.lo === undefined) return [];
      params[0] = Math.max(afterSeq, Number(range.lo) - 1);
      upper = Number(range.hi);
      // SQLite: a unary + keeps the planner off ix_audit_at for these terms.
      const at = databaseKindOf(em) === 'postgres' ? 'at' : '+at';
      if (filter.from) add(`${at} >= ?`, filter.from);
      if (filter.to) add(`${at} < ?`, filter.to);
    } else {
      if (filter.from) add('at >= ?', filter.from);
      if (filter.to) add('at < ?', filter.to);
    }
    if (filter.regionPrefix !== undefined) add('region_code LIKE ?', `${filter.regionPrefix}%`);
    if (upper !== undefined) add('seq <= ?', upper);
    params.push(limit);
    const rows = await select<AuditRow>(
      em,
      `SELECT ${AUDIT_COLUMNS} FROM audit_events WHERE ${where.join(' AND ')} ORDER BY seq LIMIT $${params.length}`,
      params,
    );
    return rows.map(fromAuditRow);
  }

  /** The hash of the event at `seq`, if there is one. */
  async hashAt(seq: number): Promise<string | undefined> {
    const [row] = await select<{ hash: string }>(
      this.dataSource.manager,
      'SELECT hash FROM audit_events WHERE seq = $1',
      [seq],
    );
    return row?.hash;
  }

  /** Checkpoints, newest first. */
  /** The newest checkpoints first; below `beforeSeq` when given (keyset paging). */
  async checkpoints(limit: number, beforeSeq?: number): Promise<Checkpoint[]> {
    const rows = await select<CheckpointRow>(
      this.dataSource.manager,
      beforeSeq === undefined
        ? 'SELECT seq, hash, at, key_id, signature FROM audit_checkpoints ORDER BY seq DESC LIMIT $1'
        : 'SELECT seq, hash, at, key_id, signature FROM audit_checkpoints WHERE seq < $2 ORDER BY seq DESC LIMIT $1',
      beforeSeq === undefined ? [limit] : [limit, beforeSeq],
    );
    return rows.map(checkpointFromRow);
  }

  async latestCheckpoint(): Promise<Checkpoint | null> {
    return (await this.checkpoints(1))[0] ?? null;
  }

  async insertCheckpoint(em: EntityManager, checkpoint: Checkpoint): Promise<void> {
    await execute(
      em,
      'INSERT INTO audit_checkpoints (seq, hash, at, key_id, signature) VALUES ($1, $2, $3, $4, $5)',
      [checkpoint.seq, checkpoint.hash, checkpoint.at, checkpoint.keyId, checkpoint.signature],
    );
  }

  /** The stored hashes at these positions (absent positions are missing from the map). */
  async hashesAt(seqs: readonly number[]): Promise<Map<number, string>> {
    const found = new Map<number, string>();
    for (let i = 0; i < seqs.length; i += 500) {
      const part = seqs.slice(i, i + 500);
      const rows = await select<{ seq: number | string; hash: string }>(
        this.dataSource.manager,
        `SELECT seq, hash FROM audit_events WHERE seq IN (${part.map((_, k) => `$${k + 1}`).join(', ')})`,
        part,
      );
      for (const row of rows) found.set(Number(row.seq), row.hash);
    }
    return found;
  }

  /** Checkpoints with seq above `afterSeq`, oldest first (keyset paging). */
  async checkpointsAfter(afterSeq: number, limit: number): Promise<Checkpoint[]> {
    const rows = await select<CheckpointRow>(
      this.dataSource.manager,
      'SELECT seq, hash, at, key_id, signature FROM audit_checkpoints WHERE seq > $1 ORDER BY seq LIMIT $2',
      [afterSeq, limit],
    );
    return rows.map(checkpointFromRow);
  }

  /** Which of these positions have a checkpoint in the database. */
  async checkpointSeqs(seqs: readonly number[]): Promise<Set<number>> {
    const found = new Set<number>();
    for (let i = 0; i < seqs.length; i += 500) {
      const part = seqs.slice(i, i + 500);
      const rows = await select<{ seq: number | string }>(
        this.dataSource.manager,
        `SELECT seq FROM audit_checkpoints WHERE seq IN (${part.map((_, k) => `$${k + 1}`).join(', ')})`,
        part,
      );
      for (const row of rows) found.add(Number(row.seq));
    }
    return found;
  }

  /**
   * Recomputes the chain, in pages, from a verified starting point (the first event by default):
   * every event's position, link, hash and MAC.
   */
  async verify(
    start: { seq: number; hash: string } = { seq: 0, hash: GENESIS_HASH },
    // Pages of 250 events: at most a few megabytes each, with data bounded to 16 KB an event.
    pageSize = 250,
  ): Promise<ChainVerification> {
    // From a checkpoint: if the event there carries a MAC, every later one must.
    let macRequired = false;
    if (start.seq > 0) {
      const [row] = await select<{ mac: string | null }>(
        this.dataSource.manager,
        'SELECT mac FROM audit_events WHERE seq = $1',
        [start.seq],
      );
      macRequired = (row?.mac ?? null) !== null;
    }
    const verifier = new ChainVerifier(start.seq + 1, start.hash, {
      macMatches: (seq, hash, mac) => this.signer.eventMacMatches(seq, hash, mac),
      macRequired,
    });
    let after = start.seq;
    for (;;) {
      const rows = await this.page({}, after, pageSize);
      for (const row of rows) {
        const ok = verifier.push({
          seq: Number(row.seq),
          prevHash: row.prevHash,
          hash: row.hash,
          record: recordOf(row),
          mac: row.mac,
        });
        if (!ok) return verifier.result();
      }
      if (rows.length < pageSize) return verifier.result();
      after = Number(rows[rows.length - 1]!.seq);
      // Hashing is CPU work: let requests in between pages, so that a verification (or the
      // scheduler's checkpoint) never stalls the server.
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
}

export type AuditFilter = {
  subjectType?: string;
  subjectId?: string;
  enterpriseId?: string;
  actorId?: string;
  event?: string;
  from?: string;
  to?: string;
  /** Events of a region: codes starting with this prefix ('' for every event with a region). */
  regionPrefix?: string;
  /** The caller's scope and the filter do not meet: no event matches. */
  nothing?: boolean;
};

const AUDIT_COLUMNS = `seq, at, actor_id, actor_role, actor_level, actor_region, subject_type,
  subject_id, enterprise_id, region_code, event, from_state, to_state, comment, data, request_id,
  prev_hash, hash, mac`;

type AuditRow = {
  seq: number | string;
  at: string;
  actor_id: string;
  actor_role: string;
  actor_level: string | null;
  actor_region: string | null;
  subject_type: string;
  subject_id: string;
  enterprise_id: string | null;
  region_code: string | null;
  event: string;
  from_state: string | null;
  to_state: string | null;
  comment: string | null;
  data: string | null;
  request_id: string | null;
  prev_hash: string;
  hash: string;
  mac: string | null;
};

const fromAuditRow = (r: AuditRow): AuditEventEntity => ({
  seq: Number(r.seq),
  at: r.at,
  actorId: r.actor_id,
  actorRole: r.actor_role,
  actorLevel: r.actor_level,
  actorRegion: r.actor_region,
  subjectType: r.subject_type,
  subjectId: r.subject_id,
  enterpriseId: r.enterprise_id,
  regionCode: r.region_code,
  event: r.event,
  fromState: r.from_state,
  toState: r.to_state,
  comment: r.comment,
  data: r.data,
  requestId: r.request_id,
  prevHash: r.prev_hash,
  hash: r.hash,
  mac: r.mac,
});

type CheckpointRow = {
  seq: number | string;
  hash: string;
  at: string;
  key_id: string;
  signature: string;
};

const checkpointFromRow = (r: CheckpointRow): Checkpoint => ({
  seq: Number(r.seq),
  hash: r.hash,
  at: r.at,
  keyId: r.key_id,
  signature: r.signature,
});
