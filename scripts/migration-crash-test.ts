// npm run test:crash:migration — issue 19's acceptance test of a machine migration, with real
// processes: seeds ~1,000 specialized-SME applications on machine v1 spread over every v1 state
// (the provincial review in its three cases), checks the dry run's report, starts the v1 → v2
// migration in a server process, kills it with SIGKILL half-way, restarts it (the new process
// resumes the migration), and then checks that every application was migrated exactly once (one
// `machine.migrated` event, on v2, in the state the dry run announced) or refused with a reason
// (left on v1, unchanged), that `npm run replay` finds every stored state equal to its replay, and
// that the audit chain verifies. SQLite by default; PostgreSQL when CRASH_DATABASE_URL (or
// TEST_DATABASE_URL) points at a server: a database of its own is created and dropped.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ServerChild, testDatabase } from './crash/harness';
import { seed, type SeedTarget } from './seed';

const APPLICATIONS = Number(process.env.MIGRATION_CRASH_APPLICATIONS ?? 1000);
const PORT = Number(process.env.CRASH_PORT ?? 3791);
const PASSWORD = 'migration-crash-password';
const WORKFLOW = 'specialized-sme-application';
const FINAL = ['certified', 'rejected', 'withdrawn'];
const DAY = 86_400_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const harness = new ServerChild(PORT, 30_000);
const startServer = () => harness.start();
const stopServer = (signal: NodeJS.Signals) => harness.stop(signal);
const call = (method: string, path: string, token?: string, body?: unknown) =>
  harness.call(method, path, token, body);
const login = (username: string) => harness.login(username, PASSWORD);

const problems: string[] = [];
const fail = (message: string) => {
  problems.push(message);
  process.stdout.write(`  ✗ ${message}\n`);
};
const check = (ok: boolean, message: string) => {
  if (!ok) fail(message);
};

type App = { id: string; state: string; machineVersion: number };
type DryItem = {
  applicationId: string;
  fromState: string;
  toState?: string;
  ok: boolean;
  reason?: string;
  timers: {
    open: { purpose: string }[];
    cancel: { purpose: string }[];
    keep: { purpose: string }[];
  };
};

const listApplications = async (token: string): Promise<App[]> => {
  const out: App[] = [];
  let cursor: string | null = null;
  do {
    const page = await call(
      'GET',
      `/api/v1/applications?limit=500${cursor ? `&cursor=${cursor}` : ''}`,
      token,
    );
    if (page.status !== 200) throw new Error(`list applications → ${page.status}`);
    out.push(...page.body.items);
    cursor = page.body.nextCursor;
  } while (cursor);
  return out;
};

