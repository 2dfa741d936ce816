// Racing requests resolve to one winner and clear 4xx answers on both databases, never a 500
// (security review M7, L3 and its addendum; PostgreSQL is where check-then-insert races).
import { randomUUID } from 'node:crypto';
import { makeCreditCode } from '../factories/credit-code.factory';
import { passingFacts } from '../factories/facts.factory';
import { registerEnterprise } from '../support/actors';
import { startTestApp, type TestApp } from '../support/test-app';

describe('races', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const statuses = (results: { status: number }[]) =>
    results.map((r) => r.status).sort((x, y) => x - y);

  it('M7: 20 racing creates of one tier give one open application and 19 × 409', async () => {
    const e = await registerEnterprise(t.http);
    const body = {
      enterpriseId: e.enterpriseId,
      tier: 'innovative_sme',
      facts: passingFacts(2026),
    };
    const results = await Promise.all(
      Array.from({ length: 20 }, () => t.http.post('/api/v1/applications').set(e.auth).send(body)),
    );
    expect(statuses(results)).toEqual([201, ...Array<number>(19).fill(409)]);
    for (const r of results.filter((x) => x.status === 409)) {
      expect(r.body.code).toBe('DUPLICATE');
    }
    const list = await t.http.get('/api/v1/applications?limit=500').set(e.auth).expect(200);
    expect(list.body.items).toHaveLength(1);
  });

  it('addendum: five racing creates with one Idempotency-Key make one application, no 500', async () => {
    const e = await registerEnterprise(t.http);
    const key = randomUUID();
    const body = {
      enterpriseId: e.enterpriseId,
      tier: 'innovative_sme',
      facts: passingFacts(2026),
    };
    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        t.http.post('/api/v1/applications').set(e.auth).set('Idempotency-Key', key).send(body),
      ),
    );
    for (const r of results) expect([201, 409]).toContain(r.status);
    const created = results.filter((r) => r.status === 201);
    expect(new Set(created.map((r) => r.body.id)).size).toBe(1);
    const list = await t.http.get('/api/v1/applications?limit=500').set(e.auth).expect(200);
    expect(list.body.items).toHaveLength(1);
    // A retry after the race is answered with the first response.
    const retry = await t.http
      .post('/api/v1/applications')
      .set(e.auth)
      .set('Idempotency-Key', key)
      .send(body)
      .expect(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.body.id).toBe(created[0]!.body.id);
  });

  it('L3: eight racing registrations of one credit code give one 201 and 7 × 409', async () => {
    const creditCode = makeCreditCode('130102');
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        t.http.post('/api/v1/enterprises').send({
          creditCode,
          name: `Racer ${i}`,
          regionCode: '130102',
          sector: 'industry',
          establishedOn: '2010-06-01',
          account: {
            username: `racer-${i}-${randomUUID().slice(0, 8)}`,
            password: 'long-enough-pass',
          },
        }),
      ),
    );
    expect(statuses(results)).toEqual([201, ...Array<number>(7).fill(409)]);
  });

  it('L3: racing registrations of one username give one 201 and the rest 409', async () => {
    const username = `same-${randomUUID().slice(0, 8)}`;
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        t.http.post('/api/v1/enterprises').send({
          creditCode: makeCreditCode('130102'),
          name: `Racer ${i}`,
          regionCode: '130102',
          sector: 'industry',
          establishedOn: '2010-06-01',
          account: { username, password: 'long-enough-pass' },
        }),
      ),
    );
    expect(statuses(results)).toEqual([201, ...Array<number>(5).fill(409)]);
  });
});
