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

  it('appendingLast: holds the events made during its work (readable by latestOf), writes them in order after it; writes none if the work throws, and leaves no hold behind for what follows in the transaction', async () => {
    const before = await audit.verify();
    const subject = { type: 'system' as const, id: 'held-1' };
    const seen = await tx.run((em) =>
      audit.appendingLast(em, async () => {
        await audit.append(em, { ...entry(1), subject, event: 'test.first' });
        await audit.append(em, { ...entry(2), subject, event: 'test.second' });
        // Held: not in the table yet, but the transaction's reads see it.
        const [row] = await em.query<{ n: number | string }[]>(
          `SELECT COUNT(*) AS n FROM audit_events WHERE subject_id = 'held-1'`,
        );
        return { n: Number(row?.n), latest: await audit.latestOf(em, subject, 'test.second') };
      }),
    );
    expect(seen.n).toBe(0);
    expect(seen.latest).toEqual({ event: 'test.second', at: entry(2).at, data: entry(2).data });
    const written = await audit.forSubject('system', 'held-1');
    expect(written.map((e) => e.event)).toEqual(['test.first', 'test.second']);
    expect(written[1]!.seq).toBe(written[0]!.seq + 1);

    // A throwing work writes nothing; the same transaction's next append is written at once.
    const after = await audit.verify();
    expect(after).toMatchObject({ ok: true, eventsChecked: before.eventsChecked + 2 });
    await tx.run(async (em) => {
      await expect(
        audit.appendingLast(em, async () => {
          await audit.append(em, { ...entry(3), subject: { type: 'system', id: 'held-2' } });
          throw new Error('refused');
        }),
      ).rejects.toThrow('refused');
      await audit.append(em, { ...entry(4), subject: { type: 'system', id: 'held-3' } });
      const rows = await em.query<{ subject_id: string }[]>(
        `SELECT subject_id FROM audit_events WHERE subject_id IN ('held-2', 'held-3')`,
      );
      expect(rows.map((r) => r.subject_id)).toEqual(['held-3']);
    });
    expect(await audit.verify()).toMatchObject({
      ok: true,
      eventsChecked: after.eventsChecked + 1,
    });
  });
});
