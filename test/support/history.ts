import { auditHash, type AuditRecord } from '../../src/domain/audit/hash-chain';

type Event = AuditRecord & { prevHash: string; hash: string };

/** Recomputes each event's hash from its content and its stored link. */
export const expectChained = (events: Event[]): void => {
  for (const e of events) {
    const { prevHash, hash, ...rest } = e;
    const record: AuditRecord = {
      seq: rest.seq,
      at: rest.at,
      actor: rest.actor,
      subject: rest.subject,
      enterpriseId: rest.enterpriseId,
      regionCode: rest.regionCode,
      event: rest.event,
      fromState: rest.fromState,
      toState: rest.toState,
      comment: rest.comment,
      data: rest.data,
      requestId: rest.requestId,
    };
    expect(auditHash(prevHash, record)).toBe(hash);
  }
  for (let i = 1; i < events.length; i++)
    expect(events[i]!.seq).toBeGreaterThan(events[i - 1]!.seq);
};
