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
import { databaseKindOf } from '../../shared/persistence/database-kind';
import { execute, select } from '../../shared/persistence/raw-sql';
import { AuditEventEntity } from './audit-event.entity';
import type { AuditEntry, AuditEventView } from './audit.types';

// Appends to the one global chain are serialized. SQLite transactions are already serialized by
// the TransactionRunner; on PostgreSQL this transaction-scoped advisory lock does it, held until
// commit, so seq has no gaps and every prevHash is the committed head.
const CHAIN_LOCK_KEY = 7_261_541_001;

const recordOf = (row: AuditEventEntity): AuditRecord => {
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

/** The audit log: append and read, nothing else. */
@Injectable()
export class AuditLogRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Appends one event inside the caller's transaction. */
  async append(em: EntityManager, entry: AuditEntry): Promise<AuditEventView> {
    if (databaseKindOf(em) === 'postgres') {
      await em.query('SELECT pg_advisory_xact_lock($1)', [CHAIN_LOCK_KEY]);
    }
    const [head] = await select<{ seq: number | string; hash: string }>(
      em,
      'SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1',
    );
    const seq = head ? Number(head.seq) + 1 : 1;
    const prevHash = head ? head.hash : GENESIS_HASH;
    const actor: AuditRecord['actor'] = { id: entry.actor.id, role: entry.actor.role };
    if (entry.actor.level) actor.level = entry.actor.level;
    if (entry.actor.regionCode) actor.regionCode = entry.actor.regionCode;
    // A plain-JSON copy: what is hashed is exactly what a verifier will read back.
    const dataText =
      entry.data === undefined || entry.data === null ? null : JSON.stringify(entry.data);
    const record: AuditRecord = {
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
    };
    const hash = auditHash(prevHash, record);
    await execute(
      em,
      `INSERT INTO audit_events (seq, at, actor_id, actor_role, actor_level, actor_region,
         subject_type, subject_id, enterprise_id, region_code, event, from_state, to_state,
         comment, data, request_id, prev_hash, hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)`,
      [
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
      ],
    );
    return { ...record, actor: actor as ActorRef, prevHash, hash };
  }

  async forSubject(type: string, id: string): Promise<AuditEventView[]> {
    const rows = await this.dataSource.getRepository(AuditEventEntity).find({
      where: { subjectType: type, subjectId: id },
      order: { seq: 'ASC' },
    });
    return rows.map(toAuditEventView);
  }

  /** Recomputes the chain from the first event, in pages, and reports the first broken link. */
  async verify(pageSize = 5000): Promise<ChainVerification> {
    const verifier = new ChainVerifier(1, GENESIS_HASH);
    let after = 0;
    for (;;) {
      const rows = await this.dataSource
        .getRepository(AuditEventEntity)
        .createQueryBuilder('e')
        .where('e.seq > :after', { after })
        .orderBy('e.seq', 'ASC')
        .limit(pageSize)
        .getMany();
      for (const row of rows) {
        const ok = verifier.push({
          seq: Number(row.seq),
          prevHash: row.prevHash,
          hash: row.hash,
          record: recordOf(row),
        });
        if (!ok) return verifier.result();
      }
      if (rows.length < pageSize) return verifier.result();
      after = Number(rows[rows.length - 1]!.seq);
    }
  }
}
