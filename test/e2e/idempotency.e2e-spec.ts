import { randomUUID } from 'node:crypto';
import { makeCreditCode } from '../factories/credit-code.factory';
import { passingFacts } from '../factories/facts.factory';
import { registerEnterprise, type Session } from '../support/actors';
import { startWithAuthorities, type Authorities } from '../support/authorities';
import type { TestApp } from '../support/test-app';

describe('Idempotency-Key', () => {
  let t: TestApp;
  let admin: Session;
  let a: Authorities;

  beforeAll(async () => {
    ({ t, admin, a } = await startWithAuthorities());
  });
  afterAll(() => t.close());

  const events = async () =>
    (await t.http.get('/api/v1/audit/verify').set(a.auditor.auth).expect(200)).body
      .eventsChecked as number;

  it('returns the first response to a retried creation and creates nothing more', async () => {
    const e = await registerEnterprise(t.http);
    const key = randomUUID();
    const body = {
      enterpriseId: e.enterpriseId,
      tier: 'innovative_sme',
      facts: passingFacts(2026),
    };
    const first = await t.http
      .post('/api/v1/applications')
      .set(e.auth)
      .set('Idempotency-Key', key)
      .send(body)
      .expect(201);
    const before = await events();
    const retry = await t.http
      .post('/api/v1/applications')
      .set(e.auth)
      .set('Idempotency-Key', key)
      .send(body)
      .expect(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.body).toEqual(first.body);
    expect(await events()).toBe(before);
    const list = await t.http.get('/api/v1/applications').set(e.auth).expect(200);
    expect(list.body.items).toHaveLength(1);
  });

  it('refuses the same key with a different request (422)', async () => {
    const e = await registerEnterprise(t.http);
    const key = randomUUID();
    await t.http
      .post('/api/v1/applications')
      .set(e.auth)
      .set('Idempotency-Key', key)
      .send({ enterpriseId: e.enterpriseId, tier: 'innovative_sme', facts: passingFacts(2026) })
      .expect(201);
    const res = await t.http
      .post('/api/v1/applications')
      .set(e.auth)
      .set('Idempotency-Key', key)
      .send({ enterpriseId: e.enterpriseId, tier: 'innovative_sme', facts: {} })
      .expect(422);
    expect(res.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('replays an event: the second delivery does not transition again', async () => {
    const e = await registerEnterprise(t.http);
    const app = await t.http
      .post('/api/v1/applications')
      .set(e.auth)
      .send({ enterpriseId: e.enterpriseId, tier: 'innovative_sme', facts: passingFacts(2026) })
      .expect(201);
    await t.http
      .post(`/api/v1/applications/${app.body.id}/events`)
      .set(e.auth)
      .send({ type: 'submit' })
      .expect(200);
    const key = randomUUID();
    const send = () =>
      t.http
        .post(`/api/v1/applications/${app.body.id}/events`)
        .set(a.city.auth)
        .set('Idempotency-Key', key)
        .send({ type: 'review.start' });
    const first = await send().expect(200);
    const second = await send().expect(200);
    expect(second.body).toEqual(first.body);
    const history = await t.http
      .get(`/api/v1/applications/${app.body.id}/history`)
      .set(e.auth)
      .expect(200);
    expect(
      history.body.items.filter((x: { event: string }) => x.event === 'review.start'),
    ).toHaveLength(1);
    // Without the key, the same event now is an invalid transition.
    await t.http
      .post(`/api/v1/applications/${app.body.id}/events`)
      .set(a.city.auth)
      .send({ type: 'review.start' })
      .expect(409);
  });

  it('replays a client error as it was', async () => {
    const key = randomUUID();
    const body = { username: 'bad', password: 'short', role: 'admin' };
    const first = await t.http
      .post('/api/v1/users')
      .set(admin.auth)
      .set('Idempotency-Key', key)
      .send(body)
      .expect(400);
    const again = await t.http
      .post('/api/v1/users')
      .set(admin.auth)
      .set('Idempotency-Key', key)
      .send(body)
      .expect(400);
    expect(again.body).toEqual(first.body);
    expect(again.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('scopes keys to the caller, and works for anonymous self-registration', async () => {
    const key = randomUUID();
    const body = {
      creditCode: makeCreditCode(),
      name: 'Idem Co',
      regionCode: '130102',
      sector: 'industry',
      establishedOn: '2015-01-01',
      account: { username: `idem-${key.slice(0, 8)}`, password: 'long-enough-pass' },
    };
    const first = await t.http
      .post('/api/v1/enterprises')
      .set('Idempotency-Key', key)
      .send(body)
      .expect(201);
    const retry = await t.http
      .post('/api/v1/enterprises')
      .set('Idempotency-Key', key)
      .send(body)
      .expect(201);
    expect(retry.body.id).toBe(first.body.id);
    // Another caller's identical key is another request.
    const reviewerKeyUse = await t.http
      .post('/api/v1/assessments')
      .set(a.city.auth)
      .set('Idempotency-Key', key)
      .send({ tier: 'innovative_sme', facts: {} });
    expect(reviewerKeyUse.status).toBe(200);
  });

  it('never stores a sign-in response, and refuses a malformed key', async () => {
    const key = randomUUID();
    const one = await t.http
      .post('/api/v1/auth/token')
      .set('Idempotency-Key', key)
      .send({ username: 'admin', password: 'admin-password-for-tests' })
      .expect(200);
    const two = await t.http
      .post('/api/v1/auth/token')
      .set('Idempotency-Key', key)
      .send({ username: 'admin', password: 'admin-password-for-tests' })
      .expect(200);
    expect(two.headers['idempotent-replayed']).toBeUndefined();
    expect(one.body.accessToken).toEqual(expect.any(String));
    const bad = await t.http
      .post('/api/v1/assessments')
      .set(admin.auth)
      .set('Idempotency-Key', 'x'.repeat(300))
      .send({ tier: 'innovative_sme', facts: {} })
      .expect(400);
    expect(bad.body.errors[0].field).toBe('Idempotency-Key');
  });
});
