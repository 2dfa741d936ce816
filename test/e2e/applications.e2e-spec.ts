import { passingFacts } from '../factories/facts.factory';
import { expectEveryApplicationReplays } from '../support/replay';
import { registerEnterprise, type EnterpriseSession, type Session } from '../support/actors';
import { startWithAuthorities, type Authorities } from '../support/authorities';
import type { TestApp } from '../support/test-app';

describe('applications API', () => {
  let t: TestApp;
  let authorities: Authorities;
  let enterprise: EnterpriseSession;

  beforeAll(async () => {
    ({ t, a: authorities } = await startWithAuthorities());
    enterprise = await registerEnterprise(t.http);
  });
  afterAll(() => t.close());

  // One open application per tier and enterprise: each test applies for an enterprise of its own.
  const create = async (tier = 'innovative_sme', who?: EnterpriseSession) => {
    const owner = who ?? (await registerEnterprise(t.http));
    const res = await t.http
      .post('/api/v1/applications')
      .set(owner.auth)
      .send({ enterpriseId: owner.enterpriseId, tier, facts: passingFacts(2026) })
      .expect(201);
    return { ...(res.body as { id: string; version: number }), owner };
  };
  const send = (id: string, session: Session, type: string, extra: object = {}) =>
    t.http
      .post(`/api/v1/applications/${id}/events`)
      .set(session.auth)
      .send({ type, ...extra });
  const submitted = async () => {
    const app = await create();
    await send(app.id, app.owner, 'submit').expect(200);
    return app;
  };
  const historyLength = async (id: string) =>
    (
      (
        await t.http
          .get(`/api/v1/applications/${id}/history`)
          .set(authorities.auditor.auth)
          .expect(200)
      ).body.items as unknown[]
    ).length;
  const auditCount = async () =>
    (await t.http.get('/api/v1/audit/verify').set(authorities.auditor.auth).expect(200)).body
      .eventsChecked as number;

  it('lets exactly one of 20 concurrent identical review events win; the rest get 409', async () => {
    const app = await submitted();
    const before = await historyLength(app.id);
    const results = await Promise.all(
      Array.from({ length: 20 }, () => send(app.id, authorities.city, 'review.start')),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(19);
    for (const r of results.filter((r) => r.status === 409)) {
      expect(r.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(['INVALID_TRANSITION', 'VERSION_CONFLICT']).toContain(r.body.code);
    }
    expect(await historyLength(app.id)).toBe(before + 1);
    const final = await t.http
      .get(`/api/v1/applications/${app.id}`)
      .set(authorities.city.auth)
      .expect(200);
    expect(final.body).toMatchObject({ state: 'localReview', version: 3 });
  });

  it('answers an event not allowed in the state with 409 and the events the caller may send', async () => {
    const app = await submitted();
    const res = await send(app.id, authorities.city, 'review.recommend').expect(409);
    expect(res.body).toMatchObject({
      code: 'INVALID_TRANSITION',
      status: 409,
      allowedEvents: ['review.start'],
    });
    expect(res.body.requestId).toBe(res.headers['x-request-id']);
  });

  it('hides an application from a reviewer of another region (404), and from another enterprise', async () => {
    const app = await submitted();
    const other = await registerEnterprise(t.http, { regionCode: '130203' });
    for (const session of [authorities.otherCity, authorities.otherProvince, other]) {
      await t.http.get(`/api/v1/applications/${app.id}`).set(session.auth).expect(404);
    }
    const res = await send(app.id, authorities.otherCity, 'review.start').expect(404);
    expect(res.body.code).toBe('NOT_FOUND');
    const list = await t.http
      .get('/api/v1/applications')
      .set(authorities.otherCity.auth)
      .expect(200);
    expect(list.body.items.map((a: { id: string }) => a.id)).not.toContain(app.id);
  });

  it('refuses a review event from an enterprise with 403', async () => {
    const app = await submitted();
    const res = await send(app.id, app.owner, 'review.start').expect(403);
    expect(res.body).toMatchObject({ code: 'FORBIDDEN', status: 403 });
    // A county reviewer may never publish a notice, whatever the state.
    await send(app.id, authorities.county, 'notice.publish').expect(403);
  });

  it.each([
    ['an unknown field', { type: 'review.start', state: 'certified' }, 'state'],
    ['an unknown event', { type: 'review.approve' }, 'type'],
    ['the scheduler-only event', { type: 'deadline.expired' }, 'type'],
    ['a wrong type', { type: 'review.start', reasons: 'not a list' }, 'reasons'],
    ['no type', { comment: 'hello' }, 'type'],
  ])('refuses a body with %s: 400 problem+json, nothing written', async (_label, body, field) => {
    const app = await submitted();
    const before = await auditCount();
    const res = await t.http
      .post(`/api/v1/applications/${app.id}/events`)
      .set(authorities.city.auth)
      .send(body)
      .expect(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    expect(await auditCount()).toBe(before);
    const current = await t.http
      .get(`/api/v1/applications/${app.id}`)
      .set(app.owner.auth)
      .expect(200);
    expect(current.body).toMatchObject({ state: 'submitted', version: 2 });
  });

  it('refuses malformed JSON and a non-JSON body', async () => {
    const app = await submitted();
    const bad = await t.http
      .post(`/api/v1/applications/${app.id}/events`)
      .set(authorities.city.auth)
      .set('Content-Type', 'application/json')
      .send('{"type": "review.start"')
      .expect(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    await t.http
      .post(`/api/v1/applications/${app.id}/events`)
      .set(authorities.city.auth)
      .set('Content-Type', 'text/plain')
      .send('review.start')
      .expect(415);
  });

  it('refuses bad facts on creation, with the field named', async () => {
    const before = await auditCount();
    const res = await t.http
      .post('/api/v1/applications')
      .set(enterprise.auth)
      .send({
        enterpriseId: enterprise.enterpriseId,
        tier: 'innovative_sme',
        facts: {
          financials: [{ year: 2025, operatingRevenue: 1.5 }],
          nicheMarketSince: '2020-02-30',
          bogus: 1,
        },
      })
      .expect(400);
    const fields = res.body.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        'facts.financials.0.operatingRevenue',
        'facts.nicheMarketSince',
        'facts.bogus',
      ]),
    );
    expect(await auditCount()).toBe(before);
  });

  it('lets an enterprise apply only for itself', async () => {
    const other = await registerEnterprise(t.http);
    await t.http
      .post('/api/v1/applications')
      .set(enterprise.auth)
      .send({ enterpriseId: other.enterpriseId, tier: 'innovative_sme', facts: {} })
      .expect(404);
    await t.http
      .post('/api/v1/applications')
      .set(authorities.city.auth)
      .send({ enterpriseId: enterprise.enterpriseId, tier: 'innovative_sme', facts: {} })
      .expect(403);
  });

  it('needs a reason to return or reject', async () => {
    const app = await submitted();
    await send(app.id, authorities.city, 'review.start').expect(200);
    const res = await send(app.id, authorities.city, 'review.return').expect(400);
    expect(res.body.errors[0].field).toBe('reasons');
    const returned = await send(app.id, authorities.city, 'review.return', {
      reasons: ['Audit report missing'],
    }).expect(200);
    expect(returned.body.state).toBe('returned');
    expect(returned.body.deadlines).toEqual([
      expect.objectContaining({ event: 'deadline.expired', purpose: 'return' }),
    ]);
    expect(returned.body.allowedEvents).toEqual([]);
    const mine = await t.http.get(`/api/v1/applications/${app.id}`).set(app.owner.auth).expect(200);
    expect(mine.body.allowedEvents).toEqual(['withdraw', 'resubmit']);
  });

  it('edits facts only in draft or returned, honouring If-Match', async () => {
    const app = await create();
    const facts = passingFacts(2026, { localFeaturePoints: 12 });
    await t.http
      .patch(`/api/v1/applications/${app.id}`)
      .set(app.owner.auth)
      .set('If-Match', '"7"')
      .send({ facts })
      .expect(412);
    const ok = await t.http
      .patch(`/api/v1/applications/${app.id}`)
      .set(app.owner.auth)
      .set('If-Match', '"1"')
      .send({ facts })
      .expect(200);
    expect(ok.body).toMatchObject({ version: 2, facts: { localFeaturePoints: 12 } });
    expect(ok.headers.etag).toBe('"2"');
    await send(app.id, app.owner, 'submit').expect(200);
    const late = await t.http
      .patch(`/api/v1/applications/${app.id}`)
      .set(app.owner.auth)
      .send({ facts })
      .expect(409);
    expect(late.body.code).toBe('INVALID_TRANSITION');
    await t.http
      .patch(`/api/v1/applications/${app.id}`)
      .set(authorities.city.auth)
      .send({ facts })
      .expect(403);
  });

  it('answers a stale If-Match on an event with 412 and changes nothing', async () => {
    const app = await submitted();
    const res = await t.http
      .post(`/api/v1/applications/${app.id}/events`)
      .set(authorities.city.auth)
      .set('If-Match', '"1"')
      .send({ type: 'review.start' })
      .expect(412);
    expect(res.body.code).toBe('PRECONDITION_FAILED');
    await t.http
      .post(`/api/v1/applications/${app.id}/events`)
      .set(authorities.city.auth)
      .set('If-Match', '"2"')
      .send({ type: 'review.start' })
      .expect(200);
  });

  it('lists each caller what it may see, with keyset pagination', async () => {
    const owners = [
      await registerEnterprise(t.http, { regionCode: '130104' }),
      await registerEnterprise(t.http, { regionCode: '130104' }),
      await registerEnterprise(t.http, { regionCode: '130104' }),
    ];
    const ids: string[] = [];
    for (const owner of owners) ids.push((await create('innovative_sme', owner)).id);
    const mine = await t.http.get('/api/v1/applications').set(owners[0]!.auth).expect(200);
    expect(mine.body).toEqual({
      items: [expect.objectContaining({ id: ids[0] })],
      nextCursor: null,
    });

    const page1 = await t.http
      .get('/api/v1/applications?regionCode=130104&state=draft&limit=2')
      .set(authorities.city.auth)
      .expect(200);
    expect(page1.body.items.map((a: { id: string }) => a.id)).toEqual(ids.slice(0, 2));
    expect(page1.body.nextCursor).toEqual(expect.any(String));
    const page2 = await t.http
      .get(
        `/api/v1/applications?regionCode=130104&state=draft&limit=2&cursor=${page1.body.nextCursor}`,
      )
      .set(authorities.city.auth)
      .expect(200);
    expect(page2.body).toEqual({
      items: [expect.objectContaining({ id: ids[2] })],
      nextCursor: null,
    });
    const county = await t.http
      .get('/api/v1/applications?limit=500')
      .set(authorities.county.auth)
      .expect(200);
    expect(county.body.items.map((a: { id: string }) => a.id)).not.toContain(ids[0]);
    await t.http.get('/api/v1/applications?limit=501').set(owners[0]!.auth).expect(400);
    await t.http.get('/api/v1/applications?state=flying').set(owners[0]!.auth).expect(400);
  });

  it('refuses a second open application of the same tier', async () => {
    const app = await create();
    const res = await t.http
      .post('/api/v1/applications')
      .set(app.owner.auth)
      .send({ enterpriseId: app.owner.enterpriseId, tier: 'innovative_sme', facts: {} })
      .expect(409);
    expect(res.body.code).toBe('DUPLICATE');
  });

  it('returns 401 without a token and 404 for an unknown id', async () => {
    await t.http.get('/api/v1/applications').expect(401);
    const res = await t.http
      .get('/api/v1/applications/01890000-0000-7000-8000-000000000000')
      .set(enterprise.auth)
      .expect(404);
    expect(res.body).toMatchObject({ code: 'NOT_FOUND', status: 404 });
    await t.http.get('/api/v1/applications/not-a-uuid').set(enterprise.auth).expect(400);
  });

  it('replays every application it created, from the audit history, to its stored state', () =>
    expectEveryApplicationReplays(t));
});
