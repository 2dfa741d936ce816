import fc from 'fast-check';
import { DataSource } from 'typeorm';
import { makeCreditCode } from '../factories/credit-code.factory';
import { passingFacts } from '../factories/facts.factory';
import { registerEnterprise } from '../support/actors';
import { walkInnovative } from '../support/journeys';
import { startWithAuthorities } from '../support/authorities';
import type { TestApp } from '../support/test-app';

// Hostile input over every mutating endpoint: every answer is a 4xx problem+json, never a 5xx,
// and afterwards nothing has been created and the audit chain still verifies.

const RUNS = Number(process.env.FUZZ_RUNS ?? 10_000);
const SEED = Number(process.env.FUZZ_SEED ?? 20261127);

const HOSTILE_STRINGS = [
  "' OR 1=1 --",
  "'; DROP TABLE audit_events; --",
  '" OR ""="',
  '1; SELECT pg_sleep(10)',
  '%00',
  '\u0000',
  '../../etc/passwd',
  '<script>alert(1)</script>',
  '${7*7}',
  '{{7*7}}',
  '𠜎𠜱𠝹𠱓 ١٢٣ \u202e',
  'A'.repeat(100_000),
];
const HOSTILE_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  '$where',
  "' OR 1=1 --",
  'toString',
  'polluted',
];

const hostileValue = fc.oneof(
  fc.constantFrom(...HOSTILE_STRINGS),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, -0, 0.1 + 0.2, 2 ** 64),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.jsonValue({ maxDepth: 4 }),
  fc.constantFrom(
    { __proto__: { polluted: true } },
    { constructor: { prototype: { polluted: true } } },
  ),
);

type Endpoint = {
  method: 'POST' | 'PATCH';
  path: (id: string) => string;
  base: () => Record<string, unknown>;
};

