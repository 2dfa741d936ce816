import { DataSource } from 'typeorm';
import type { DomainEvent } from '../../src/domain/events/domain-event';
import { select } from '../../src/infra/persistence/raw-sql';
import { TransactionRunner } from '../../src/infra/persistence/transaction-runner';
import { OutboxRepository } from '../../src/modules/outbox/outbox.repository';
import { startTestApp, type TestApp } from '../support/test-app';

const AT = '2026-05-11T02:00:00.000Z';

const event = (seq: number, n: number, type: string, subjectId: string): DomainEvent => ({
  id: `0194a000-0000-7000-8000-${String(seq * 10 + n).padStart(12, '0')}`,
  type,
  occurredAt: AT,
  seq,
  subject: { kind: 'application', id: subjectId },
  tier: 'innovative_sme',
  regionCode: '130102',
  enterpriseId: '0194a000-0000-7000-8000-00000000e001',
  from: 'publicNotice',
  to: 'certified',
  actorRole: 'system',
  deadlines: [{ purpose: 'annualUpdate', event: 'annualUpdate.remind', dueAt: AT }],
  data: { action: 'application.certified', version: 7 },
});

describe('outbox repository', () => {
  let t: TestApp;
  let outbox: OutboxRepository;
  let tx: TransactionRunner;
  beforeAll(async () => {
    t = await startTestApp();
    outbox = t.app.get(OutboxRepository);
    tx = t.app.get(TransactionRunner);
  });
  afterAll(() => t.close());

  it("gives back each event exactly as written (fields and their order), in (seq, idx) order; a claim that ends inside a transition's events still takes them (on PostgreSQL it held the subject back: a batch of one subject never moved); marks only the claimed ones", async () => {
    const subject = '0194a000-0000-7000-8000-0000000000a1';
    // Two transitions, the second with a derived event: both of its rows in one statement.
    const first = [event(901, 0, 'application.review.start', subject)];
    const second = [
      event(902, 0, 'application.notice.close', subject),
      event(902, 1, 'application.certified', subject),
    ];
    await tx.run(async (em) => {
      await outbox.add(em, second, AT);
      await outbox.add(em, first, AT);
    });

    const all = await outbox.all();
    const written = [...first, ...second];
    expect(all).toEqual(written);
    // The webhook body is the event serialized: the same bytes as the pipeline's event.
    expect(all.map((e) => JSON.stringify(e))).toEqual(written.map((e) => JSON.stringify(e)));

    const claimed = await tx.run(async (em) => {
      const batch = await outbox.claim(em, 2);
      await outbox.markDispatched(em, batch, AT);
      return batch;
    });
    expect(claimed.map((c) => [c.event.seq, c.idx, c.event.type])).toEqual([
      [901, 0, 'application.review.start'],
      [902, 0, 'application.notice.close'],
    ]);
    const rows = await select<{ seq: number | string; idx: number | string; at: string | null }>(
      t.app.get(DataSource).manager,
      `SELECT seq, idx, dispatched_at AS at FROM outbox WHERE seq IN (901, 902) ORDER BY seq, idx`,
    );
    expect(rows.map((r) => [Number(r.seq), Number(r.idx), r.at])).toEqual([
      [901, 0, AT],
      [902, 0, AT],
      [902, 1, null],
    ]);
    expect(await outbox.backlog()).toBe(1);
  });
});
