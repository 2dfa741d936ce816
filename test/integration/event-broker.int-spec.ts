import { randomBytes } from 'node:crypto';
import { connect, type NatsConnection } from 'nats';
import { EventBroker } from '../../src/modules/relay/event-broker';
import { OutboxRelay } from '../../src/modules/relay/outbox-relay.service';
import { OutboxRepository } from '../../src/modules/outbox/outbox.repository';
import { createAuthorities, loginAdmin } from '../support/actors';
import { walkInnovative } from '../support/journeys';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { startTestApp, type TestApp } from '../support/test-app';

// The real NATS JetStream server of this machine (see README, Testing).
const NATS_URL = process.env.TEST_NATS_URL ?? 'nats://127.0.0.1:4222';

type Body = { id: string; type: string; seq: number; subject: { id: string } };

describe('events published to NATS JetStream', () => {
  const suffix = randomBytes(4).toString('hex');
  const stream = `LADDER_TEST_${suffix}`;
  const subject = `ladder_test_${suffix}.events`;
  let nc: NatsConnection;
  let t: TestApp;
  let db: TestDatabase;

  beforeAll(async () => {
    db = createTestDatabase({ persistent: true });
    const url = new URL(NATS_URL);
    nc = await connect({ servers: `${url.hostname}:${url.port || '4222'}` });
    t = await startTestApp({
      db,
      env: {
        EVENTS_BROKER_URL: NATS_URL,
        EVENTS_BROKER_STREAM: stream,
        EVENTS_BROKER_SUBJECT: subject,
      },
    });
  });
  afterAll(async () => {
    await t.close();
    await db.drop();
    const jsm = await nc.jetstreamManager();
    await jsm.streams.delete(stream).catch(() => undefined);
    await nc.drain();
  });

  const messages = async () => {
    const jsm = await nc.jetstreamManager();
    const info = await jsm.streams.info(stream);
    const out: { subject: string; msgId: string | undefined; body: Body }[] = [];
    for (let seq = info.state.first_seq; seq <= info.state.last_seq; seq++) {
      const m = await jsm.streams.getMessage(stream, { seq });
      out.push({ subject: m.subject, msgId: m.header.get('Nats-Msg-Id'), body: m.json<Body>() });
    }
    return out;
  };

  it('publishes every event from the outbox, in order, once per event id', async () => {
    const a = await createAuthorities(t.http, await loginAdmin(t.http));
    const first = await walkInnovative(t, a, 'publicNotice');
    const second = await walkInnovative(t, a, 'submitted');
    await t.app.get(OutboxRelay).runOnce();
    const events = await t.app.get(OutboxRepository).all();
    const published = await messages();
    expect(published.map((m) => m.body.id)).toEqual(events.map((e) => e.id));
    expect(published.map((m) => m.msgId)).toEqual(events.map((e) => e.id));
    expect(published.map((m) => m.subject)).toEqual(events.map((e) => `${subject}.${e.type}`));
    expect(published.filter((m) => m.body.subject.id === first.id).map((m) => m.body.type)).toEqual(
      [
        'application.create',
        'application.submit',
        'application.review.start',
        'application.review.recommend',
        'application.notice.publish',
      ],
    );
    expect(published.filter((m) => m.body.subject.id === second.id)).toHaveLength(2);

    // A republish after a crash between the publish and the commit: JetStream drops the duplicate.
    await t.app.get(EventBroker).publish(events[0]!);
    expect(await messages()).toHaveLength(published.length);
  });

  it('leaves events undispatched while the broker cannot be reached, and publishes them later', async () => {
    const down = await startTestApp({
      db,
      env: {
        EVENTS_BROKER_URL: 'nats://127.0.0.1:1',
        EVENTS_BROKER_STREAM: stream,
        EVENTS_BROKER_SUBJECT: subject,
      },
    });
    try {
      const a = await createAuthorities(down.http, await loginAdmin(down.http));
      await walkInnovative(down, a, 'submitted');
      await expect(down.app.get(OutboxRelay).runOnce()).rejects.toThrow();
      expect(await down.app.get(OutboxRepository).backlog()).toBe(2);
    } finally {
      await down.close();
    }
    const before = (await messages()).length;
    await t.app.get(OutboxRelay).runOnce();
    expect(await t.app.get(OutboxRepository).backlog()).toBe(0);
    expect(await messages()).toHaveLength(before + 2);
  });
});
