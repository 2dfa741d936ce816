import { randomBytes } from 'node:crypto';
import { makeCreditCode } from '../factories/credit-code.factory';
import { passingFacts } from '../factories/facts.factory';
import { FakeClock } from '../support/fake-clock';
import {
  createUser,
  loginAdmin,
  registerEnterprise,
  type EnterpriseSession,
  type Session,
} from '../support/actors';
import { sendEvent } from '../support/journeys';
import { startTestApp, type TestApp } from '../support/test-app';

// Every endpoint × every kind of caller × the expected status, run against the real app.
// The fixture: an enterprise of Chang'an district (130102, Shijiazhuang, Hebei) with an
// innovative-SME application in provincial review and a certificate of its own.

const PERSONAS = [
  'anonymous',
  'enterpriseOwn',
  'enterpriseOther',
  'countyIn',
  'countyOut',
  'cityIn',
  'cityOut',
  'provinceIn',
  'provinceOut',
  'national',
  'expertIn',
  'expertOut',
  'expertNational',
  'auditorIn',
  'auditorOut',
  'auditorNational',
  'admin',
] as const;
type Persona = (typeof PERSONAS)[number];

type Fixture = {
  applicationId: string;
  enterpriseId: string;
  certificateId: string;
  creditCode: string;
  userId: string;
};

type Row = {
  method: 'get' | 'post' | 'patch';
  path: (f: Fixture) => string;
  body?: (f: Fixture) => object;
  /** Expected status per persona; `rest` for everyone not named. */
  expect: Partial<Record<Persona | 'rest', number>>;
};

const INSIDE = [
  'countyIn',
  'cityIn',
  'provinceIn',
  'national',
  'auditorIn',
  'auditorNational',
  'admin',
] as const;
const visibleTo = (extra: Persona[] = []): Row['expect'] => ({
  rest: 404,
  anonymous: 401,
  enterpriseOwn: 200,
  ...Object.fromEntries([...INSIDE, 'expertIn', 'expertNational', ...extra].map((p) => [p, 200])),
});
const adminOnly = (status = 200): Row['expect'] => ({ rest: 403, anonymous: 401, admin: status });
const auditorsOnly = (status = 200): Row['expect'] => ({
  rest: 403,
  anonymous: 401,
  auditorIn: status,
  auditorOut: status,
  auditorNational: status,
  admin: status,
});
const everyoneSignedIn = (status = 200): Row['expect'] => ({ rest: status, anonymous: 401 });

const unique = () => randomBytes(4).toString('hex');

