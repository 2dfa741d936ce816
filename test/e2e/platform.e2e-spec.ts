import { loginAdmin } from '../support/actors';
import { startTestApp, type TestApp } from '../support/test-app';

describe('platform: health, docs, request ids, problems', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('reports health with a database check, without a token', async () => {
    const res = await t.http.get('/health').expect(200);
    expect(res.body).toMatchObject({ status: 'ok', info: { database: { status: 'up' } } });
  });

  it('serves the OpenAPI document and Swagger UI', async () => {
    const doc = await t.http.get('/docs-json').expect(200);
    expect(doc.body.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/applications/{id}/events',
        '/api/v1/auth/token',
        '/api/v1/assessments',
      ]),
    );
    const ui = await t.http.get('/docs').redirects(1).expect(200);
    expect(ui.text).toContain('swagger');
  });

  it('echoes a sane X-Request-Id and makes one otherwise', async () => {
    const echoed = await t.http.get('/health').set('X-Request-Id', 'trace-42').expect(200);
    expect(echoed.headers['x-request-id']).toBe('trace-42');
    const made = await t.http.get('/health').set('X-Request-Id', 'bad id with spaces').expect(200);
    expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers unknown routes and errors as problem+json with a code and the request id', async () => {
    const res = await t.http.get('/api/v1/nowhere').set('X-Request-Id', 'r-1').expect(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toEqual({
      type: 'urn:sme-ladder:problem:not-found',
      title: 'Not found',
      status: 404,
      detail: expect.any(String),
      code: 'NOT_FOUND',
      requestId: 'r-1',
    });
  });

  it('refuses a body over the size limit with 413', async () => {
    const admin = await loginAdmin(t.http);
    const res = await t.http
      .post('/api/v1/assessments')
      .set(admin.auth)
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ tier: 'innovative_sme', facts: { pad: 'x'.repeat(1_100_000) } }))
      .expect(413);
    expect(res.body.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('refuses prototype-pollution payloads with 400', async () => {
    const res = await t.http
      .post('/api/v1/auth/token')
      .set('Content-Type', 'application/json')
      .send('{"username":"a","password":"b","__proto__":{"isAdmin":true}}')
      .expect(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
  });
});