describe('hostile input', () => {
  let t: TestApp;
  const tokens: (string | undefined)[] = [undefined, 'garbage.token.value'];
  let ids: string[];
  let endpoints: Endpoint[];

  const counts = async () => {
    const ds = t.app.get(DataSource);
    const out: Record<string, number> = {};
    for (const table of [
      'users',
      'enterprises',
      'applications',
      'certificates',
      'calls',
      'objections',
      'audit_events',
      'timers',
    ]) {
      const [row] = await ds.query<{ n: number | string }[]>(`SELECT COUNT(*) AS n FROM ${table}`);
      out[table] = Number(row?.n);
    }
    return out;
  };

  beforeAll(async () => {
    const started = await startWithAuthorities({
      env: { RATE_LIMIT_OBJECTIONS_PER_MINUTE: '1000000' },
    });
    t = started.t;
    const { admin, a } = started;
    const e = await registerEnterprise(t.http);
    const app = await walkInnovative(t, a, 'publicNotice', e);
    tokens.push(admin.token, a.city.token, a.province.token, e.token, a.auditor.token);
    ids = [app.id, e.enterpriseId, a.city.id, '00000000-0000-7000-8000-000000000000'];
    endpoints = [
      {
        method: 'POST',
        path: () => '/api/v1/auth/token',
        base: () => ({ username: 'admin', password: 'x' }),
      },
      {
        method: 'POST',
        path: () => '/api/v1/users',
        base: () => ({
          username: 'fuzz-user',
          password: 'long-enough-pass',
          role: 'auditor',
          jurisdiction: { level: 'national' },
        }),
      },
      { method: 'PATCH', path: (id) => `/api/v1/users/${id}`, base: () => ({ disabled: false }) },
      {
        method: 'POST',
        path: () => '/api/v1/enterprises',
        base: () => ({
          creditCode: makeCreditCode(),
          name: 'Fuzz Co',
          regionCode: '130102',
          sector: 'industry',
          establishedOn: '2015-01-01',
          account: { username: 'fuzz-ent', password: 'long-enough-pass' },
        }),
      },
      {
        method: 'POST',
        path: () => '/api/v1/assessments',
        base: () => ({ tier: 'innovative_sme', facts: passingFacts(2026) }),
      },
      {
        method: 'POST',
        path: () => '/api/v1/applications',
        base: () => ({
          enterpriseId: e.enterpriseId,
          tier: 'innovative_sme',
          facts: passingFacts(2026),
        }),
      },
      {
        method: 'PATCH',
        path: (id) => `/api/v1/applications/${id}`,
        base: () => ({ facts: passingFacts(2026) }),
      },
      {
        method: 'POST',
        path: (id) => `/api/v1/applications/${id}/events`,
        base: () => ({ type: 'objection.uphold', reasons: ['fuzz'] }),
      },
      {
        method: 'POST',
        path: (id) => `/api/v1/certificates/${id}/events`,
        base: () => ({ type: 'revoke', ground: 'fraud' }),
      },
      {
        method: 'POST',
        path: () => '/api/v1/calls',
        base: () => ({
          tier: 'innovative_sme',
          regionCode: '130000',
          year: 2026,
          opensAt: '2026-01-01T00:00:00.000Z',
          closesAt: '2026-12-31T00:00:00.000Z',
        }),
      },
      {
        method: 'PATCH',
        path: (id) => `/api/v1/timers/${id}`,
        base: () => ({ dueAt: '2026-06-01T00:00:00.000Z' }),
      },
      {
        method: 'POST',
        path: (id) => `/api/v1/public/notices/${id}/objections`,
        base: () => ({ name: 'Fuzz', contact: 'f@example.cn', reason: 'fuzz' }),
      },
    ];
  });
  afterAll(() => t.close());

  it(`answers ${RUNS} hostile requests with 4xx problems only, and changes nothing`, async () => {
    const before = await counts();
    const fastify = t.app.getHttpAdapter().getInstance();
    const hostileId = fc.oneof(
      fc.constantFrom(...ids),
      fc.constantFrom(...HOSTILE_STRINGS.map(encodeURIComponent)),
      fc.uuid(),
    );

    // Each request breaks the contract one way: an unknown (often poisonous) key, malformed JSON,
    // a body that is not an object, a wrong content type, a body over the size limit, JSON nested
    // or wide past the parser's bounds (security review M2), or a form-encoded body (M8).
    const request = fc.record({
      endpoint: fc.nat({ max: 1000 }),
      id: hostileId,
      token: fc.constantFrom(...tokens),
      kind: fc.constantFrom(
        'extraKey',
        'extraKey',
        'extraKey',
        'malformed',
        'notObject',
        'contentType',
        'oversized',
        'nested',
        'wide',
        'form',
        'multipart',
      ),
      depth: fc.integer({ min: 40, max: 5000 }),
      width: fc.integer({ min: 2000, max: 50_000 }),
      key: fc.oneof(
        fc.constantFrom(...HOSTILE_KEYS),
        fc.string({ unit: 'binary', minLength: 1, maxLength: 12 }),
      ),
      value: hostileValue,
      replace: fc.boolean(),
      text: fc.string({ maxLength: 60 }),
    });

    const statuses: Record<number, number> = {};
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        const endpoint = endpoints[r.endpoint % endpoints.length]!;
        let payload: string;
        let contentType = 'application/json';
        const base = endpoint.base();
        switch (r.kind) {
          case 'extraKey': {
            const body: Record<string, unknown> = { ...base };
            const known = Object.keys(base);
            if (r.replace && known.length > 0) body[known[r.endpoint % known.length]!] = r.value;
            const key = Object.prototype.hasOwnProperty.call(base, r.key) ? `${r.key}_x` : r.key;
            // Built as text so that __proto__ really is sent as a key.
            payload = `${JSON.stringify(body).slice(0, -1)}${Object.keys(body).length ? ',' : ''}${JSON.stringify(key)}:${JSON.stringify(r.value) ?? 'null'}}`;
            break;
          }
          case 'malformed':
            payload = `{${r.text}`;
            break;
          case 'notObject':
            payload =
              JSON.stringify(
                r.value === null || typeof r.value !== 'object' || Array.isArray(r.value)
                  ? r.value
                  : [r.value],
              ) ?? '1';
            break;
          case 'contentType':
            payload = JSON.stringify(base);
            contentType = 'text/plain';
            break;
          case 'nested': {
            // Arrays or objects nested past the depth limit, under a real field or a new one.
            const open = r.replace ? '['.repeat(r.depth) : '{"a":'.repeat(r.depth);
            const close = r.replace ? ']'.repeat(r.depth) : '}'.repeat(r.depth);
            payload = `${JSON.stringify(base).slice(0, -1)}${Object.keys(base).length ? ',' : ''}"deep":${open}1${close}}`;
            break;
          }
          case 'wide':
            payload = r.replace
              ? `[${Array.from({ length: r.width }, (_, i) => i).join(',')}]`
              : `{${Array.from({ length: r.width }, (_, i) => `"k${i}":${i}`).join(',')}}`;
            break;
          case 'form':
            payload = new URLSearchParams(
              Object.fromEntries(
                Object.entries(base).map(([k, v]) => [
                  k,
                  typeof v === 'string' ? v : JSON.stringify(v),
                ]),
              ),
            ).toString();
            contentType = 'application/x-www-form-urlencoded';
            break;
          case 'multipart':
            payload = `--b\r\nContent-Disposition: form-data; name="x"\r\n\r\n${r.text}\r\n--b--\r\n`;
            contentType = 'multipart/form-data; boundary=b';
            break;
          default:
            payload = JSON.stringify({ ...base, pad: 'x'.repeat(1_100_000) });
        }
        const res = await fastify.inject({
          method: endpoint.method,
          url: endpoint.path(r.id),
          headers: {
            'content-type': contentType,
            ...(r.token ? { authorization: `Bearer ${r.token}` } : {}),
          },
          payload,
        });
        statuses[res.statusCode] = (statuses[res.statusCode] ?? 0) + 1;
        if (res.statusCode < 400 || res.statusCode >= 500) {
          throw new Error(
            `${endpoint.method} ${endpoint.path(r.id)} (${r.kind}) → ${res.statusCode}: ${res.body.slice(0, 300)}\n${payload.slice(0, 300)}`,
          );
        }
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        const problem = JSON.parse(res.body) as { code?: unknown; status?: unknown };
        expect(typeof problem.code).toBe('string');
        expect(problem.status).toBe(res.statusCode);
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );

    process.stdout.write(`fuzz: ${RUNS} requests, statuses ${JSON.stringify(statuses)}\n`);
    expect(Object.values(statuses).reduce((a, b) => a + b, 0)).toBe(RUNS);
    expect(await counts()).toEqual(before);
    const verify = await t.http
      .get('/api/v1/audit/verify')
      .set('Authorization', `Bearer ${tokens[2]}`)
      .expect(200);
    expect(verify.body.ok).toBe(true);
    // No prototype was polluted on the way.
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted')).toBe(false);
  }, 600_000);
});
