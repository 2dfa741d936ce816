import { DataSource } from 'typeorm';
import { OutboxRelay } from '../../src/modules/relay/outbox-relay.service';
import { OutboxRepository } from '../../src/modules/outbox/outbox.repository';
import { CertificateRepository } from '../../src/modules/certificates/certificate.repository';
import { SchedulerService } from '../../src/modules/commands/scheduler.service';
import { failingFacts } from '../factories/facts.factory';
import { registerEnterprise, type Session } from '../support/actors';
import { startWithAuthorities } from '../support/authorities';
import { sendEvent, walkInnovative, type Authorities } from '../support/journeys';
import type { TestApp } from '../support/test-app';
import { documentedVerifier, startReceiver } from '../support/webhook-receiver';

type Delivery = {
  id: string;
  eventId: string;
  eventType: string;
  attempt: number;
  status: string;
  responseStatus?: number;
  latencyMs?: number;
  nextAttemptAt?: string;
  attempts: { attempt: number; responseStatus?: number; latencyMs: number; error?: string }[];
};

const verify = documentedVerifier();

describe('events: outbox, webhooks, inbox', () => {
  let t: TestApp;
  let admin: Session;
  let a: Authorities;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;

  beforeAll(async () => {
    ({ t, admin, a } = await startWithAuthorities({
      env: { WEBHOOK_RETRY_BASE_MS: '1000', WEBHOOK_MAX_ATTEMPTS: '4', WEBHOOK_TIMEOUT_MS: '300' },
    }));
    receiver = await startReceiver();
  });
  afterAll(async () => {
    await receiver.close();
    await t.close();
  });

  const relay = () => t.app.get(OutboxRelay).runOnce();
  const outbox = () => t.app.get(OutboxRepository).all();
  const subscribe = async (body: object, who: Session = admin) => {
    const res = await t.http.post('/api/v1/webhooks').set(who.auth).send(body);
    expect(res.status).toBe(201);
    return res.body as { id: string; secret: string };
  };
  const deliveries = async (id: string): Promise<Delivery[]> => {
    const res = await t.http.get(`/api/v1/webhooks/${id}/deliveries`).set(admin.auth).expect(200);
    return (res.body as { items: Delivery[] }).items;
  };
  const unsubscribeAll = async () => {
    const res = await t.http.get('/api/v1/webhooks?limit=500').set(admin.auth).expect(200);
    for (const w of (res.body as { items: { id: string }[] }).items) {
      await t.http.delete(`/api/v1/webhooks/${w.id}`).set(admin.auth).expect(204);
    }
    await relay();
  };

  describe('the webhook API', () => {
    it.each([
      ['no url', { events: ['*'] }],
      ['a url that is not http', { url: 'ftp://example.cn/x', events: ['*'] }],
      ['a url with credentials', { url: 'http://u:p@example.cn/x', events: ['*'] }],
      ['no events', { url: 'http://example.cn/x', events: [] }],
      ['a malformed event pattern', { url: 'http://example.cn/x', events: ['app lication'] }],
      ['an unknown tier', { url: 'http://example.cn/x', events: ['*'], tiers: ['giant'] }],
      ['an unknown region', { url: 'http://example.cn/x', events: ['*'], regionCode: '999999' }],
      ['an unknown field', { url: 'http://example.cn/x', events: ['*'], secret: 'mine' }],
    ])('refuses %s with 400, creating nothing', async (_name, body) => {
      const res = await t.http.post('/api/v1/webhooks').set(admin.auth).send(body);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED' });
      const list = await t.http.get('/api/v1/webhooks').set(admin.auth).expect(200);
      expect((list.body as { items: unknown[] }).items).toEqual([]);
    });

    it('shows the secret once, and lets a province reviewer manage its own region only', async () => {
      const created = await subscribe({
        url: receiver.url,
        events: ['*'],
        tiers: ['little_giant'],
      });
      expect(created.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
      const got = await t.http.get(`/api/v1/webhooks/${created.id}`).set(admin.auth).expect(200);
      expect(got.body).not.toHaveProperty('secret');
      expect(got.body).toMatchObject({ url: receiver.url, events: ['*'], disabled: false });

      const own = await subscribe({ url: receiver.url, events: ['application.*'] }, a.province);
      expect(own).toMatchObject({ regionCode: '130000' });
      const outside = await t.http
        .post('/api/v1/webhooks')
        .set(a.province.auth)
        .send({ url: receiver.url, events: ['*'], regionCode: '140000' });
      expect(outside.status).toBe(403);
      // The other province sees neither; a city reviewer, an enterprise may not manage webhooks.
      await t.http.get(`/api/v1/webhooks/${own.id}`).set(a.otherProvince.auth).expect(404);
      await t.http.get(`/api/v1/webhooks/${created.id}`).set(a.province.auth).expect(404);
      await t.http.get('/api/v1/webhooks').set(a.city.auth).expect(403);
      const list = await t.http.get('/api/v1/webhooks').set(a.province.auth).expect(200);
      expect((list.body as { items: { id: string }[] }).items.map((w) => w.id)).toEqual([own.id]);

      const patched = await t.http
        .patch(`/api/v1/webhooks/${created.id}`)
        .set(admin.auth)
        .send({ disabled: true, events: ['certificate.*'] });
      expect(patched.status).toBe(200);
      expect(patched.body).toMatchObject({ disabled: true, events: ['certificate.*'] });
      await t.http
        .patch(`/api/v1/webhooks/${created.id}`)
        .set(admin.auth)
        .send({ disabled: 'yes' })
        .expect(400);
      await unsubscribeAll();
      await t.http.get(`/api/v1/webhooks/${created.id}`).set(admin.auth).expect(404);
      await t.http.get('/api/v1/webhooks/not-an-id').set(admin.auth).expect(404);
    });
  });

  it('writes no event for a refused or stale change, and the events of every committed one', async () => {
    await relay();
    const before = (await outbox()).length;
    const enterprise = await registerEnterprise(t.http);
    const year = t.clock.now().getUTCFullYear();
    const created = await t.http
      .post('/api/v1/applications')
      .set(enterprise.auth)
      .send({
        enterpriseId: enterprise.enterpriseId,
        tier: 'innovative_sme',
        facts: failingFacts(year),
      })
      .expect(201);
    const id = (created.body as { id: string }).id;
    const afterCreate = await outbox();
    expect(afterCreate.slice(before).map((e) => e.type)).toEqual(['application.create']);
    expect((await sendEvent(t.http, id, enterprise, 'submit')).status).toBe(422);
    const stale = await t.http
      .post(`/api/v1/applications/${id}/events`)
      .set(enterprise.auth)
      .set('If-Match', '"7"')
      .send({ type: 'withdraw' });
    expect(stale.status).toBe(412);
    expect(await outbox()).toHaveLength(afterCreate.length);
  });

  it('rolls the events back with a transition whose follow-up fails', async () => {
    const app = await walkInnovative(t, a, 'publicNotice');
    await relay();
    const before = await outbox();
    const certificates = t.app.get(CertificateRepository);
    const spy = jest.spyOn(certificates, 'insert').mockRejectedValue(new Error('disk full'));
    try {
      t.clock.set('2026-06-30T00:00:00.000Z');
      const report = await t.app.get(SchedulerService).runDue();
      expect(report.failed).toBeGreaterThan(0);
    } finally {
      spy.mockRestore();
    }
    const after = await outbox();
    expect(after).toHaveLength(before.length);
    expect(after.filter((e) => e.subject.id === app.id).map((e) => e.type)).not.toContain(
      'application.deadline.expired',
    );
    // Fired again once its lease is over, it commits: the events are there, certification included.
    t.clock.advance(61_000);
    await t.app.get(SchedulerService).runDue();
    const types = (await outbox()).filter((e) => e.subject.id === app.id).map((e) => e.type);
    expect(types.slice(-2)).toEqual(['application.deadline.expired', 'application.certified']);
  });

  it('delivers signed events in order per subject; the documented snippet verifies them', async () => {
    await relay();
    const hook = await subscribe({
      url: receiver.url,
      events: ['application.*'],
      regionCode: '130000',
    });
    const other = await subscribe({
      url: `${receiver.url}?other`,
      events: ['*'],
      regionCode: '440000',
    });
    receiver.received.length = 0;
    const first = await walkInnovative(t, a, 'publicNotice');
    const second = await walkInnovative(t, a, 'provincialReview');
    await relay();
    const bodies = receiver.received.map(
      (r) => JSON.parse(r.body) as { type: string; seq: number; subject: { id: string } },
    );
    const of = (id: string) => bodies.filter((b) => b.subject.id === id).map((b) => b.type);
    expect(of(first.id)).toEqual([
      'application.create',
      'application.submit',
      'application.review.start',
      'application.review.recommend',
      'application.notice.publish',
    ]);
    expect(of(second.id)).toEqual([
      'application.create',
      'application.submit',
      'application.review.start',
      'application.review.recommend',
    ]);
    for (const r of receiver.received) {
      expect(verify(hook.secret, r.headers, r.body, 300, t.clock.now().getTime())).toBe(true);
      expect(verify(other.secret, r.headers, r.body, 300, t.clock.now().getTime())).toBe(false);
      const tampered = r.body.replace('"application.', '"applicatioN.');
      expect(verify(hook.secret, r.headers, tampered, 300, t.clock.now().getTime())).toBe(false);
      // A replay long after fails the timestamp check.
      expect(verify(hook.secret, r.headers, r.body, 300, t.clock.now().getTime() + 600_000)).toBe(
        false,
      );
      expect(JSON.parse(r.body)).toMatchObject({ id: r.headers['webhook-id'] });
    }
    expect(await deliveries(other.id)).toEqual([]);
    const list = await deliveries(hook.id);
    expect(list).toHaveLength(9);
    expect(
      list.every((d) => d.status === 'delivered' && d.attempt === 1 && d.responseStatus === 200),
    ).toBe(true);
    await unsubscribeAll();
  });

  it('retries a failing receiver with backoff, records every attempt, and keeps the subject order', async () => {
    const hook = await subscribe({
      url: receiver.url,
      events: ['application.submit', 'application.review.*'],
    });
    receiver.received.length = 0;
    receiver.script.current = (n) => (n <= 3 ? 500 : 200);
    const app = await walkInnovative(t, a, 'localReview');
    await relay();
    // One attempt of the first event; the second waits behind it.
    expect(receiver.received.map((r) => r.status)).toEqual([500]);
    await relay();
    expect(receiver.received).toHaveLength(1);
    for (let i = 0; i < 3; i++) {
      t.clock.advance(60_000);
      await relay();
    }
    expect(receiver.received.map((r) => [JSON.parse(r.body).type, r.status])).toEqual([
      ['application.submit', 500],
      ['application.submit', 500],
      ['application.submit', 500],
      ['application.submit', 200],
      ['application.review.start', 200],
    ]);
    expect(new Set(receiver.received.slice(0, 4).map((r) => r.headers['webhook-id'])).size).toBe(1);
    const [submit, start] = (await deliveries(hook.id)).filter((d) => d.eventType !== 'x');
    expect(submit).toMatchObject({
      eventType: 'application.submit',
      status: 'delivered',
      attempt: 4,
    });
    expect(submit!.attempts.map((x) => x.responseStatus)).toEqual([500, 500, 500, 200]);
    expect(submit!.attempts.every((x) => typeof x.latencyMs === 'number')).toBe(true);
    expect(start).toMatchObject({
      eventType: 'application.review.start',
      status: 'delivered',
      attempt: 1,
    });
    expect(app.id).toBeDefined();
    receiver.script.current = () => 200;
    await unsubscribeAll();
  });

  it('dead-letters a delivery to a receiver that never answers; an admin re-delivers it', async () => {
    const hook = await subscribe({ url: receiver.url, events: ['application.submit'] });
    receiver.received.length = 0;
    receiver.script.current = () => 'hang';
    await walkInnovative(t, a, 'submitted');
    await relay();
    const [pending] = await deliveries(hook.id);
    expect(pending).toMatchObject({
      status: 'failed',
      attempt: 1,
      nextAttemptAt: expect.any(String),
    });
    expect(pending!.attempts[0]).toMatchObject({ error: 'timed out' });
    for (let i = 0; i < 5; i++) {
      t.clock.advance(3_600_000);
      await relay();
    }
    const [dead] = await deliveries(hook.id);
    expect(dead).toMatchObject({ status: 'dead', attempt: 4 });
    expect(dead).not.toHaveProperty('nextAttemptAt');
    expect(receiver.received).toHaveLength(4);
    const deadOnly = await t.http
      .get(`/api/v1/webhooks/${hook.id}/deliveries?status=dead`)
      .set(admin.auth)
      .expect(200);
    expect((deadOnly.body as { items: unknown[] }).items).toHaveLength(1);

    receiver.script.current = () => 204;
    await t.http
      .post(`/api/v1/webhooks/${hook.id}/deliveries/${dead!.id}/redeliver`)
      .set(a.city.auth)
      .expect(403);
    await t.http
      .post(
        `/api/v1/webhooks/${hook.id}/deliveries/${'0'.repeat(8)}-0000-7000-8000-000000000000/redeliver`,
      )
      .set(admin.auth)
      .expect(404);
    await t.http
      .post(`/api/v1/webhooks/${hook.id}/deliveries/${dead!.id}/redeliver`)
      .set(admin.auth)
      .expect(202);
    await relay();
    const [redelivered] = await deliveries(hook.id);
    expect(redelivered).toMatchObject({ status: 'delivered', attempt: 5, responseStatus: 204 });
    expect(receiver.received.at(-1)?.headers['webhook-id']).toBe(dead!.eventId);
    await unsubscribeAll();
  });

  it('does not follow a redirect to another host', async () => {
    const target = await startReceiver();
    const redirecting = await startReceiver(() => 307);
    try {
      const hook = await subscribe({ url: redirecting.url, events: ['application.create'] });
      await walkInnovative(t, a, 'submitted');
      await relay();
      const [d] = await deliveries(hook.id);
      expect(d).toMatchObject({ status: 'failed', responseStatus: 307 });
      expect(d!.attempts[0]).toMatchObject({ error: 'redirect not followed' });
      expect(target.received).toEqual([]);
    } finally {
      await target.close();
      await redirecting.close();
      await unsubscribeAll();
    }
  });

  it('tells the enterprise in its inbox, in its language', async () => {
    const app = await walkInnovative(t, a, 'localReview');
    await sendEvent(t.http, app.id, a.city, 'review.return', {
      reasons: ['Add the audit report.'],
      data: { requestedDocuments: [{ kind: 'financial_statement', year: 2025 }] },
    }).expect(200);
    await relay();
    const inbox = await t.http.get('/api/v1/me/notifications').set(app.owner.auth).expect(200);
    expect(inbox.body).toMatchObject({ unreadCount: 1, nextCursor: null });
    const [n] = (inbox.body as { items: Record<string, unknown>[] }).items;
    expect(n).toMatchObject({
      type: 'application.returned',
      subject: { kind: 'application', id: app.id },
      title: 'Your application was returned for completion',
      dueAt: expect.any(String),
    });
    expect(n!.body).toContain(String(n!.dueAt).slice(0, 10));
    const zh = await t.http
      .get('/api/v1/me/notifications?unread=true')
      .set(app.owner.auth)
      .set('Accept-Language', 'zh-CN')
      .expect(200);
    expect((zh.body as { items: { title: string }[] }).items[0]?.title).toBe(
      '您的申请已被退回补正',
    );

    // Another enterprise sees nothing of it, and cannot mark it read.
    const stranger = await registerEnterprise(t.http);
    const theirs = await t.http.get('/api/v1/me/notifications').set(stranger.auth).expect(200);
    expect(theirs.body).toMatchObject({ items: [], unreadCount: 0 });
    await t.http
      .post(`/api/v1/me/notifications/${String(n!.id)}/read`)
      .set(stranger.auth)
      .expect(404);
    await t.http.get('/api/v1/me/notifications').set(admin.auth).expect(403);
    await t.http.get('/api/v1/me/notifications?unread=maybe').set(app.owner.auth).expect(400);

    await t.http
      .post(`/api/v1/me/notifications/${String(n!.id)}/read`)
      .set(app.owner.auth)
      .expect(204);
    const unread = await t.http
      .get('/api/v1/me/notifications?unread=true')
      .set(app.owner.auth)
      .expect(200);
    expect(unread.body).toMatchObject({ items: [], unreadCount: 0 });
  });

  it('keeps the outbox drained: nothing left undispatched after a pass', async () => {
    await relay();
    expect(await t.app.get(OutboxRepository).backlog()).toBe(0);
    expect(t.app.get(DataSource).isInitialized).toBe(true);
  });
});

describe('webhook URLs inside the network (SSRF)', () => {
  let t: TestApp;
  let admin: Session;

  beforeAll(async () => {
    ({ t, admin } = await startWithAuthorities({
      env: { WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'false' },
    }));
  });
  afterAll(() => t.close());

  it.each([
    'http://127.0.0.1:9/hook',
    'http://localhost:9/hook',
    'http://[::1]:9/hook',
    'http://169.254.169.254/latest/meta-data/',
    'http://10.0.0.5/hook',
    'http://192.168.1.1/hook',
  ])('refuses %s with 400 and stores nothing', async (url) => {
    const res = await t.http
      .post('/api/v1/webhooks')
      .set(admin.auth)
      .send({ url, events: ['application.returned'] });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'url' }] });
    const list = await t.http.get('/api/v1/webhooks').set(admin.auth).expect(200);
    expect(list.body.items).toEqual([]);
  });
});
