import { get } from 'node:http';
import { verifyCaseBundle } from '../../src/domain/audit/case-bundle';
import { createUser, registerEnterprise, type Session } from '../support/actors';
import { appendGeneratedEvents } from '../support/audit-generator';
import { walkInnovative } from '../support/journeys';
import { startWithAuthorities, type Authorities } from '../support/authorities';
import type { TestApp } from '../support/test-app';

describe("the auditor's workbench", () => {
  let t: TestApp;
  let admin: Session;
  let a: Authorities;
  let shanxiAuditor: Session;
  let nationalAuditor: Session;
  let hebeiApp: { id: string };

  beforeAll(async () => {
    ({ t, admin, a } = await startWithAuthorities());
    shanxiAuditor = await createUser(t.http, admin, 'auditor', {
      level: 'province',
      regionCode: '140000',
    });
    nationalAuditor = await createUser(t.http, admin, 'auditor', { level: 'national' });
    hebeiApp = await walkInnovative(t, a, 'publicNotice');
  });
  afterAll(() => t.close());

  it('lists events with filters and cursor pagination, scoped to the auditor region', async () => {
    const page1 = await t.http
      .get(`/api/v1/audit/events?applicationId=${hebeiApp.id}&limit=2`)
      .set(a.auditor.auth)
      .expect(200);
    expect(page1.body.items.map((e: { event: string }) => e.event)).toEqual([
      'application.create',
      'submit',
    ]);
    const page2 = await t.http
      .get(
        `/api/v1/audit/events?applicationId=${hebeiApp.id}&limit=500&cursor=${page1.body.nextCursor}`,
      )
      .set(a.auditor.auth)
      .expect(200);
    expect(page2.body.items.map((e: { event: string }) => e.event)).toEqual([
      'review.start',
      'review.recommend',
      'notice.publish',
    ]);
    expect(page2.body.nextCursor).toBeNull();
    const byType = await t.http
      .get('/api/v1/audit/events?type=notice.publish')
      .set(a.auditor.auth)
      .expect(200);
    expect(byType.body.items.every((e: { event: string }) => e.event === 'notice.publish')).toBe(
      true,
    );
    const byActor = await t.http
      .get(`/api/v1/audit/events?actorId=${a.city.id}`)
      .set(a.auditor.auth)
      .expect(200);
    expect(byActor.body.items.length).toBe(2);
    const window = await t.http
      .get('/api/v1/audit/events?from=2030-01-01T00:00:00.000Z')
      .set(a.auditor.auth)
      .expect(200);
    expect(window.body.items).toEqual([]);
  });

  it("shows an auditor of one province nothing of another's", async () => {
    const shanxi = await t.http
      .get(`/api/v1/audit/events?applicationId=${hebeiApp.id}`)
      .set(shanxiAuditor.auth)
      .expect(200);
    expect(shanxi.body.items).toEqual([]);
    const asked = await t.http
      .get('/api/v1/audit/events?regionCode=130102')
      .set(shanxiAuditor.auth)
      .expect(200);
    expect(asked.body.items).toEqual([]);
    await t.http
      .get(`/api/v1/applications/${hebeiApp.id}/history`)
      .set(shanxiAuditor.auth)
      .expect(404);
    await t.http
      .get(`/api/v1/audit/applications/${hebeiApp.id}/bundle`)
      .set(shanxiAuditor.auth)
      .expect(404);
    const national = await t.http
      .get(`/api/v1/audit/events?applicationId=${hebeiApp.id}`)
      .set(nationalAuditor.auth)
      .expect(200);
    expect(national.body.items.length).toBe(5);
  });

  it('lets auditors change nothing: 403 on every mutating endpoint', async () => {
    const id = hebeiApp.id;
    const calls: [string, string, object][] = [
      [
        'post',
        '/api/v1/users',
        { username: 'x-user', password: 'long-enough-pass', role: 'admin' },
      ],
      ['patch', `/api/v1/users/${a.city.id}`, { disabled: true }],
      [
        'post',
        '/api/v1/applications',
        { enterpriseId: '00000000-0000-7000-8000-000000000000', tier: 'innovative_sme', facts: {} },
      ],
      ['patch', `/api/v1/applications/${id}`, { facts: {} }],
      ['post', `/api/v1/applications/${id}/events`, { type: 'review.reject', reasons: ['x'] }],
      ['post', `/api/v1/applications/${id}/events`, { type: 'objection.uphold', reasons: ['x'] }],
      [
        'post',
        '/api/v1/calls',
        {
          tier: 'innovative_sme',
          year: 2026,
          opensAt: '2026-01-01T00:00:00.000Z',
          closesAt: '2026-02-01T00:00:00.000Z',
        },
      ],
      [
        'patch',
        '/api/v1/timers/00000000-0000-7000-8000-000000000000',
        { dueAt: '2026-01-01T00:00:00.000Z' },
      ],
      ['post', '/api/v1/audit/checkpoints', {}],
    ];
    for (const [method, path, body] of calls) {
      const req = method === 'post' ? t.http.post(path) : t.http.patch(path);
      const res = await req.set(a.auditor.auth).send(body);
      expect({ path, method, status: res.status }).toEqual({ path, method, status: 403 });
    }
    const cert = await t.http
      .post('/api/v1/certificates/00000000-0000-7000-8000-000000000000/events')
      .set(a.auditor.auth)
      .send({ type: 'revoke', ground: 'fraud' });
    expect([403, 404]).toContain(cert.status);
  });

  it('keeps enterprises and reviewers out of the audit log (403)', async () => {
    const e = await registerEnterprise(t.http);
    await t.http.get('/api/v1/audit/events').set(e.auth).expect(403);
    await t.http.get('/api/v1/audit/verify').set(a.province.auth).expect(403);
  });

  it('signs checkpoints with a published Ed25519 key, and verifies from the newest one', async () => {
    const key = await t.http.get('/api/v1/audit/public-key').set(a.auditor.auth).expect(200);
    expect(key.body).toMatchObject({
      algorithm: 'Ed25519',
      keyId: expect.stringMatching(/^[0-9a-f]{16}$/),
    });
    expect(key.body.publicKeyPem).toContain('BEGIN PUBLIC KEY');
    const cp = await t.http.post('/api/v1/audit/checkpoints').set(admin.auth).expect(201);
    expect(cp.body).toMatchObject({ keyId: key.body.keyId, seq: expect.any(Number) });
    await walkInnovative(t, a, 'localReview');
    const fromCheckpoint = await t.http
      .get('/api/v1/audit/verify?from=checkpoint')
      .set(a.auditor.auth)
      .expect(200);
    expect(fromCheckpoint.body).toMatchObject({
      ok: true,
      from: 'checkpoint',
      checkpoint: { seq: cp.body.seq },
      anchoredSeq: cp.body.seq,
      problems: [],
    });
    // The signed checkpoint is checked in the database and in the anchor file.
    expect(fromCheckpoint.body.checkpointsChecked).toBeGreaterThanOrEqual(1);
    expect(fromCheckpoint.body.anchorsChecked).toBeGreaterThanOrEqual(1);
    const full = await t.http.get('/api/v1/audit/verify').set(a.auditor.auth).expect(200);
    // Both modes recompute the whole chain: a checkpoint no longer shortens what is trusted.
    expect(full.body.eventsChecked).toBe(fromCheckpoint.body.eventsChecked);
    expect(full.body.unanchoredEvents).toBe(full.body.eventsChecked - cp.body.seq);
    expect(full.body.headHash).toBe(fromCheckpoint.body.headHash);
  });

  it('exports a signed case bundle that verifies offline, and fails when one byte changes', async () => {
    const res = await t.http
      .get(`/api/v1/audit/applications/${hebeiApp.id}/bundle`)
      .set(a.auditor.auth)
      .expect(200);
    const text = JSON.stringify(res.body);
    expect(verifyCaseBundle(JSON.parse(text))).toEqual({
      ok: true,
      eventsChecked: 5,
      problems: [],
    });
    expect(verifyCaseBundle(JSON.parse(text), res.body.publicKey.keyId).ok).toBe(true);
    expect(verifyCaseBundle(JSON.parse(text), 'someone-elses-key').ok).toBe(false);
    // One byte changed anywhere that matters: in an event, in the application, in a hash.
    const mutations = [
      text.replace('"toState":"localReview"', '"toState":"localReviex"'),
      text.replace(
        `"id":"${hebeiApp.id}"`,
        `"id":"${hebeiApp.id.slice(0, -1)}${hebeiApp.id.endsWith('0') ? '1' : '0'}"`,
      ),
      text.replace(/"hash":"(.)/, (_m, c: string) => `"hash":"${c === 'a' ? 'b' : 'a'}`),
      text.replace('"state":"publicNotice"', '"state":"publicNotica"'),
    ];
    for (const mutated of mutations) {
      expect(mutated).not.toBe(text);
      expect(mutated.length).toBe(text.length);
      expect(verifyCaseBundle(JSON.parse(mutated)).ok).toBe(false);
    }
  });

  it('replays an application from its history to its stored state', async () => {
    const res = await t.http
      .get(`/api/v1/audit/applications/${hebeiApp.id}/replay`)
      .set(a.auditor.auth)
      .expect(200);
    expect(res.body).toMatchObject({
      applicationId: hebeiApp.id,
      storedState: 'publicNotice',
      replayedState: 'publicNotice',
      eventsReplayed: 4,
      matches: true,
    });
  });

  it('streams 200k events as NDJSON and CSV in constant memory; counts match the list', async () => {
    await appendGeneratedEvents(t, 200_000);
    await t.app.listen(0, '127.0.0.1');
    const base = await t.app.getUrl();
    const stream = (path: string) =>
      new Promise<{
        lines: number;
        bytes: number;
        peakRssGrowth: number;
        peakHeapGrowth: number;
        first: string;
      }>((resolve, reject) => {
        // Live memory: the heap in use right after a collection (jest runs with --expose-gc).
        const liveHeap = () => {
          global.gc?.();
          return process.memoryUsage().heapUsed;
        };
        const heap0 = liveHeap();
        let peakHeap = heap0;
        let chunks = 0;
        const rss0 = process.memoryUsage().rss;
        let peak = rss0;
        let lines = 0;
        let bytes = 0;
        let first = '';
        get(
          `${base}${path}`,
          { headers: { authorization: `Bearer ${nationalAuditor.token}` } },
          (res) => {
            if (res.statusCode !== 200) reject(new Error(`status ${res.statusCode}`));
            res.setEncoding('utf8');
            res.on('data', (chunk: string) => {
              bytes += Buffer.byteLength(chunk);
              for (let i = chunk.indexOf('\n'); i >= 0; i = chunk.indexOf('\n', i + 1)) lines++;
              if (!first) first = chunk.slice(0, 200);
              peak = Math.max(peak, process.memoryUsage().rss);
              if (++chunks % 50 === 0) peakHeap = Math.max(peakHeap, liveHeap());
            });
            res.on('end', () =>
              resolve({
                lines,
                bytes,
                peakRssGrowth: peak - rss0,
                peakHeapGrowth: peakHeap - heap0,
                first,
              }),
            );
            res.on('error', reject);
          },
        ).on('error', reject);
      });

    const ndjson = await stream('/api/v1/audit/events/export?format=ndjson');
    const total = (await t.http.get('/api/v1/audit/verify').set(nationalAuditor.auth).expect(200))
      .body.eventsChecked;
    expect(total).toBeGreaterThanOrEqual(200_000);
    expect(ndjson.lines).toBe(total);
    // The whole export is far larger than the memory it took: it was never held at once.
    expect(ndjson.peakHeapGrowth).toBeLessThan(ndjson.bytes / 5);
    process.stdout.write(
      `audit export: ${ndjson.lines} events, ${(ndjson.bytes / 1e6).toFixed(1)} MB NDJSON, peak live-heap growth ${(ndjson.peakHeapGrowth / 1e6).toFixed(1)} MB, peak RSS growth ${(ndjson.peakRssGrowth / 1e6).toFixed(1)} MB\n`,
    );

    // A filtered export counts exactly what the paginated list returns.
    const filter = 'type=review.recommend&regionCode=140105';
    let listed = 0;
    let cursor: string | null = null;
    do {
      const page: { body: { items: unknown[]; nextCursor: string | null } } = await t.http
        .get(`/api/v1/audit/events?${filter}&limit=500${cursor ? `&cursor=${cursor}` : ''}`)
        .set(nationalAuditor.auth)
        .expect(200);
      listed += page.body.items.length;
      cursor = page.body.nextCursor;
    } while (cursor);
    const filtered = await stream(`/api/v1/audit/events/export?format=ndjson&${filter}`);
    expect(listed).toBeGreaterThan(30_000);
    expect(filtered.lines).toBe(listed);

    const csv = await stream(`/api/v1/audit/events/export?format=csv&${filter}`);
    expect(csv.first.startsWith('seq,at,actorId,')).toBe(true);
    // One header line; comments with commas, quotes and newlines are quoted, so count records, not lines.
    expect(csv.lines).toBeGreaterThan(listed);
  }, 900_000); // 200k events on PostgreSQL on a loaded two-core machine: several minutes
});
