import { DataSource } from 'typeorm';
import { SYSTEM_ACTOR, toActorRef } from '../../src/domain/access/roles';
import { AuditLogRepository } from '../../src/modules/audit-log/audit-log.repository';
import { TransactionRunner } from '../../src/infra/persistence/transaction-runner';
import { startTestApp, type TestApp } from '../support/test-app';

describe('audit chain on a real database', () => {
  let t: TestApp;
  let audit: AuditLogRepository;
  let tx: TransactionRunner;

  beforeAll(async () => {
    t = await startTestApp();
    audit = t.app.get(AuditLogRepository);
    tx = t.app.get(TransactionRunner);
  });
  afterAll(() => t.close());

  const entry = (i: number) => ({
    at: '2026-05-11T02:00:00.000Z',
    actor: toActorRef(SYSTEM_ACTOR),
    subject: { type: 'system' as const, id: `s${i}` },
    event: 'test.appended',
    data: { i, nested: { z: 1, a: [1, 2, 3] } },
    requestId: `req-${i}`,
  });

  it('appends concurrent events as one gapless chain that verifies', async () => {
    const before = await audit.verify();
    await Promise.all(
      Array.from({ length: 50 }, (_, i) => tx.run((em) => audit.append(em, entry(i)))),
    );
    const after = await audit.verify();
    expect(after).toMatchObject({ ok: true, eventsChecked: before.eventsChecked + 50 });
    const seqs: { seq: number }[] = await t.app
      .get(DataSource)
      .query('SELECT seq FROM audit_events ORDER BY seq');
    expect(seqs.map((r) => Number(r.seq))).toEqual(seqs.map((_, i) => i + 1));
  });

  it('writes nothing when the transaction that appended rolls back', async () => {
    const before = await audit.verify();
    await expect(
      tx.run(async (em) => {
        await audit.append(em, entry(999));
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await audit.verify()).toEqual(before);
  });
});