const ROWS: Record<string, Row> = {
  'GET /me': { method: 'get', path: () => '/api/v1/me', expect: everyoneSignedIn() },
  'GET /users': { method: 'get', path: () => '/api/v1/users', expect: adminOnly() },
  'GET /users/{id}': {
    method: 'get',
    path: (f) => `/api/v1/users/${f.userId}`,
    expect: adminOnly(),
  },
  'POST /users': {
    method: 'post',
    path: () => '/api/v1/users',
    body: () => ({
      username: `u-${unique()}`,
      password: 'long-enough-pass',
      role: 'auditor',
      jurisdiction: { level: 'national' },
    }),
    expect: adminOnly(201),
  },
  'PATCH /users/{id}': {
    method: 'patch',
    path: (f) => `/api/v1/users/${f.userId}`,
    body: () => ({ disabled: false }),
    expect: adminOnly(),
  },
  'POST /enterprises (self-registration)': {
    method: 'post',
    path: () => '/api/v1/enterprises',
    body: () => ({
      creditCode: makeCreditCode(),
      name: `Matrix Co ${unique()}`,
      regionCode: '130102',
      sector: 'industry',
      establishedOn: '2015-01-01',
      account: { username: `m-${unique()}`, password: 'long-enough-pass' },
    }),
    expect: { rest: 201 },
  },
  'GET /enterprises': {
    method: 'get',
    path: () => '/api/v1/enterprises',
    expect: everyoneSignedIn(),
  },
  'GET /enterprises/{id}': {
    method: 'get',
    path: (f) => `/api/v1/enterprises/${f.enterpriseId}`,
    expect: { ...visibleTo(), expertOut: 404, auditorOut: 404 },
  },
  'POST /assessments': {
    method: 'post',
    path: () => '/api/v1/assessments',
    body: () => ({ tier: 'innovative_sme', facts: {} }),
    expect: everyoneSignedIn(200),
  },
  'POST /applications': {
    method: 'post',
    path: () => '/api/v1/applications',
    body: (f) => ({
      enterpriseId: f.enterpriseId,
      tier: 'innovative_sme',
      facts: passingFacts(2026),
    }),
    // Its own enterprise passes authorization and meets the one-open-application rule (409).
    expect: { rest: 403, anonymous: 401, enterpriseOwn: 409, enterpriseOther: 404 },
  },
  'GET /applications': {
    method: 'get',
    path: () => '/api/v1/applications',
    expect: everyoneSignedIn(),
  },
  'GET /applications/{id}': {
    method: 'get',
    path: (f) => `/api/v1/applications/${f.applicationId}`,
    expect: visibleTo(),
  },
  'GET /applications/{id}/history': {
    method: 'get',
    path: (f) => `/api/v1/applications/${f.applicationId}/history`,
    expect: visibleTo(),
  },
  'PATCH /applications/{id}': {
    method: 'patch',
    path: (f) => `/api/v1/applications/${f.applicationId}`,
    body: () => ({ facts: {} }),
    expect: { rest: 403, anonymous: 401, enterpriseOwn: 409, enterpriseOther: 404 },
  },
  'POST /applications/{id}/events expert.review.record': {
    method: 'post',
    path: (f) => `/api/v1/applications/${f.applicationId}/events`,
    body: () => ({ type: 'expert.review.record', data: { score: 80 } }),
    expect: {
      rest: 403,
      anonymous: 401,
      enterpriseOther: 404,
      countyOut: 404,
      cityOut: 404,
      provinceOut: 404,
      expertOut: 404,
      auditorOut: 404,
      expertIn: 200,
      expertNational: 200,
    },
  },
  'POST /applications/{id}/events notice.publish (others than the province)': {
    method: 'post',
    path: (f) => `/api/v1/applications/${f.applicationId}/events`,
    body: () => ({ type: 'notice.publish' }),
    expect: {
      rest: 403,
      anonymous: 401,
      enterpriseOther: 404,
      countyOut: 404,
      cityOut: 404,
      provinceOut: 404,
      expertOut: 404,
      auditorOut: 404,
      provinceIn: -1,
    },
  },
  'POST /applications/{id}/events submit (wrong state)': {
    method: 'post',
    path: (f) => `/api/v1/applications/${f.applicationId}/events`,
    body: () => ({ type: 'submit' }),
    expect: {
      rest: 403,
      anonymous: 401,
      enterpriseOwn: 409,
      enterpriseOther: 404,
      countyOut: 404,
      cityOut: 404,
      provinceOut: 404,
      expertOut: 404,
      auditorOut: 404,
    },
  },
  'GET /certificates': {
    method: 'get',
    path: () => '/api/v1/certificates',
    expect: everyoneSignedIn(),
  },
  'GET /certificates/{id}': {
    method: 'get',
    path: (f) => `/api/v1/certificates/${f.certificateId}`,
    expect: { ...visibleTo(), expertOut: 404, auditorOut: 404 },
  },
  'POST /certificates/{id}/events change.accept': {
    method: 'post',
    path: (f) => `/api/v1/certificates/${f.certificateId}/events`,
    body: () => ({ type: 'change.accept' }),
    expect: {
      rest: 403,
      anonymous: 401,
      enterpriseOther: 404,
      countyOut: 404,
      cityOut: 404,
      provinceOut: 404,
      expertOut: 404,
      auditorOut: 404,
      // The deciding authorities pass authorization: the title is not under change review (409).
      provinceIn: 409,
      national: 409,
    },
  },
  'GET /calls': { method: 'get', path: () => '/api/v1/calls', expect: everyoneSignedIn() },
  'POST /calls': {
    method: 'post',
    path: () => '/api/v1/calls',
    // Closes before it opens: authorized callers reach validation (400), nothing is created.
    body: () => ({
      tier: 'innovative_sme',
      regionCode: '130000',
      year: 2026,
      opensAt: '2026-06-01T00:00:00.000Z',
      closesAt: '2026-05-01T00:00:00.000Z',
    }),
    expect: { rest: 403, anonymous: 401, provinceIn: 400, national: 400, admin: 400 },
  },
  'GET /timers': { method: 'get', path: () => '/api/v1/timers', expect: adminOnly() },
  'PATCH /timers/{id}': {
    method: 'patch',
    path: () => '/api/v1/timers/00000000-0000-7000-8000-000000000000',
    body: () => ({ dueAt: '2026-06-01T00:00:00.000Z' }),
    expect: adminOnly(404),
  },
  'GET /workflows': { method: 'get', path: () => '/api/v1/workflows', expect: everyoneSignedIn() },
  'GET /audit/events': {
    method: 'get',
    path: () => '/api/v1/audit/events',
    expect: auditorsOnly(),
  },
  'GET /audit/verify': {
    method: 'get',
    path: () => '/api/v1/audit/verify',
    expect: auditorsOnly(),
  },
  'GET /audit/public-key': {
    method: 'get',
    path: () => '/api/v1/audit/public-key',
    expect: auditorsOnly(),
  },
  'GET /audit/applications/{id}/bundle': {
    method: 'get',
    path: (f) => `/api/v1/audit/applications/${f.applicationId}/bundle`,
    expect: { ...auditorsOnly(), auditorOut: 404 },
  },
  'GET /audit/applications/{id}/replay': {
    method: 'get',
    path: (f) => `/api/v1/audit/applications/${f.applicationId}/replay`,
    expect: { ...auditorsOnly(), auditorOut: 404 },
  },
  'POST /audit/checkpoints': {
    method: 'post',
    path: () => '/api/v1/audit/checkpoints',
    body: () => ({}),
    expect: adminOnly(201),
  },
  'GET /public/notices': {
    method: 'get',
    path: () => '/api/v1/public/notices',
    expect: { rest: 200 },
  },
  'GET /public/certificates': {
    method: 'get',
    path: (f) => `/api/v1/public/certificates?creditCode=${f.creditCode}`,
    expect: { rest: 200 },
  },
  'POST /public/notices/{id}/objections (not under notice)': {
    method: 'post',
    path: (f) => `/api/v1/public/notices/${f.applicationId}/objections`,
    body: () => ({ name: 'Li Na', contact: 'li@example.cn', reason: 'test' }),
    expect: { rest: 404 },
  },
};

