import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { expectEveryApplicationReplays } from '../support/replay';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { failingFacts, passingFacts } from '../factories/facts.factory';
import { registerEnterprise, type Session } from '../support/actors';
import { startWithAuthorities, type Authorities } from '../support/authorities';
import type { TestApp } from '../support/test-app';

describe('assessments and the rules at submission', () => {
  let t: TestApp;
  let admin: Session;
  let authorities: Authorities;
  let dir: string;

  beforeAll(async () => {
    // Hebei raises the specialized-SME pass mark to 65 (a provincial override).
    dir = mkdtempSync(join(tmpdir(), 'ladder-scoring-'));
    const file = join(dir, 'scoring.json');
    writeFileSync(
      file,
      JSON.stringify({ provinces: { '130000': { specialized: { passMark: 65 } } } }),
    );
    ({
      t,
      admin,
      a: authorities,
    } = await startWithAuthorities({
      env: { SCORING_CONFIG_FILE: file },
    }));
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const assess = (session: Session, body: object) =>
    t.http.post('/api/v1/assessments').set(session.auth).send(body);

  it.each([
    ['innovative_sme', 'v2022', '2025-06-30'],
    ['specialized_sme', 'v2022', '2025-06-30'],
    ['little_giant', 'v2022', '2025-06-30'],
    ['innovative_sme', 'v2026', '2026-05-11'],
    ['specialized_sme', 'v2026', '2026-05-11'],
    ['little_giant', 'v2026', '2026-05-11'],
  ])('assesses %s under %s with its breakdown', async (tier, ruleSet, asOf) => {
    const res = await assess(admin, {
      tier,
      ruleSet,
      asOf,
      facts: passingFacts(Number(asOf.slice(0, 4))),
    }).expect(200);
    expect(res.body).toMatchObject({ tier, ruleSet, asOf, eligible: true });
    expect(res.body.reasons.join(' ')).toMatch(/^(Qualifies|Meets)/);
    expect(['direct', 'score']).toContain(res.body.route);
    expect(res.body.requirements.length).toBeGreaterThan(0);
    expect(res.body.requirements.every((r: { met: boolean }) => r.met)).toBe(true);
    if (ruleSet === 'v2022' && tier !== 'little_giant') {
      expect(res.body.dimensions.length).toBeGreaterThan(2);
      expect(res.body.dimensions[0].indicators[0]).toEqual(
        expect.objectContaining({
          key: expect.any(String),
          points: expect.any(Number),
          max: expect.any(Number),
        }),
      );
    }
  });

  it('explains a failure in words', async () => {
    const res = await assess(admin, {
      tier: 'specialized_sme',
      ruleSet: 'v2022',
      asOf: '2025-06-30',
      facts: failingFacts(2025),
    }).expect(200);
    expect(res.body.eligible).toBe(false);
    expect(res.body.reasons.length).toBeGreaterThan(0);
    expect(res.body.reasons.join(' ')).toMatch(/R&D/);
  });

  it('names a missing fact instead of failing the request', async () => {
    const res = await assess(admin, {
      tier: 'innovative_sme',
      ruleSet: 'v2022',
      asOf: '2025-06-30',
      facts: {},
    }).expect(200);
    expect(res.body.eligible).toBe(false);
    expect(res.body.reasons.join(' ')).toMatch(/missing/);
  });

  it("takes an enterprise's registered sector when its own assessment gives none", async () => {
    // docs/rules.md, "Facts": sector defaults to the enterprise's. A firm of 400 staff is an SME in
    // industry (under 1,000) but large in retail (300 or more); the enterprise is registered in retail.
    const retailer = await registerEnterprise(t.http, { sector: 'retail' });
    const { sector: _sector, ...facts } = passingFacts(2026);
    const own = await assess(retailer, {
      tier: 'innovative_sme',
      asOf: '2026-05-11',
      facts,
    }).expect(200);
    expect(own.body.reasons.join(' ')).not.toMatch(/sector is missing/);
    expect(own.body.eligible).toBe(false);
    expect(own.body.route).toBeNull();
    const stated = await assess(retailer, {
      tier: 'innovative_sme',
      asOf: '2026-05-11',
      facts: { ...facts, sector: 'industry' },
    }).expect(200);
    expect(stated.body.eligible).toBe(true);
    // An authority has no sector of its own: the facts must say it.
    const bare = await assess(authorities.province, {
      tier: 'innovative_sme',
      asOf: '2026-05-11',
      facts,
    }).expect(200);
    expect(bare.body.reasons.join(' ')).toMatch(/sector is missing/);
  });

  it('applies the provincial pass mark of the region', async () => {
    const body = {
      tier: 'specialized_sme',
      ruleSet: 'v2022',
      asOf: '2025-06-30',
      facts: passingFacts(2025),
    };
    const hebei = await assess(admin, { ...body, regionCode: '130102' }).expect(200);
    const shanxi = await assess(admin, { ...body, regionCode: '140000' }).expect(200);
    expect(hebei.body.passMark).toBe(65);
    expect(shanxi.body.passMark).toBe(60);
    const enterprise = await registerEnterprise(t.http, { regionCode: '130102' });
    expect((await assess(enterprise, body).expect(200)).body.passMark).toBe(65);
  });

  it.each([
    [{ tier: 'giant', facts: {} }, 'tier'],
    [{ tier: 'innovative_sme', ruleSet: 'v2030', facts: {} }, 'ruleSet'],
    [{ tier: 'innovative_sme', asOf: '2025-13-01', facts: {} }, 'asOf'],
    [
      { tier: 'innovative_sme', facts: { financials: [{ year: 2024, rdExpense: -5 }] } },
      'facts.financials.0.rdExpense',
    ],
    [{ tier: 'innovative_sme', facts: { nationalMarketShare: 101 } }, 'facts.nationalMarketShare'],
    [{ tier: 'innovative_sme' }, 'facts'],
  ])('refuses %j with 400 naming %s', async (body, field) => {
    const res = await assess(admin, body).expect(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });

  it('needs a token', async () => {
    await t.http
      .post('/api/v1/assessments')
      .send({ tier: 'innovative_sme', facts: {} })
      .expect(401);
  });

  it('refuses a failing submission with 422 and its reasons, writing nothing', async () => {
    const e = await registerEnterprise(t.http);
    const app = await t.http
      .post('/api/v1/applications')
      .set(e.auth)
      .send({ enterpriseId: e.enterpriseId, tier: 'innovative_sme', facts: failingFacts(2026) })
      .expect(201);
    const before = (await t.http.get('/api/v1/audit/verify').set(authorities.auditor.auth)).body
      .eventsChecked;
    const res = await t.http
      .post(`/api/v1/applications/${app.body.id}/events`)
      .set(e.auth)
      .send({ type: 'submit' })
      .expect(422);
    expect(res.body).toMatchObject({ code: 'RULE_NOT_MET', status: 422 });
    expect(res.body.reasons.length).toBeGreaterThan(0);
    expect(
      (await t.http.get('/api/v1/audit/verify').set(authorities.auditor.auth)).body.eventsChecked,
    ).toBe(before);
    const current = await t.http.get(`/api/v1/applications/${app.body.id}`).set(e.auth).expect(200);
    expect(current.body).toMatchObject({ state: 'draft', version: 1, assessment: null });

    // Corrected figures pass, and the assessment is stored for the reviewers.
    await t.http
      .patch(`/api/v1/applications/${app.body.id}`)
      .set(e.auth)
      .send({ facts: passingFacts(2026) })
      .expect(200);
    await t.http
      .post(`/api/v1/applications/${app.body.id}/events`)
      .set(e.auth)
      .send({ type: 'submit' })
      .expect(200);
    const seen = await t.http
      .get(`/api/v1/applications/${app.body.id}`)
      .set(authorities.city.auth)
      .expect(200);
    expect(seen.body.assessment).toMatchObject({
      tier: 'innovative_sme',
      ruleSet: 'v2026',
      eligible: true,
    });
  });

  it('refuses a specialized-SME application without a valid innovative title (422)', async () => {
    const e = await registerEnterprise(t.http);
    const res = await t.http
      .post('/api/v1/applications')
      .set(e.auth)
      .send({ enterpriseId: e.enterpriseId, tier: 'specialized_sme', facts: passingFacts(2026) })
      .expect(422);
    expect(res.body).toMatchObject({ code: 'PREREQUISITE_NOT_MET' });
    expect(res.body.reasons[0]).toMatch(/Innovative SME title/);
  });

  it('refuses a little-giant application without a valid specialized title (422)', async () => {
    const e = await registerEnterprise(t.http);
    const res = await t.http
      .post('/api/v1/applications')
      .set(e.auth)
      .send({ enterpriseId: e.enterpriseId, tier: 'little_giant', facts: passingFacts(2026) })
      .expect(422);
    expect(res.body.code).toBe('PREREQUISITE_NOT_MET');
  });

  it('replays every application it created, from the audit history, to its stored state', () =>
    expectEveryApplicationReplays(t));
});
