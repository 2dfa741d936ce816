import { DataSource } from 'typeorm';
import { failingFacts, passingFacts } from '../factories/facts.factory';
import { registerEnterprise, type Session } from '../support/actors';
import { expectChained } from '../support/history';
import { startWithAuthorities, type Authorities } from '../support/authorities';
import { startTestApp, type TestApp } from '../support/test-app';

type Msg = { key: string; params?: Record<string, unknown> };
type Part = { key: string; met?: boolean; name?: string; detail?: string; detailCode?: Msg };

const CHINESE = /[\u4e00-\u9fff]/;
const EN = { 'Accept-Language': 'en' };
const ZH = { 'Accept-Language': 'zh-CN' };

/** What must not depend on the language: every code, key, figure and outcome. */
const neutral = (body: Record<string, unknown>) =>
  JSON.parse(
    JSON.stringify(body, (field, value: unknown) =>
      ['reasons', 'detail', 'band', 'name', 'title'].includes(field) ? undefined : value,
    ),
  ) as unknown;

describe('Chinese and English (Accept-Language)', () => {
  let t: TestApp;
  let admin: Session;
  let a: Authorities;

  beforeAll(async () => {
    ({ t, admin, a } = await startWithAuthorities());
  });
  afterAll(() => t.close());

  const assess = (headers: Record<string, string>, facts: object) =>
    t.http
      .post('/api/v1/assessments')
      .set(admin.auth)
      .set(headers)
      .send({ tier: 'specialized_sme', ruleSet: 'v2022', asOf: '2025-06-30', facts });

  it('POST /assessments: the same codes, the reasons in each language', async () => {
    const en = await assess(EN, failingFacts(2025)).expect(200);
    const zh = await assess(ZH, failingFacts(2025)).expect(200);
    expect(en.headers['content-language']).toBe('en');
    expect(zh.headers['content-language']).toBe('zh-CN');
    expect(en.headers.vary).toMatch(/Accept-Language/);
    expect(neutral(zh.body)).toEqual(neutral(en.body));
    expect(zh.body.reasonCodes).toEqual(en.body.reasonCodes);
    expect(en.body.reasonCodes.length).toBe(en.body.reasons.length);
    expect(en.body.reasonCodes[0]).toEqual({ key: expect.any(String), params: expect.any(Object) });
    expect(en.body.reasons.join(' ')).toMatch(/R&D expense/);
    expect(zh.body.reasons.join('')).toMatch(/研发费用/);
    for (const reason of zh.body.reasons as string[]) expect(reason).toMatch(CHINESE);
    for (const reason of en.body.reasons as string[]) expect(reason).not.toMatch(CHINESE);
    // Conditions: the same key, met and detailCode; the detail and the rule's name in words.
    const m2 = (body: { requirements: Part[] }) => body.requirements.find((r) => r.key === 'M2');
    expect(m2(zh.body)?.detailCode).toEqual(m2(en.body)?.detailCode);
    expect(m2(en.body)).toMatchObject({ name: 'M2 (R&D input)', met: false });
    expect(m2(zh.body)).toMatchObject({ name: 'M2（研发投入）', met: false });
    expect(m2(zh.body)?.detail).toMatch(/^M2（研发投入）：/);
    // Dimensions and indicators are named too; a band is words with its code beside it.
    const sn1 = (body: { dimensions: { key: string; name: string; indicators: Part[] }[] }) =>
      body.dimensions[0]?.indicators[0] as Part & { band: string; bandCode: Msg };
    expect(en.body.dimensions[0].name).toBe('Specialization');
    expect(zh.body.dimensions[0].name).toBe('专业化');
    expect(sn1(zh.body).bandCode).toEqual(sn1(en.body).bandCode);
    expect(sn1(zh.body).name).toBe('SN1（主营业务收入占营业收入比重）');
  });

  it('a passing assessment reads in either language', async () => {
    const en = await assess(EN, passingFacts(2025)).expect(200);
    const zh = await assess(ZH, passingFacts(2025)).expect(200);
    expect(en.body.eligible).toBe(true);
    expect(neutral(zh.body)).toEqual(neutral(en.body));
    expect(en.body.reasons[0]).toMatch(/^Qualifies through/);
    expect(zh.body.reasons[0]).toMatch(/^通过(评分|直通条件)/);
  });

  it.each([
    ['zh', 'zh-CN'],
    ['zh-Hans', 'zh-CN'],
    ['fr-FR, zh-CN;q=0.9, en;q=0.8', 'zh-CN'],
    ['zh-CN;q=0.4, en-GB;q=0.6', 'en'],
    ['de', 'en'],
  ])('Accept-Language %j answers in %s', async (header, locale) => {
    const res = await assess({ 'Accept-Language': header }, {}).expect(200);
    expect(res.headers['content-language']).toBe(locale);
    expect(res.body.reasons[0]).toMatch(locale === 'zh-CN' ? CHINESE : /^Eligibility/);
  });

  it('a problem: the same code, the title and reasons in each language', async () => {
    const e = await registerEnterprise(t.http);
    const app = await t.http
      .post('/api/v1/applications')
      .set(e.auth)
      .send({ enterpriseId: e.enterpriseId, tier: 'innovative_sme', facts: failingFacts(2026) })
      .expect(201);
    const submit = (headers: Record<string, string>) =>
      t.http
        .post(`/api/v1/applications/${app.body.id}/events`)
        .set(e.auth)
        .set(headers)
        .send({ type: 'submit' })
        .expect(422);
    const en = await submit(EN);
    const zh = await submit(ZH);
    expect(zh.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(neutral(zh.body)).toEqual({
      ...(neutral(en.body) as object),
      requestId: zh.body.requestId,
    });
    expect(en.body).toMatchObject({
      code: 'RULE_NOT_MET',
      title: 'A certification rule is not met',
      detail: 'The application does not meet the innovative SME rules',
    });
    expect(zh.body).toMatchObject({
      code: 'RULE_NOT_MET',
      title: '不符合认定条件',
      detail: '申请不符合创新型中小企业认定条件',
    });
    expect(zh.body.detailCode).toEqual(en.body.detailCode);
    expect(zh.body.reasonCodes).toEqual(en.body.reasonCodes);
    for (const reason of zh.body.reasons as string[]) expect(reason).toMatch(CHINESE);

    // Titles of framework problems too: 404 and 401.
    const missing = await t.http
      .get('/api/v1/applications/00000000-0000-4000-8000-000000000000')
      .set(e.auth)
      .set(ZH)
      .expect(404);
    expect(missing.body).toMatchObject({ code: 'NOT_FOUND', title: '未找到' });
    const anonymous = await t.http.get('/api/v1/applications').set(ZH).expect(401);
    expect(anonymous.body).toMatchObject({ code: 'UNAUTHENTICATED', title: '需要身份认证' });
  });

  it('an application read and its history: stored neutral, read in either language', async () => {
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
    const read = (headers: Record<string, string>) =>
      t.http.get(`/api/v1/applications/${app.body.id}`).set(a.city.auth).set(headers).expect(200);
    const en = await read(EN);
    const zh = await read(ZH);
    expect(neutral(zh.body)).toEqual(neutral(en.body));
    expect(en.body.assessment.reasons[0]).toMatch(/^Qualifies through/);
    expect(zh.body.assessment.reasons[0]).toMatch(CHINESE);
    expect(zh.body.assessment.reasonCodes).toEqual(en.body.assessment.reasonCodes);

    const history = (headers: Record<string, string>) =>
      t.http
        .get(`/api/v1/applications/${app.body.id}/history`)
        .set(a.auditor.auth)
        .set(headers)
        .expect(200);
    const hEn = await history(EN);
    const hZh = await history(ZH);
    type HistoryItem = {
      event: string;
      data: { assessment?: { reasons: unknown[] } };
      localizedData?: { assessment?: unknown };
    };
    const submitted = (body: { items: HistoryItem[] }) =>
      body.items.find((item) => item.event === 'submit')?.localizedData?.assessment as {
        reasons: string[];
        reasonCodes: Msg[];
      };
    // The event's data is shown as stored (its hash verifies): keys and parameters.
    const raw = (hEn.body as { items: HistoryItem[] }).items.find((i) => i.event === 'submit');
    expect(raw?.data.assessment?.reasons[0]).toEqual({
      key: expect.any(String),
      params: expect.anything(),
    });
    expectChained(hZh.body.items);
    expect(submitted(hEn.body).reasons[0]).toMatch(/^Qualifies through/);
    expect(submitted(hZh.body).reasons[0]).toMatch(CHINESE);
    expect(submitted(hZh.body).reasonCodes).toEqual(submitted(hEn.body).reasonCodes);
    expect(neutral(hZh.body)).toEqual(neutral(hEn.body));
  });

  it('the audit log and the application row store codes and parameters, not sentences', async () => {
    const rows = await t.app
      .get(DataSource)
      .query<{ data: unknown }[]>("SELECT data FROM audit_events WHERE event = 'submit'");
    expect(rows.length).toBeGreaterThan(0);
    const stored = await t.app
      .get(DataSource)
      .query<{ assessment: unknown }[]>(
        'SELECT assessment FROM applications WHERE assessment IS NOT NULL',
      );
    expect(stored.length).toBeGreaterThan(0);
    for (const row of stored)
      expect(JSON.stringify(row.assessment)).not.toMatch(/Qualifies through|meeting the minimum/);
    for (const row of rows) {
      const data = (typeof row.data === 'string' ? JSON.parse(row.data) : row.data) as {
        assessment: { reasons: unknown[]; requirements: { detail: unknown }[] };
      };
      for (const reason of data.assessment.reasons)
        expect(reason).toEqual({ key: expect.any(String), params: expect.anything() });
      for (const requirement of data.assessment.requirements)
        expect(requirement.detail).toEqual(expect.objectContaining({ key: expect.any(String) }));
      expect(JSON.stringify(data)).not.toMatch(/Qualifies through|meeting the minimum/);
    }
  });
});

describe('DEFAULT_LOCALE (no Accept-Language)', () => {
  it('answers in Simplified Chinese by default, in English when so configured', async () => {
    const zh = await startTestApp({ env: { DEFAULT_LOCALE: 'zh-CN' } });
    try {
      const res = await zh.http.get('/api/v1/applications').expect(401);
      expect(res.headers['content-language']).toBe('zh-CN');
      expect(res.body).toMatchObject({ code: 'UNAUTHENTICATED', title: '需要身份认证' });
      const asked = await zh.http.get('/api/v1/applications').set(EN).expect(401);
      expect(asked.body.title).toBe('Authentication required');
    } finally {
      await zh.close();
    }
  });
});
