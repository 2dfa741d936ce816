import { createUser, login, loginAdmin, registerEnterprise, type Session } from '../support/actors';
import { ADMIN, startTestApp, type TestApp } from '../support/test-app';

describe('authentication and users', () => {
  let t: TestApp;
  let admin: Session;
  beforeAll(async () => {
    t = await startTestApp();
    admin = await loginAdmin(t.http);
  });
  afterAll(() => t.close());

  it('issues a bearer token for the bootstrap admin and describes the caller', async () => {
    const res = await t.http.post('/api/v1/auth/token').send(ADMIN).expect(200);
    expect(res.body).toEqual({
      accessToken: expect.any(String),
      tokenType: 'Bearer',
      expiresIn: 900,
    });
    const me = await t.http
      .get('/api/v1/me')
      .set('Authorization', `Bearer ${res.body.accessToken}`)
      .expect(200);
    expect(me.body).toEqual({ id: expect.any(String), username: 'admin', role: 'admin' });
  });

  it.each([
    ['a wrong password', { username: ADMIN.username, password: 'wrong-password-here' }],
    ['an unknown user', { username: 'nobody', password: 'whatever-password' }],
  ])('refuses %s with the same 401', async (_label, body) => {
    const res = await t.http.post('/api/v1/auth/token').send(body).expect(401);
    expect(res.body).toMatchObject({
      code: 'UNAUTHENTICATED',
      detail: 'Wrong username or password',
    });
  });

  it.each([
    ['no header', undefined],
    ['a malformed header', 'Token abc'],
    ['a forged token', 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4IiwidHYiOjB9.c2lnbmF0dXJl'],
    ['an unsigned token', 'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4IiwidHYiOjB9.'],
  ])('answers %s with 401', async (_label, header) => {
    const req = t.http.get('/api/v1/me');
    if (header) req.set('Authorization', header);
    const res = await req.expect(401);
    expect(res.body.code).toBe('UNAUTHENTICATED');
  });

  it('lets the admin create users with a jurisdiction, and checks its shape', async () => {
    const reviewer = await createUser(t.http, admin, 'reviewer', {
      level: 'city',
      regionCode: '130100',
    });
    const me = await t.http.get('/api/v1/me').set(reviewer.auth).expect(200);
    expect(me.body).toMatchObject({
      role: 'reviewer',
      jurisdiction: { level: 'city', regionCode: '130100' },
    });

    const bad = [
      [{ role: 'reviewer' }, 'jurisdiction'],
      [
        { role: 'reviewer', jurisdiction: { level: 'city', regionCode: '130000' } },
        'jurisdiction.regionCode',
      ],
      [
        { role: 'reviewer', jurisdiction: { level: 'national', regionCode: '130000' } },
        'jurisdiction.regionCode',
      ],
      [
        { role: 'reviewer', jurisdiction: { level: 'city', regionCode: '999900' } },
        'jurisdiction.regionCode',
      ],
      [
        { role: 'expert', jurisdiction: { level: 'county', regionCode: '130102' } },
        'jurisdiction.level',
      ],
      [{ role: 'enterprise' }, 'enterpriseId'],
      [{ role: 'admin', jurisdiction: { level: 'national' } }, 'jurisdiction'],
      [{ role: 'superuser' }, 'role'],
    ] as const;
    for (const [body, field] of bad) {
      const res = await t.http
        .post('/api/v1/users')
        .set(admin.auth)
        .send({
          username: `u${Math.random().toString(36).slice(2, 8)}`,
          password: 'long-enough-pass',
          ...body,
        })
        .expect(400);
      expect({ body, fields: res.body.errors.map((e: { field: string }) => e.field) }).toEqual({
        body,
        fields: expect.arrayContaining([field]),
      });
    }
  });

  it('refuses a duplicate username with 409', async () => {
    const body = {
      username: 'dup-user',
      password: 'long-enough-pass',
      role: 'auditor',
      jurisdiction: { level: 'national' },
    };
    await t.http.post('/api/v1/users').set(admin.auth).send(body).expect(201);
    const res = await t.http.post('/api/v1/users').set(admin.auth).send(body).expect(409);
    expect(res.body.code).toBe('DUPLICATE');
  });

  it('keeps user administration to admins (403)', async () => {
    const auditor = await createUser(t.http, admin, 'auditor', { level: 'national' });
    await t.http.get('/api/v1/users').set(auditor.auth).expect(403);
    await t.http
      .post('/api/v1/users')
      .set(auditor.auth)
      .send({ username: 'sneaky', password: 'long-enough-pass', role: 'admin' })
      .expect(403);
  });

  it('ends existing tokens when a user is disabled or changes password', async () => {
    const user = await createUser(t.http, admin, 'auditor', { level: 'national' });
    await t.http.get('/api/v1/me').set(user.auth).expect(200);
    await t.http
      .patch(`/api/v1/users/${user.id}`)
      .set(admin.auth)
      .send({ disabled: true })
      .expect(200);
    await t.http.get('/api/v1/me').set(user.auth).expect(401);
    await t.http
      .post('/api/v1/auth/token')
      .send({ username: user.username, password: 'a-long-enough-password' })
      .expect(401);
    await t.http
      .patch(`/api/v1/users/${user.id}`)
      .set(admin.auth)
      .send({ disabled: false, password: 'a-new-long-password' })
      .expect(200);
    const again = await login(t.http, user.username, 'a-new-long-password');
    await t.http.get('/api/v1/me').set(again.auth).expect(200);
  });

  it('lists users with pagination and audits their creation', async () => {
    const page = await t.http.get('/api/v1/users?limit=1').set(admin.auth).expect(200);
    expect(page.body.items).toHaveLength(1);
    expect(page.body.nextCursor).toEqual(expect.any(String));
    expect(page.body.items[0]).not.toHaveProperty('passwordHash');
    await t.http.get('/api/v1/users?cursor=%%%').set(admin.auth).expect(400);
  });

  it('an enterprise user sees its enterprise id', async () => {
    const e = await registerEnterprise(t.http);
    const me = await t.http.get('/api/v1/me').set(e.auth).expect(200);
    expect(me.body).toMatchObject({ role: 'enterprise', enterpriseId: e.enterpriseId });
  });
});
