// Machine versions and migrations (issue 19): specialized SME v1 → v2 side by side, the dry run,
// the migration through the pipeline (one machine.migrated event each), a stop half-way and the
// resume on the next start, with replay and the audit chain holding across it.
import { SYSTEM_ACTOR } from '../../src/domain/access/roles';
import { ApplicationCommands } from '../../src/modules/commands/application-commands.service';
import { MigrationCommands } from '../../src/modules/commands/migration-commands.service';
import { passingFacts } from '../factories/facts.factory';
import {
  createAuthorities,
  loginAdmin,
  type EnterpriseSession,
  type Session,
} from '../support/actors';
import type { Authorities } from '../support/authorities';
import { sendEvent, walkInnovative } from '../support/journeys';
import { expectEveryApplicationReplays } from '../support/replay';
import { startTestApp, type TestApp } from '../support/test-app';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const WORKFLOW = 'specialized-sme-application';

type Step = [keyof Authorities | 'enterprise', string, Record<string, unknown>?];

// The specialized path up to each point (v1).
const TO_PROVINCIAL: Step[] = [
  ['enterprise', 'submit'],
  ['county', 'review.start'],
  ['city', 'review.recommend'],
];
const PATHS: Record<string, Step[]> = {
  draft: [],
  submitted: [['enterprise', 'submit']],
  localReview: TO_PROVINCIAL.slice(0, 2),
  provincialReview: TO_PROVINCIAL,
  inspected: [
    ...TO_PROVINCIAL,
    ['province', 'inspection.schedule'],
    ['province', 'inspection.record'],
  ],
  expertsFirst: [...TO_PROVINCIAL, ['provincialExpert', 'expert.review.record', { score: 80 }]],
  onSiteCheck: [...TO_PROVINCIAL, ['province', 'inspection.schedule']],
  returned: [
    ['enterprise', 'submit'],
    ['county', 'review.start'],
    ['county', 'review.return', { reasons: ['Add the audit report'] }],
  ],
  publicNotice: [
    ...TO_PROVINCIAL,
    ['provincialExpert', 'expert.review.record', { score: 80 }],
    ['provincialExpert', 'facts.confirm', { data: { nicheMarketLeading: true } }],
    ['province', 'inspection.schedule'],
    ['province', 'inspection.record'],
    ['province', 'notice.publish'],
  ],
};

