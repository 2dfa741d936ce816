import { creditCodeCheckCharacter } from '../../src/domain/identity/credit-code';
import { makeCreditCode } from '../factories/credit-code.factory';
import { createUser, loginAdmin, registerEnterprise, type Session } from '../support/actors';
import { startTestApp, type TestApp } from '../support/test-app';

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

describe('enterprises', () => {
  let t: TestApp;
  let admin: Session;
  beforeAll(async () => {
    t = await startTestApp();
    admin = await loginAdmin(t.http);
  });
  afterAll(() => t.close());

  it('registers an enterprise and its account without a token', async () => {
    const body = registration();
    const res = await t.http.post('/api/v1/enterprises').send(body).expect(201);
    expect(res.body).toEqual({
      id: expect.any(String),
      creditCode: body.creditCode,
      name: body.name,
      regionCode: '130102',
      sector: 'industry',
      establishedOn: '2010-06-01',
    });
  });

  it('refuses a credit code with a wrong check character', async () => {
    const good = makeCreditCode();
    const wrong = good.slice(0, 17) + (good.endsWith('0') ? '1' : '0');
    expect(creditCodeCheckCharacter(good.slice(0, 17))).toBe(good.charAt(17));
    const res = await t.http
      .post('/api/v1/enterprises')
      .send(registration({ creditCode: wrong }))
      .expect(400);
    expect(res.body.errors).toEqual([
      { field: 'creditCode', message: 'creditCode has a wrong check character (GB 32100)' },
    ]);
  });

  it.each([
    [{ regionCode: '139999' }, 'regionCode'],
    [{ sector: 'mining' }, 'sector'],
    [{ establishedOn: '2021-02-29' }, 'establishedOn'],
    [{ account: { username: 'x', password: 'short' } }, 'account.username'],
    [{ role: 'admin' }, 'role'],
  ])('refuses %j with 400', async (override, field) => {
    const res = await t.http.post('/api/v1/enterprises').send(registration(override)).expect(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });

  // Security review: POST /enterprises without `account` answered 500.
  const without = (field: string) => {
    const body: Record<string, unknown> = registration();
    if (field.startsWith('account.')) {
      const account = { ...(body.account as Record<string, unknown>) };
      delete account[field.slice('account.'.length)];
      body.account = account;
    } else {
      delete body[field];
    }
    return body;
  };

  it.each([
    'creditCode',
    'name',
    'regionCode',
    'sector',
    'establishedOn',
    'account',
    'account.username',
    'account.password',
  ])('refuses a registration without %s with 400 naming it', async (field) => {
    const res = await t.http.post('/api/v1/enterprises').send(without(field)).expect(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });

  it.each([
    [{ account: 'alice' }, 'account'],
    [{ account: ['alice', 'secret'] }, 'account'],
    [{ account: null }, 'account'],
    [{ name: 42 }, 'name'],
    [{ sector: null }, 'sector'],
    [{ establishedOn: 20100601 }, 'establishedOn'],
    [{ creditCode: { code: 'x' } }, 'creditCode'],
  ])('refuses %j (a wrong type) with 400 naming the field', async (override, field) => {
    const res = await t.http.post('/api/v1/enterprises').send(registration(override)).expect(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });

  it('refuses a duplicate credit code with 409, creating nothing', async () => {
    const body = registration();
    await t.http.post('/api/v1/enterprises').send(body).expect(201);
    const again = registration({ creditCode: body.creditCode });
    const res = await t.http.post('/api/v1/enterprises').send(again).expect(409);
    expect(res.body.code).toBe('DUPLICATE');
    await t.http.post('/api/v1/auth/token').send(again.account).expect(401);
  });

  it('shows an enterprise to itself and to authorities of its region only', async () => {
    const e = await registerEnterprise(t.http, { regionCode: '130102' });
    const other = await registerEnterprise(t.http, { regionCode: '130203' });
    const city = await createUser(t.http, admin, 'reviewer', {
      level: 'city',
      regionCode: '130100',
    });
    const otherCity = await createUser(t.http, admin, 'reviewer', {
      level: 'city',
      regionCode: '130200',
    });
    await t.http.get(`/api/v1/enterprises/${e.enterpriseId}`).set(e.auth).expect(200);
    await t.http.get(`/api/v1/enterprises/${e.enterpriseId}`).set(city.auth).expect(200);
    await t.http.get(`/api/v1/enterprises/${e.enterpriseId}`).set(otherCity.auth).expect(404);
    await t.http.get(`/api/v1/enterprises/${e.enterpriseId}`).set(other.auth).expect(404);
    const list = await t.http.get('/api/v1/enterprises?limit=500').set(city.auth).expect(200);
    const ids = list.body.items.map((x: { id: string }) => x.id);
    expect(ids).toContain(e.enterpriseId);
    expect(ids).not.toContain(other.enterpriseId);
    const search = await t.http
      .get(`/api/v1/enterprises?q=${encodeURIComponent(e.creditCode)}`)
      .set(city.auth)
      .expect(200);
    expect(search.body.items.map((x: { id: string }) => x.id)).toEqual([e.enterpriseId]);
    const mine = await t.http.get('/api/v1/enterprises').set(e.auth).expect(200);
    expect(mine.body.items.map((x: { id: string }) => x.id)).toEqual([e.enterpriseId]);
  });
});