const main = async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ladder-migration-crash-'));
  const database = await testDatabase('ladder_migration_crash', dir);
  const target: SeedTarget =
    database.kind === 'postgres'
      ? { kind: 'postgres', url: database.location }
      : { kind: 'sqlite', path: database.location };
  harness.env = {
    ...database.env,
    DATA_DIR: dir,
    ADMIN_PASSWORD: 'migration-crash-admin-password',
    JWT_SECRET: 'migration-crash-test-secret-long-enough-0123',
    LOG_LEVEL: 'warn',
    PASSWORD_HASH_COST: '10',
    // Background work on: a starting process resumes the migrations left running.
    SCHEDULER_ENABLED: 'true',
    RATE_LIMIT_LOGIN_PER_MINUTE: '100000',
  };
  process.stdout.write(
    `migration crash test on ${database.kind === 'postgres' ? 'PostgreSQL' : 'SQLite'}: ${APPLICATIONS} applications\n`,
  );

  try {
    // Seeded recently: the notice and return deadlines fall due after the test, so the scheduler
    // fires none of them while the migration runs (every open application stays to be migrated).
    const now = Date.now();
    const seeded = await seed(target, {
      applications: APPLICATIONS,
      mix: 'migration',
      password: PASSWORD,
      hashCost: 10,
      fromMs: now - 2 * DAY,
      untilMs: now,
    });
    process.stdout.write(`  seeded ${seeded.applications} applications, ${seeded.events} events\n`);

    await startServer();
    let admin = await login(seeded.staff.admin.username);
    const before = await listApplications(admin);
    const byId = new Map(before.map((a) => [a.id, a]));
    check(
      before.length === APPLICATIONS,
      `${before.length} applications listed, not ${APPLICATIONS}`,
    );
    const states = new Map<string, number>();
    for (const a of before) states.set(a.state, (states.get(a.state) ?? 0) + 1);
    check(
      before.every((a) => a.machineVersion === 1),
      'a seeded application is not on v1',
    );
    const v1States = (
      await call('GET', `/api/v1/workflows/${WORKFLOW}/versions`, admin)
    ).body.items.find((v: { version: number }) => v.version === 1).states as string[];
    for (const state of v1States) {
      check((states.get(state) ?? 0) > 0, `no seeded application in v1 state ${state}`);
    }
    process.stdout.write(`  v1 states: ${[...states].map(([s, n]) => `${s} ${n}`).join(', ')}\n`);
    const open = before.filter((a) => !FINAL.includes(a.state));

    // --- the dry run: every open application accounted for, refusals with a reason; no change.
    const verifyBefore = (await call('GET', '/api/v1/audit/verify', admin)).body;
    const dryStarted = Date.now();
    const dry = await call('POST', `/api/v1/workflows/${WORKFLOW}/migrations/dry-run`, admin, {
      from: 1,
      to: 2,
    });
    if (dry.status !== 200) throw new Error(`dry run → ${dry.status} ${JSON.stringify(dry.body)}`);
    const drySeconds = (Date.now() - dryStarted) / 1000;
    const planned = new Map((dry.body.items as DryItem[]).map((i) => [i.applicationId, i]));
    check(
      planned.size === dry.body.items.length,
      'the dry run lists an application more than once',
    );
    check(
      planned.size === open.length && open.every((a) => planned.has(a.id)),
      `the dry run lists ${planned.size} applications, ${open.length} are open on v1`,
    );
    for (const item of planned.values()) {
      const app = byId.get(item.applicationId);
      check(
        app?.state === item.fromState,
        `dry run: ${item.applicationId} is not in ${item.fromState}`,
      );
      if (item.ok) {
        check(
          typeof item.toState === 'string',
          `dry run: ${item.applicationId} ok without a state`,
        );
      } else {
        check(
          typeof item.reason === 'string' && item.reason.length > 0,
          `dry run: ${item.applicationId} refused without a reason`,
        );
      }
      const deadline = { publicNotice: 'notice', returned: 'return' }[item.fromState];
      if (item.ok && deadline) {
        check(
          item.timers.keep.length === 1 && item.timers.keep[0]!.purpose === deadline,
          `dry run: ${item.applicationId} does not keep its ${deadline} deadline`,
        );
      }
    }
    const { summary } = dry.body;
    const moves = summary.moves as Record<string, number>;
    check(
      summary.total === open.length && summary.ok + summary.refused === summary.total,
      `dry run summary ${JSON.stringify(summary)}`,
    );
    // The split state: provincialReview goes three ways (the seed's mix holds all three).
    check(
      (moves['provincialReview->expertReview'] ?? 0) > 0,
      'no inspected review moves to expertReview',
    );
    check((moves['provincialReview->provincialReview'] ?? 0) > 0, 'no review stays provincial');
    check(
      (moves['provincialReview->refused'] ?? 0) > 0 &&
        summary.refused === moves['provincialReview->refused'],
      `refusals other than experts-before-inspection: ${JSON.stringify(moves)}`,
    );
    const verifyAfterDry = (await call('GET', '/api/v1/audit/verify', admin)).body;
    check(
      verifyAfterDry.eventsChecked === verifyBefore.eventsChecked,
      'the dry run wrote audit events',
    );
    process.stdout.write(
      `  dry run (${drySeconds.toFixed(2)} s): ${summary.total} open on v1, ${summary.ok} to migrate, ${summary.refused} refused; ${JSON.stringify(moves)}\n`,
    );

    // --- the migration, killed with SIGKILL half-way.
    const started = await call('POST', `/api/v1/workflows/${WORKFLOW}/migrations`, admin, {
      from: 1,
      to: 2,
    });
    if (started.status !== 202) throw new Error(`migration → ${started.status}`);
    const migrationId = started.body.migrationId as string;
    const migrationStarted = Date.now();
    const killAfter = Math.max(1, Math.floor(open.length / 4));
    let seen = 0;
    for (;;) {
      const progress = await call('GET', `/api/v1/migrations/${migrationId}`, admin);
      seen = progress.body.processed as number;
      if (seen >= killAfter || progress.body.status !== 'running') break;
      await sleep(5);
    }
    await stopServer('SIGKILL');
    check(
      seen < open.length,
      `the migration finished (${seen} of ${open.length}) before it could be killed`,
    );
    process.stdout.write(
      `  killed with SIGKILL after ${seen} of ${open.length} were processed (${((Date.now() - migrationStarted) / 1000).toFixed(2)} s in)\n`,
    );

    // --- the restart resumes it.
    const resumeStarted = Date.now();
    await startServer();
    const restartSeconds = (Date.now() - resumeStarted) / 1000;
    admin = await login(seeded.staff.admin.username);
    const atRestart = (await call('GET', `/api/v1/migrations/${migrationId}`, admin)).body;
    check(
      atRestart.processed < open.length,
      `nothing was left to resume (${atRestart.processed} of ${open.length})`,
    );
    let done: any;
    for (;;) {
      done = (await call('GET', `/api/v1/migrations/${migrationId}`, admin)).body;
      if (done.status !== 'running') break;
      if (Date.now() - resumeStarted > 120_000) throw new Error('the migration did not finish');
      await sleep(100);
    }
    check(
      done.status === 'done' && done.total === open.length && done.processed === open.length,
      `after the resume: ${JSON.stringify({ status: done.status, total: done.total, processed: done.processed })}`,
    );
    check(
      done.summary.ok === summary.ok && done.summary.refused === summary.refused,
      `migration summary ${JSON.stringify(done.summary)}, dry run ${JSON.stringify(summary)}`,
    );
    const refusedItems = new Map(
      (done.items as { id: string; ok: boolean; code: string; reasons?: unknown[] }[]).map((i) => [
        i.id,
        i,
      ]),
    );
    process.stdout.write(
      `  restarted in ${restartSeconds.toFixed(2)} s, resumed from ${atRestart.processed}: ${done.status} ${((Date.now() - resumeStarted) / 1000 - restartSeconds).toFixed(2)} s later, ${done.summary.ok} migrated, ${done.summary.refused} refused\n`,
    );

    // --- every application: migrated exactly once, or refused with a reason and left alone.
    const after = await listApplications(admin);
    check(after.length === APPLICATIONS, `${after.length} applications after the migration`);
    let migrated = 0;
    for (const app of after) {
      const history = await call('GET', `/api/v1/applications/${app.id}/history?limit=500`, admin);
      const events = (history.body.items as { event: string; data: any }[]).filter(
        (e) => e.event === 'machine.migrated',
      );
      const plan = planned.get(app.id);
      const was = byId.get(app.id)!;
      if (plan?.ok) {
        migrated++;
        check(
          events.length === 1 &&
            events[0]!.data.migrationId === migrationId &&
            events[0]!.data.fromVersion === 1 &&
            events[0]!.data.toVersion === 2,
          `${app.id} (${plan.fromState}) has ${events.length} machine.migrated events`,
        );
        check(
          app.machineVersion === 2 && app.state === plan.toState,
          `${app.id}: v${app.machineVersion} ${app.state}, the dry run said v2 ${plan.toState}`,
        );
        const deadline = { publicNotice: 'notice', returned: 'return' }[app.state];
        if (deadline) {
          const timers = await call(
            'GET',
            `/api/v1/timers?applicationId=${app.id}&status=pending`,
            admin,
          );
          const purposes = (timers.body.items as { purpose: string }[]).map((t) => t.purpose);
          check(
            purposes.length === 1 && purposes[0] === deadline,
            `${app.id} in ${app.state} has pending timers ${JSON.stringify(purposes)}`,
          );
        }
      } else {
        check(
          events.length === 0 && app.machineVersion === 1 && app.state === was.state,
          `${app.id} (${was.state}, not to migrate) is v${app.machineVersion} ${app.state} with ${events.length} migrations`,
        );
        if (plan) {
          const item = refusedItems.get(app.id);
          check(
            item?.ok === false && Array.isArray(item.reasons) && item.reasons.length > 0,
            `${app.id} refused without a recorded reason: ${JSON.stringify(item)}`,
          );
        }
      }
    }
    check(migrated === summary.ok, `${migrated} migrated, the dry run said ${summary.ok}`);

    // --- the chain verifies.
    const chain = (await call('GET', '/api/v1/audit/verify', admin)).body;
    check(chain.ok === true, `the audit chain does not verify: ${JSON.stringify(chain)}`);
    check(
      chain.eventsChecked === verifyBefore.eventsChecked + summary.ok,
      `${chain.eventsChecked} events, expected ${verifyBefore.eventsChecked} + ${summary.ok} migrations`,
    );
    process.stdout.write(
      `  ${migrated} applications migrated once each; chain ok=${chain.ok} (${chain.eventsChecked} events)\n`,
    );
    await stopServer('SIGTERM');

    // --- replay equals the stored state: npm run replay's program, on the same database.
    const replay = spawnSync(process.execPath, [join(process.cwd(), 'dist', 'cli', 'replay.js')], {
      env: { ...process.env, ...harness.env },
      encoding: 'utf8',
    });
    const lastLine = replay.stdout.trim().split('\n').at(-1) ?? '';
    check(
      replay.status === 0 && lastLine === `${APPLICATIONS} applications replayed, 0 mismatches`,
      `npm run replay: exit ${replay.status}: ${replay.stdout.slice(-2000)} ${replay.stderr.slice(-2000)}`,
    );
    process.stdout.write(`  replay: ${lastLine}\n`);
  } finally {
    if (harness.running) await stopServer('SIGKILL');
    await database.drop().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
};

main().then(
  () => {
    if (problems.length > 0) {
      process.stdout.write(`FAILED: ${problems.length} problems\n`);
      process.exitCode = 1;
    } else process.stdout.write('PASSED\n');
  },
  (error: unknown) => {
    process.stderr.write(
      `migration crash test error: ${error instanceof Error ? error.stack : String(error)}\n`,
    );
    process.exitCode = 2;
  },
);