describe('machine versions and migrations', () => {
  let db: TestDatabase;
  let t: TestApp;
  let a: Authorities;
  let admin: Session;
  const ids: Record<string, string> = {};

  // Specialized SME applicants hold an innovative-SME title: certified here first, all at once.
  const titled = async (n: number) => {
    const owners = [];
    for (let i = 0; i < n; i++) owners.push(await walkInnovative(t, a, 'publicNotice'));
    const last = owners
      .map((o) => o.view.deadlines[0]!.dueAt)
      .sort()
      .at(-1)!;
    t.clock.set(last);
    for (const o of owners) {
      await t.app
        .get(ApplicationCommands)
        .send({ id: o.id, type: 'deadline.expired', actor: SYSTEM_ACTOR, requestId: null });
    }
    return owners.map((o) => o.owner);
  };
  let applicants: EnterpriseSession[] = [];

  const walk = async (path: Step[]) => {
    const e = applicants.pop()!;
    const created = await t.http
      .post('/api/v1/applications')
      .set(e.auth)
      .send({ enterpriseId: e.enterpriseId, tier: 'specialized_sme', facts: passingFacts(2026) })
      .expect(201);
    const id = (created.body as { id: string }).id;
    for (const [who, type, extra] of path) {
      const session = who === 'enterprise' ? e : a[who];
      const body =
        extra && !('reasons' in extra) && !('data' in extra) ? { data: extra } : (extra ?? {});
      const res = await sendEvent(t.http, id, session, type, body);
      if (res.status !== 200) throw new Error(`${type}: ${res.status} ${JSON.stringify(res.body)}`);
    }
    return id;
  };
  const get = async (id: string) =>
    (await t.http.get(`/api/v1/applications/${id}`).set(admin.auth).expect(200)).body as {
      state: string;
      machineVersion: number;
      deadlines: { purpose: string; dueAt: string }[];
    };
  const verify = async () =>
    (await t.http.get('/api/v1/audit/verify').set(a.auditor.auth).expect(200)).body as {
      ok: boolean;
      eventsChecked: number;
    };

  beforeAll(async () => {
    // A database of the suite's own, so that a second start of the app opens it again.
    db = createTestDatabase({ persistent: true });
    t = await startTestApp({ db });
    admin = await loginAdmin(t.http);
    a = await createAuthorities(t.http, admin);
    applicants = await titled(Object.keys(PATHS).length + 1);
    for (const [name, path] of Object.entries(PATHS)) ids[name] = await walk(path);
    // A closed one: certified, stays on v1.
    const certified = await walk(PATHS.publicNotice!);
    const [deadline] = (await get(certified)).deadlines;
    t.clock.set(deadline!.dueAt);
    await t.app
      .get(ApplicationCommands)
      .send({ id: certified, type: 'deadline.expired', actor: SYSTEM_ACTOR, requestId: null });
    ids.certified = certified;
  });
  afterAll(async () => {
    await t.close();
    await db.drop();
  });

  it('lists both versions, v1 current, and what changed', async () => {
    const res = await t.http.get(`/api/v1/workflows/${WORKFLOW}/versions`).set(a.city.auth);
    expect(res.status).toBe(200);
    const items = res.body.items as { version: number; current: boolean; states: string[] }[];
    expect(items.map((i) => [i.version, i.current])).toEqual([
      [1, true],
      [2, false],
    ]);
    expect(items[1]!.states).toContain('expertReview');
    const diff = await t.http
      .get(`/api/v1/workflows/${WORKFLOW}/versions/1/diff/2`)
      .set(a.city.auth)
      .expect(200);
    expect(diff.body.states).toEqual({ added: ['expertReview'], removed: [], renamed: [] });
    expect(diff.body.events.renamed).toEqual([
      { from: 'inspection.record', to: 'inspection.report' },
    ]);
    await t.http
      .get(`/api/v1/workflows/${WORKFLOW}/versions/1/diff/9`)
      .set(a.city.auth)
      .expect(404);
    await t.http.get(`/api/v1/workflows/nope/versions`).set(a.city.auth).expect(404);
    await t.http
      .get(`/api/v1/workflows/${WORKFLOW}/versions/x/diff/2`)
      .set(a.city.auth)
      .expect(400);
  });

  it('dry run: where each running application would land, and what it cannot move; nothing changes', async () => {
    const before = await verify();
    await t.http
      .post(`/api/v1/workflows/${WORKFLOW}/migrations/dry-run`)
      .set(a.province.auth)
      .send({ from: 1, to: 2 })
      .expect(403);
    await t.http
      .post(`/api/v1/workflows/${WORKFLOW}/migrations/dry-run`)
      .set(admin.auth)
      .send({ from: 1, to: 3 })
      .expect(400);
    await t.http
      .post(`/api/v1/workflows/${WORKFLOW}/migrations/dry-run`)
      .set(admin.auth)
      .send({ from: 'one', to: 2 })
      .expect(400);
    const res = await t.http
      .post(`/api/v1/workflows/${WORKFLOW}/migrations/dry-run`)
      .set(admin.auth)
      .send({ from: 1, to: 2 })
      .expect(200);
    type Item = {
      applicationId: string;
      fromState: string;
      toState?: string;
      ok: boolean;
      reason?: string;
      timers: { open: unknown[]; cancel: unknown[]; keep: { purpose: string }[] };
    };
    const byId = new Map((res.body.items as Item[]).map((i) => [i.applicationId, i]));
    const land = (name: string) => {
      const item = byId.get(ids[name]!);
      return item?.ok ? item.toState : item ? 'refused' : 'absent';
    };
    expect(Object.fromEntries(Object.keys(ids).map((name) => [name, land(name)]))).toEqual({
      draft: 'draft',
      submitted: 'submitted',
      localReview: 'localReview',
      provincialReview: 'provincialReview',
      inspected: 'expertReview',
      expertsFirst: 'refused',
      onSiteCheck: 'onSiteCheck',
      returned: 'returned',
      publicNotice: 'publicNotice',
      certified: 'absent',
    });
    expect(byId.get(ids.expertsFirst!)?.reason).toMatch(/on-site check/);
    expect(byId.get(ids.publicNotice!)?.timers.keep.map((t) => t.purpose)).toEqual(['notice']);
    expect(byId.get(ids.returned!)?.timers.keep.map((t) => t.purpose)).toEqual(['return']);
    expect(res.body.summary).toMatchObject({ total: 9, ok: 8, refused: 1 });
    expect((await verify()).eventsChecked).toBe(before.eventsChecked);
    expect((await get(ids.inspected!)).machineVersion).toBe(1);
  });

  it('migrates half, stops (as a crash would), resumes on the next start: each once, replay and chain hold', async () => {
    const migrations = t.app.get(MigrationCommands);
    const actor = { kind: 'user' as const, id: admin.id, role: 'admin' as const };
    const { migrationId } = await migrations.start(WORKFLOW, 1, 2, actor, 'test-migration', {
      limit: 4,
    });
    await migrations.settled(migrationId);
    const half = await t.http.get(`/api/v1/migrations/${migrationId}`).set(admin.auth).expect(200);
    expect(half.body).toMatchObject({
      kind: 'migration',
      status: 'running',
      total: 9,
      processed: 4,
    });

    // The process stops; the next one resumes the migration when it starts.
    await t.close();
    // (A process that runs background work resumes it; the suites' apps do not, unless told to.)
    t = await startTestApp({ db, env: { SCHEDULER_ENABLED: 'true' } });
    admin = await loginAdmin(t.http);
    await t.app.get(MigrationCommands).settled(migrationId);
    const done = await t.http.get(`/api/v1/migrations/${migrationId}`).set(admin.auth).expect(200);
    expect(done.body).toMatchObject({
      status: 'done',
      total: 9,
      processed: 9,
      summary: { ok: 8, refused: 1 },
    });
    expect(done.body.items).toEqual([
      expect.objectContaining({ id: ids.expertsFirst, ok: false, code: 'INVALID_TRANSITION' }),
    ]);

    // Every migrated application has exactly one machine.migrated event, and is on v2.
    for (const name of Object.keys(PATHS)) {
      const history = await t.http
        .get(`/api/v1/applications/${ids[name]}/history?limit=100`)
        .set(admin.auth)
        .expect(200);
      const migrated = (history.body.items as { event: string; data: unknown }[]).filter(
        (e) => e.event === 'machine.migrated',
      );
      const app = await get(ids[name]!);
      if (name === 'expertsFirst') {
        expect([migrated.length, app.machineVersion]).toEqual([0, 1]);
      } else {
        expect([name, migrated.length, app.machineVersion]).toEqual([name, 1, 2]);
        expect(migrated[0]!.data).toMatchObject({ fromVersion: 1, toVersion: 2, migrationId });
      }
    }
    expect((await get(ids.inspected!)).state).toBe('expertReview');
    expect((await get(ids.certified!)).machineVersion).toBe(1);
    // The notice's deadline was kept, not duplicated.
    expect((await get(ids.publicNotice!)).deadlines.map((d) => d.purpose)).toEqual(['notice']);

    // Running it again migrates nobody twice.
    const again = await t.http
      .post(`/api/v1/workflows/${WORKFLOW}/migrations`)
      .set(admin.auth)
      .send({ from: 1, to: 2 })
      .expect(202);
    await t.app.get(MigrationCommands).settled(again.body.migrationId);
    const second = await t.http
      .get(`/api/v1/migrations/${again.body.migrationId}`)
      .set(admin.auth)
      .expect(200);
    expect(second.body).toMatchObject({ status: 'done', total: 1, summary: { ok: 0, refused: 1 } });

    expect((await verify()).ok).toBe(true);
    await expectEveryApplicationReplays(t);
  });

  it('a migrated application goes on with v2: the inspected one is reviewed by experts and noticed', async () => {
    a = await createAuthorities(t.http, admin);
    const id = ids.inspected!;
    await sendEvent(t.http, id, a.provincialExpert, 'expert.review.record', {
      data: { score: 80 },
    }).expect(200);
    await sendEvent(t.http, id, a.provincialExpert, 'facts.confirm', {
      data: { nicheMarketLeading: true },
    }).expect(200);
    // v1's event name is no event of v2: nobody may send it (403, as any event foreign to a machine).
    const old = await sendEvent(t.http, ids.onSiteCheck!, a.province, 'inspection.record');
    expect([old.status, old.body.code]).toEqual([403, 'FORBIDDEN']);
    await sendEvent(t.http, ids.onSiteCheck!, a.province, 'inspection.report').expect(200);
    expect((await get(ids.onSiteCheck!)).state).toBe('expertReview');
    const res = await sendEvent(t.http, id, a.province, 'notice.publish').expect(200);
    expect(res.body.state).toBe('publicNotice');
    await expectEveryApplicationReplays(t);
    expect((await verify()).ok).toBe(true);
  });

  it('GET /migrations/{id}: admins only; unknown → 404', async () => {
    await t.http
      .get('/api/v1/migrations/0190a0b0-0000-7000-8000-000000000001')
      .set(admin.auth)
      .expect(404);
    const city = (await createAuthorities(t.http, admin)).city;
    await t.http
      .get('/api/v1/migrations/0190a0b0-0000-7000-8000-000000000001')
      .set(city.auth)
      .expect(403);
  });
});

