import { createHmac } from 'node:crypto';
import { FakeClock } from '../support/fake-clock';
import { createUser, loginAdmin, type Session } from '../support/actors';
import { startTestApp, type TestApp } from '../support/test-app';

const SECRET = 'test-secret-that-is-long-enough-0123456789';

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const forge = (header: object, payload: object, secret = SECRET, digest = 'sha256') => {
  const body = `${b64(header)}.${b64(payload)}`;
  return `${body}.${createHmac(digest, secret).update(body).digest('base64url')}`;
};

describe('authentication hardening', () => {
  let t: TestApp;
  let admin: Session;
  const login = (username: string, password: string) =>
    t.http.post('/api/v1/auth/token').send({ username, password });

  beforeAll(async () => {
    t = await startTestApp({
      clock: new FakeClock('2026-05-11T02:00:00.000Z'),
      env: { LOGIN_MAX_FAILURES: '3', LOGIN_LOCK_SECONDS: '30' },
    });
    admin = await loginAdmin(t.http);
  });
  afterAll(() => t.close());

  it('locks a username after repeated failures, with a lock that doubles', async () => {
    const user = await createUser(t.http, admin, 'auditor', { level: 'national' });
    const right = 'a-long-enough-password';
    for (let i = 0; i < 3; i++) await login(user.username, 'wrong-password!').expect(401);
    const locked = await login(user.username, right).expect(429);
    expect(locked.body).toMatchObject({ code: 'RATE_LIMITED' });
    t.clock.advance(30_000);
    await login(user.username, 'wrong-password!').expect(401);
    // The fourth failure locks for 60 s.
    t.clock.advance(30_000);
    await login(user.username, right).expect(429);
    t.clock.advance(30_001);
    await login(user.username, right).expect(200);
    // A success resets the count.
    await login(user.username, 'wrong-password!').expect(401);
    await login(user.username, right).expect(200);
  });

  // Security review H2: the attempts were counted after the password check, so a burst was all
  // evaluated (27 wrong guesses, then the right one answered 200 and reset the counter).
  it('evaluates at most LOGIN_MAX_FAILURES guesses of a burst, whatever the parallelism', async () => {
    const user = await createUser(t.http, admin, 'auditor', { level: 'national' });
    const burst = await Promise.all([
      ...Array.from({ length: 27 }, (_, i) => login(user.username, `wrong-guess-${i}`)),
      login(user.username, 'a-long-enough-password'),
    ]);
    const wrong = burst.slice(0, 27).map((r) => r.status);
    expect(wrong.filter((s) => s === 401).length).toBeLessThanOrEqual(3);
    expect(wrong.every((s) => s === 401 || s === 429)).toBe(true);
    expect([200, 429]).toContain(burst[27]!.status);
    // After the burst the username is locked: the right password too is refused.
    await login(user.username, 'a-long-enough-password').expect(429);
  });

  it('does not let a success in a burst erase the failures counted beside it', async () => {
    const user = await createUser(t.http, admin, 'auditor', { level: 'national' });
    await login(user.username, 'wrong-password!').expect(401);
    const burst = await Promise.all([
      login(user.username, 'a-long-enough-password'),
      login(user.username, 'wrong-password!'),
    ]);
    expect(burst.map((r) => r.status).sort()).toEqual([200, 401]);
    // The success clears the failure made before it, not the one made beside it: two more make
    // three (LOGIN_MAX_FAILURES), and the username is locked.
    await login(user.username, 'wrong-password!').expect(401);
    await login(user.username, 'wrong-password!').expect(401);
    await login(user.username, 'a-long-enough-password').expect(429);
  });

  it('counts unknown usernames the same way, so a lock reveals nothing', async () => {
    for (let i = 0; i < 3; i++) await login('nobody-here', 'whatever-pass').expect(401);
    await login('nobody-here', 'whatever-pass').expect(429);
  });

  it('pins the algorithm: HS512, none, and a wrong key are refused', async () => {
    const claims = {
      sub: admin.id,
      tv: 0,
      role: 'admin',
      exp: Math.floor(Date.now() / 1000) + 600,
    };
    const cases = [
      forge({ alg: 'HS512', typ: 'JWT' }, claims, SECRET, 'sha512'),
      `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.`,
      forge({ alg: 'HS256', typ: 'JWT' }, claims, 'another-secret-of-sufficient-length-xx'),
    ];
    for (const token of cases) {
      await t.http.get('/api/v1/me').set('Authorization', `Bearer ${token}`).expect(401);
    }
    // The same claims signed as the server signs them pass: the refusals above are the algorithm's.
    await t.http
      .get('/api/v1/me')
      .set('Authorization', `Bearer ${forge({ alg: 'HS256', typ: 'JWT' }, claims)}`)
      .expect(200);
  });

  it('refuses an expired token', async () => {
    const token = forge(
      { alg: 'HS256', typ: 'JWT' },
      { sub: admin.id, tv: 0, role: 'admin', exp: Math.floor(Date.now() / 1000) - 1 },
    );
    await t.http.get('/api/v1/me').set('Authorization', `Bearer ${token}`).expect(401);
  });

  it('sends security headers and no CORS by default', async () => {
    const res = await t.http.get('/health').set('Origin', 'https://evil.example').expect(200);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-frame-options']).toBeDefined();
    expect(res.headers['x-powered-by']).toBeUndefined();
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    const preflight = await t.http
      .options('/api/v1/auth/token')
      .set('Origin', 'https://evil.example')
      .set('Access-Control-Request-Method', 'POST');
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('rate limits and CORS by configuration', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({
      env: { RATE_LIMIT_LOGIN_PER_MINUTE: '5', CORS_ORIGINS: 'https://portal.hebei.example' },
    });
  });
  afterAll(() => t.close());

  it('limits sign-in attempts per client address (429)', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      statuses.push(
        (await t.http.post('/api/v1/auth/token').send({ username: `u${i}`, password: 'x' })).status,
      );
    }
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5)).toEqual([429, 429]);
  });

  it('allows the configured origin only', async () => {
    const ok = await t.http
      .get('/health')
      .set('Origin', 'https://portal.hebei.example')
      .expect(200);
    expect(ok.headers['access-control-allow-origin']).toBe('https://portal.hebei.example');
    const other = await t.http.get('/health').set('Origin', 'https://evil.example').expect(200);
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });
});
