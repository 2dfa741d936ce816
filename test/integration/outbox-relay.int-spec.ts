import { DataSource } from 'typeorm';
import { OutboxRelay } from '../../src/modules/relay/outbox-relay.service';
import { OutboxRepository } from '../../src/modules/outbox/outbox.repository';
import { WebhookRepository } from '../../src/modules/webhooks/webhook.repository';
import { select } from '../../src/infra/persistence/raw-sql';
import { TransactionRunner } from '../../src/infra/persistence/transaction-runner';
import { createAuthorities, loginAdmin } from '../support/actors';
import { FakeClock } from '../support/fake-clock';
import { walkInnovative } from '../support/journeys';
import { createTestDatabase } from '../support/test-database';
import { startTestApp, type TestApp } from '../support/test-app';
import { documentedVerifier, startReceiver } from '../support/webhook-receiver';

const START = '2026-05-11T02:00:00.000Z';
const verify = documentedVerifier();

type Body = { id: string; type: string; seq: number; subject: { id: string } };

const subscribe = async (t: TestApp, url: string) => {
  const admin = await loginAdmin(t.http);
  const res = await t.http
    .post('/api/v1/webhooks')
    .set(admin.auth)
    .send({ url, events: ['*'] })
    .expect(201);
  return res.body as { id: string; secret: string };
};

const committedEvents = async (t: TestApp) =>
  select<{ seq: number | string; subject_id: string; event: string }>(
    t.app.get(DataSource).manager,
    `SELECT seq, subject_id, event FROM audit_events
      WHERE subject_type IN ('application', 'certificate') ORDER BY seq`,
  );

describe('outbox relay', () => {
  it('delivers after a crash: events committed by an instance that died undispatched, deliveries it held claimed', async () => {
    const db = createTestDatabase({ persistent: true });
    const clock = new FakeClock(START);
    const receiver = await startReceiver();
    let ids: string[];
    let secret: string;
    const first = await startTestApp({ db, clock });
    try {
      secret = (await subscribe(first, receiver.url)).secret;
      const a = await createAuthorities(first.http, await loginAdmin(first.http));
      ids = [(await walkInnovative(first, a, 'publicNotice')).id];
      // The first application's events dispatched, their deliveries claimed (a lease) but never
      // sent; the second's committed and never dispatched: then the instance dies.
      const relay = first.app.get(OutboxRelay);
      expect(await relay.dispatchAll()).toBe(5);
      const leased = await first.app.get(TransactionRunner).run((em) =>
        first.app.get(WebhookRepository).claimDue(em, {
          now: clock.nowIso(),
          leaseUntil: new Date(clock.now().getTime() + 60_000).toISOString(),
          limit: 100,
        }),
      );
      ids.push((await walkInnovative(first, a, 'localReview')).id);
      expect(await first.app.get(OutboxRepository).backlog()).toBe(3);
      expect(leased.length).toBeGreaterThan(0);
    } finally {
      await first.close();
    }
    expect(receiver.received).toEqual([]);

    const second = await startTestApp({ db, clock });
    try {
      const relay = second.app.get(OutboxRelay);
      await relay.runOnce();
      // The dead instance's leased deliveries wait for their lease, then go.
      clock.advance(61_000);
      await relay.runOnce();
      expect(await second.app.get(OutboxRepository).backlog()).toBe(0);
      const bodies = receiver.received.map((r) => JSON.parse(r.body) as Body);
      const committed = await committedEvents(second);
      const delivered = new Set(bodies.map((b) => `${b.subject.id}:${b.seq}`));
      // No committed event missing; nothing delivered that was not committed.
      expect(committed.filter((e) => !delivered.has(`${e.subject_id}:${e.seq}`))).toEqual([]);
      const committedKeys = new Set(committed.map((e) => `${e.subject_id}:${e.seq}`));
      expect(bodies.filter((b) => !committedKeys.has(`${b.subject.id}:${b.seq}`))).toEqual([]);
      expect(new Set(bodies.map((b) => b.id)).size).toBe(bodies.length);
      for (const id of ids) {
        const seqs = bodies.filter((b) => b.subject.id === id).map((b) => b.seq);
        expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
      }
      for (const r of receiver.received) {
        expect(verify(secret, r.headers, r.body, 300, clock.now().getTime())).toBe(true);
      }
    } finally {
      await second.close();
      await receiver.close();
      await db.drop();
    }
  }, 120_000);

  it('two instances on one database: every event delivered once per subscription, each subject in order', async () => {
    const db = createTestDatabase({ persistent: true });
    const clock = new FakeClock(START);
    const receiver = await startReceiver();
    const one = await startTestApp({ db, clock });
    const two = await startTestApp({ db, clock });
    try {
      await subscribe(one, receiver.url);
      const a = await createAuthorities(one.http, await loginAdmin(one.http));
      for (let i = 0; i < 12; i++) {
        await walkInnovative(i % 2 ? one : two, a, i % 3 ? 'publicNotice' : 'localReview');
      }
      const relays = [one.app.get(OutboxRelay), two.app.get(OutboxRelay)];
      const reports = [];
      for (let round = 0; round < 30; round++) {
        // Two SQLite connections may refuse each other a write lock: a refused pass retries.
        const outcomes = await Promise.allSettled(relays.map((r) => r.runOnce()));
        reports.push(...outcomes);
        const backlog = await one.app.get(OutboxRepository).backlog();
        const counts = await one.app.get(WebhookRepository).countByStatus();
        if (backlog === 0 && counts.pending === 0 && counts.failed === 0) break;
        clock.advance(61_000);
      }
      const committed = await committedEvents(one);
      const bodies = receiver.received.map((r) => JSON.parse(r.body) as Body);
      const firsts = new Map<string, Body>();
      for (const b of bodies) if (!firsts.has(b.id)) firsts.set(b.id, b);
      const delivered = new Set([...firsts.values()].map((b) => `${b.subject.id}:${b.seq}`));
      expect(committed.filter((e) => !delivered.has(`${e.subject_id}:${e.seq}`))).toEqual([]);
      // Duplicates: none here (no instance died mid-delivery); the documented window is a crash
      // between the receiver's answer and the record of it.
      expect(bodies.length - firsts.size).toBe(0);
      const bySubject = new Map<string, number[]>();
      for (const b of bodies)
        bySubject.set(b.subject.id, [...(bySubject.get(b.subject.id) ?? []), b.seq]);
      for (const seqs of bySubject.values()) expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
      if (db.kind === 'postgres') {
        const fulfilled = reports.filter((r) => r.status === 'fulfilled');
        expect(fulfilled).toHaveLength(reports.length);
      }
    } finally {
      await one.close();
      await two.close();
      await receiver.close();
      await db.drop();
    }
  }, 180_000);
});