describe('authorization matrix: every endpoint × every caller', () => {
  let t: TestApp;
  const sessions = {} as Record<Exclude<Persona, 'anonymous'>, Session>;
  let own: EnterpriseSession;
  let fixture: Fixture;

  beforeAll(async () => {
    t = await startTestApp({
      clock: new FakeClock('2026-09-29T02:00:00.000Z'),
      env: { RATE_LIMIT_OBJECTIONS_PER_MINUTE: '1000' },
    });
    const admin = await loginAdmin(t.http);
    const u = (role: 'reviewer' | 'expert' | 'auditor', level: string, regionCode?: string) =>
      createUser(t.http, admin, role, {
        level: level as 'city',
        ...(regionCode ? { regionCode } : {}),
      });
    Object.assign(sessions, {
      admin,
      countyIn: await u('reviewer', 'county', '130102'),
      countyOut: await u('reviewer', 'county', '130104'),
      cityIn: await u('reviewer', 'city', '130100'),
      cityOut: await u('reviewer', 'city', '130200'),
      provinceIn: await u('reviewer', 'province', '130000'),
      provinceOut: await u('reviewer', 'province', '140000'),
      national: await u('reviewer', 'national'),
      expertIn: await u('expert', 'province', '130000'),
      expertOut: await u('expert', 'province', '140000'),
      expertNational: await u('expert', 'national'),
      auditorIn: await u('auditor', 'province', '130000'),
      auditorOut: await u('auditor', 'province', '140000'),
      auditorNational: await u('auditor', 'national'),
    });
    own = await registerEnterprise(t.http, { regionCode: '130102' });
    sessions.enterpriseOwn = own;
    sessions.enterpriseOther = await registerEnterprise(t.http, { regionCode: '130102' });

    // A certificate of its own: one innovative application through to certification.
    const walk = async (until: string) => {
      const created = await t.http
        .post('/api/v1/applications')
        .set(own.auth)
        .send({
          enterpriseId: own.enterpriseId,
          tier: until === 'certified' ? 'innovative_sme' : 'specialized_sme',
          facts: passingFacts(2026),
        })
        .expect(201);
      const id = created.body.id as string;
      const steps: [Session, string][] = [
        [own, 'submit'],
        [sessions.cityIn, 'review.start'],
        [sessions.cityIn, 'review.recommend'],
      ];
      if (until === 'certified') steps.push([sessions.provinceIn, 'notice.publish']);
      for (const [who, type] of steps) await sendEvent(t.http, id, who, type).expect(200);
      return id;
    };
    const certifiedId = await walk('certified');
    const { body } = await t.http.get(`/api/v1/applications/${certifiedId}`).set(own.auth);
    t.clock.set(body.deadlines[0].dueAt);
    await t.app
      .get((await import('../../src/modules/commands/scheduler.service')).SchedulerService)
      .runDue();
    const certified = await t.http
      .get(`/api/v1/applications/${certifiedId}`)
      .set(own.auth)
      .expect(200);
    // And a specialized-SME application now in provincial review.
    const inReview = await walk('provincialReview');
    fixture = {
      applicationId: inReview,
      enterpriseId: own.enterpriseId,
      certificateId: certified.body.certificateId,
      creditCode: own.creditCode,
      userId: sessions.cityIn.id,
    };
  });
  afterAll(() => t.close());

  const cells = Object.entries(ROWS)
    .flatMap(([name, row]) =>
      PERSONAS.map((persona) => ({
        name,
        persona,
        row,
        expected: row.expect[persona] ?? row.expect.rest ?? 0,
      })),
    )
    .filter((c) => c.expected > 0);

  it(`has ${cells.length} cells`, () => {
    expect(cells.length).toBeGreaterThan(500);
  });

  it.each(cells)('$name as $persona → $expected', async ({ row, persona, expected }) => {
    const req = t.http[row.method](row.path(fixture));
    if (persona !== 'anonymous') req.set(sessions[persona].auth);
    const res = await (row.body ? req.send(row.body(fixture)) : req);
    expect(res.status).toBe(expected);
    if (res.status >= 400) {
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.code).toEqual(expect.any(String));
    }
  });
});

