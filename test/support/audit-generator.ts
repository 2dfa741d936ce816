import type { EntityManager } from 'typeorm';
import { auditHash, type AuditRecord } from '../../src/domain/audit/hash-chain';
import { AuditLogRepository } from '../../src/modules/audit-log/audit-log.repository';
import { AuditSigner } from '../../src/modules/audit-log/audit-signer';
import { execute } from '../../src/infra/persistence/raw-sql';
import { TransactionRunner } from '../../src/infra/persistence/transaction-runner';
import type { TestApp } from './test-app';

const COLUMNS = `seq, at, actor_id, actor_role, actor_level, actor_region, subject_type, subject_id,
  enterprise_id, region_code, event, from_state, to_state, comment, data, request_id, prev_hash, hash,
  mac`;
const WIDTH = 19;

export const GENERATED_EVENTS = [
  'review.start',
  'expert.review.record',
  'review.recommend',
] as const;

/**
 * Appends `count` well-formed events to the chain with bulk inserts (not the API): alternately in
 * Hebei (130102) and Shanxi (140105), cycling through GENERATED_EVENTS.
 */
export const appendGeneratedEvents = async (
  t: TestApp,
  count: number,
  batch = 500,
): Promise<void> => {
  const log = t.app.get(AuditLogRepository);
  const signer = t.app.get(AuditSigner);
  const head = await log.head();
  let seq = head?.seq ?? 0;
  let prev = head?.hash ?? '0'.repeat(64);
  const tx = t.app.get(TransactionRunner);
  for (let done = 0; done < count; done += batch) {
    const n = Math.min(batch, count - done);
    const params: unknown[] = [];
    const rows: string[] = [];
    for (let i = 0; i < n; i++) {
      seq++;
      const hebei = seq % 2 === 0;
      const record: AuditRecord = {
        seq,
        at: new Date(Date.UTC(2026, 0, 1) + seq * 1000).toISOString(),
        actor: {
          id: `reviewer-${seq % 7}`,
          role: 'reviewer',
          level: 'city',
          regionCode: hebei ? '130100' : '140100',
        },
        subject: {
          type: 'application',
          id: `00000000-0000-7000-8000-${String(seq % 1000).padStart(12, '0')}`,
        },
        enterpriseId: null,
        regionCode: hebei ? '130102' : '140105',
        event: GENERATED_EVENTS[seq % GENERATED_EVENTS.length]!,
        fromState: 'submitted',
        toState: 'localReview',
        comment: seq % 5 === 0 ? `Checked, "noted", ok\nline ${seq}` : null,
        data: { n: seq, reasons: ['generated'] },
        requestId: `gen-${seq}`,
      };
      const hash = auditHash(prev, record);
      const base = rows.length * WIDTH;
      rows.push(`(${Array.from({ length: WIDTH }, (_, k) => `$${base + k + 1}`).join(', ')})`);
      params.push(
        seq,
        record.at,
        record.actor.id,
        record.actor.role,
        record.actor.level,
        record.actor.regionCode,
        record.subject.type,
        record.subject.id,
        null,
        record.regionCode,
        record.event,
        record.fromState,
        record.toState,
        record.comment,
        JSON.stringify(record.data),
        record.requestId,
        prev,
        hash,
        signer.eventMac(seq, hash),
      );
      prev = hash;
    }
    await tx.run((em: EntityManager) =>
      execute(em, `INSERT INTO audit_events (${COLUMNS}) VALUES ${rows.join(', ')}`, params),
    );
  }
};
