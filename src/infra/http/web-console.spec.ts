import Fastify, { type FastifyInstance } from 'fastify';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findConsoleDir, serveConsole } from './web-console';

describe('serving the web console', () => {
  let dir: string;
  let app: FastifyInstance;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ladder-console-'));
    mkdirSync(join(dir, 'web', 'dist', 'assets'), { recursive: true });
    writeFileSync(join(dir, 'web', 'dist', 'index.html'), '<!doctype html><div id="root"></div>');
    writeFileSync(join(dir, 'web', 'dist', 'assets', 'index-abc.js'), 'console.log(1)');
    app = Fastify();
    app.setNotFoundHandler((_request, reply) => {
      void reply.status(404).type('application/problem+json').send({ code: 'NOT_FOUND' });
    });
    app.get('/api/v1/known', () => ({ ok: true }));
    expect(await serveConsole(app, findConsoleDir(join(dir, 'dist', 'infra')))).toBe(true);
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each([
    '/',
    '/queue',
    '/applications/8f6c2c1e-7b6a-4c36-9a57-5d1c2f0a9e11',
    '/admin/timers?x=1',
  ])('answers %s with the console page (its routes live in the browser)', async (url) => {
    const res = await app.inject({ method: 'GET', url });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.body).toContain('<div id="root">');
  });

  it('serves hashed assets with a long cache', async () => {
    const res = await app.inject({ method: 'GET', url: '/assets/index-abc.js' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toContain('immutable');
  });

  it.each(['/api/v1/unknown', '/api', '/docs/nothing', '/health/x', '/metrics/x'])(
    'leaves %s to the API (its 404 problem)',
    async (url) => {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode).toBe(404);
      expect(res.json()).toEqual({ code: 'NOT_FOUND' });
    },
  );

  it('does not shadow the API routes', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/v1/known' })).json()).toEqual({
      ok: true,
    });
  });

  it('is off when the console has not been built', async () => {
    const bare = Fastify();
    expect(findConsoleDir(join(tmpdir(), 'no-such-dir', 'a', 'b'))).toBeUndefined();
    expect(await serveConsole(bare, undefined)).toBe(false);
    await bare.close();
  });
});