describe('mass assignment: privileged or unknown fields are refused', () => {
  let t: TestApp;
  let admin: Session;
  let e: EnterpriseSession;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await loginAdmin(t.http);
    e = await registerEnterprise(t.http);
  });
  afterAll(() => t.close());

  it.each([
    [
      'an application created with a state',
      '/api/v1/applications',
      () => ({
        enterpriseId: e.enterpriseId,
        tier: 'innovative_sme',
        facts: {},
        state: 'certified',
      }),
      'state',
    ],
    [
      'an application created with a version',
      '/api/v1/applications',
      () => ({ enterpriseId: e.enterpriseId, tier: 'innovative_sme', facts: {}, version: 99 }),
      'version',
    ],
    [
      'an application created with a certificate',
      '/api/v1/applications',
      () => ({
        enterpriseId: e.enterpriseId,
        tier: 'innovative_sme',
        facts: {},
        certificateId: e.enterpriseId,
      }),
      'certificateId',
    ],
    [
      'a user created with a token version',
      '/api/v1/users',
      () => ({
        username: `x${unique()}`,
        password: 'long-enough-pass',
        role: 'admin',
        tokenVersion: 7,
      }),
      'tokenVersion',
    ],
    [
      'a registration that picks its role',
      '/api/v1/enterprises',
      () => ({
        creditCode: makeCreditCode(),
        name: 'X',
        regionCode: '130102',
        sector: 'industry',
        establishedOn: '2015-01-01',
        account: { username: `x${unique()}`, password: 'long-enough-pass', role: 'admin' },
      }),
      'account.role',
    ],
    [
      'a registration that picks its id',
      '/api/v1/enterprises',
      () => ({
        id: '00000000-0000-7000-8000-000000000001',
        creditCode: makeCreditCode(),
        name: 'X',
        regionCode: '130102',
        sector: 'industry',
        establishedOn: '2015-01-01',
        account: { username: `x${unique()}`, password: 'long-enough-pass' },
      }),
      'id',
    ],
  ])('refuses %s (400)', async (_label, path, body, field) => {
    const session = path === '/api/v1/users' ? admin : e;
    const res = await t.http.post(path).set(session.auth).send(body()).expect(400);
    expect(res.body.errors.map((x: { field: string }) => x.field)).toContain(field);
  });

  it.each([
    ['role', { role: 'admin' }],
    ['enterpriseId', { enterpriseId: '00000000-0000-7000-8000-000000000001' }],
    ['jurisdiction', { jurisdiction: { level: 'national' } }],
  ])('refuses a user update that sets %s (400)', async (field, body) => {
    const res = await t.http.patch(`/api/v1/users/${e.id}`).set(admin.auth).send(body).expect(400);
    expect(res.body.errors.map((x: { field: string }) => x.field)).toContain(field);
  });

  it('refuses an event that carries a state, version or enterprise', async () => {
    const app = await t.http
      .post('/api/v1/applications')
      .set(e.auth)
      .send({ enterpriseId: e.enterpriseId, tier: 'innovative_sme', facts: passingFacts(2026) })
      .expect(201);
    for (const field of ['state', 'version', 'enterpriseId', 'actor', 'at']) {
      const res = await t.http
        .post(`/api/v1/applications/${app.body.id}/events`)
        .set(e.auth)
        .send({ type: 'submit', [field]: 'x' })
        .expect(400);
      expect(res.body.errors.map((x: { field: string }) => x.field)).toContain(field);
    }
    const current = await t.http.get(`/api/v1/applications/${app.body.id}`).set(e.auth).expect(200);
    expect(current.body).toMatchObject({ state: 'draft', version: 1 });
  });
});