describe('APPLICATION_MACHINE_VERSIONS=specialized_sme=2: new applications take v2', () => {
  let t: TestApp;
  let a: Authorities;
  beforeAll(async () => {
    t = await startTestApp({ env: { APPLICATION_MACHINE_VERSIONS: 'specialized_sme=2' } });
    a = await createAuthorities(t.http, await loginAdmin(t.http));
  });
  afterAll(() => t.close());

  it('pins v2 on a new application and marks v2 current; running ones keep theirs', async () => {
    const titled = await walkInnovative(t, a, 'publicNotice');
    t.clock.set(titled.view.deadlines[0]!.dueAt);
    await t.app
      .get(ApplicationCommands)
      .send({ id: titled.id, type: 'deadline.expired', actor: SYSTEM_ACTOR, requestId: null });
    const created = await t.http
      .post('/api/v1/applications')
      .set(titled.owner.auth)
      .send({
        enterpriseId: titled.owner.enterpriseId,
        tier: 'specialized_sme',
        facts: passingFacts(2026),
      })
      .expect(201);
    expect(created.body).toMatchObject({ machineId: WORKFLOW, machineVersion: 2 });
    const innovative = await t.http
      .get(`/api/v1/applications/${titled.id}`)
      .set(titled.owner.auth)
      .expect(200);
    expect(innovative.body.machineVersion).toBe(1);
    const versions = await t.http
      .get(`/api/v1/workflows/${WORKFLOW}/versions`)
      .set(a.city.auth)
      .expect(200);
    expect(
      (versions.body.items as { version: number; current: boolean }[]).map((v) => v.current),
    ).toEqual([false, true]);
  });
});
