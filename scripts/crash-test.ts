// npm run test:crash — kills the server with SIGKILL at random moments under concurrent load,
// restarts it on the same database, and checks that nothing acknowledged was lost, that every
// application's state is the toState of its last audit event, that the audit chain verifies, and
// that timers were neither lost nor doubled. Then SIGTERM under load: in-flight requests finish and
// the process exits cleanly. SQLite by default; PostgreSQL when CRASH_DATABASE_URL (or
// TEST_DATABASE_URL) points at a server: a database of its own is created and dropped.
// A webhook receiver subscribed to every event checks that every committed application event is
// delivered (after the kills and restarts), that none is delivered for a change that did not
// commit, and that every signature verifies; duplicates (at-least-once) are counted.
import { createHmac, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ServerChild, testDatabase } from './crash/harness';
import { makeCreditCode } from '../test/factories/credit-code.factory';
import { passingFacts } from '../test/factories/facts.factory';

const ROUNDS = Number(process.env.CRASH_ROUNDS ?? 5);
const WORKERS = Number(process.env.CRASH_WORKERS ?? 8);
const PORT = Number(process.env.CRASH_PORT ?? 3790);
const ADMIN_PASSWORD = 'crash-admin-password';
const PASSWORD = 'crash-user-password';

type Ack = { applicationId: string; event: string; version: number };
type Tracked = { id: string; owner: string; state: string };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const random = (min: number, max: number) => min + Math.random() * (max - min);

const harness = new ServerChild(PORT);
const startServer = () => harness.start();
const stopServer = (signal: NodeJS.Signals) => harness.stop(signal);
const call = (method: string, path: string, token?: string, body?: unknown) =>
  harness.call(method, path, token, body);
const login = (username: string, password: string) => harness.login(username, password);

const createUser = async (
  adminToken: string,
  role: string,
  jurisdiction: object,
): Promise<string> => {
  const username = `${role}-${randomBytes(4).toString('hex')}`;
  const res = await call('POST', '/api/v1/users', adminToken, {
    username,
    password: PASSWORD,
    role,
    jurisdiction,
  });
  if (res.status !== 201) throw new Error(`create user → ${res.status}`);
  return username;
};

/** Webhook deliveries received: event id → times received, and the body. */
const received = new Map<string, { count: number; body: any; verified: boolean }>();
let webhookSecret = '';

const startReceiver = async (): Promise<{ url: string; close(): void }> => {
  const srv = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const id = String(req.headers['webhook-id']);
      const ts = String(req.headers['webhook-timestamp']);
      const key = Buffer.from(webhookSecret.replace(/^whsec_/, ''), 'base64');
      const expected = `v1,${createHmac('sha256', key).update(`${id}.${ts}.${body}`).digest('base64')}`;
      const seen = received.get(id);
      received.set(id, {
        count: (seen?.count ?? 0) + 1,
        body: JSON.parse(body),
        verified: req.headers['webhook-signature'] === expected,
      });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  const { port } = srv.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    close: () => {
      srv.closeAllConnections();
      srv.close();
    },
  };
};

const problems: string[] = [];
const fail = (message: string) => {
  problems.push(message);
  process.stdout.write(`  ✗ ${message}\n`);
};

const main = async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ladder-crash-'));
  const database = await testDatabase('ladder_crash', dir);
  harness.env = {
    ...database.env,
    DATA_DIR: dir,
    ADMIN_PASSWORD,
    JWT_SECRET: 'crash-test-secret-that-is-long-enough-012345',
    LOG_LEVEL: 'warn',
    PASSWORD_HASH_COST: '10',
    SCHEDULER_ENABLED: 'true',
    // The workloads submit figures without evidence documents.
    DOCUMENTS_REQUIRED: 'false',
    SCHEDULER_POLL_MS: '100',
    SCHEDULER_LEASE_MS: '2000',
    OUTBOX_POLL_MS: '100',
    WEBHOOK_TIMEOUT_MS: '2000',
    WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
    WEBHOOK_RETRY_BASE_MS: '200',
    RATE_LIMIT_LOGIN_PER_MINUTE: '100000',
    RATE_LIMIT_REGISTRATIONS_PER_MINUTE: '100000',
  };
  process.stdout.write(
    `crash test on ${database.kind === 'postgres' ? 'PostgreSQL' : 'SQLite'}: ${ROUNDS} kill rounds, ${WORKERS} workers\n`,
  );

  const acks: Ack[] = [];
  const tracked = new Map<string, Tracked>();
  const enterprises: { username: string; enterpriseId: string; used: boolean }[] = [];
  let acknowledged = 0;
  let refused = 0;
  let lost = 0;

  const receiver = await startReceiver();
  try {
    await startServer();
    let adminToken = await login('admin', ADMIN_PASSWORD);
    const hook = await call('POST', '/api/v1/webhooks', adminToken, {
      url: receiver.url,
      events: ['application.*'],
    });
    if (hook.status !== 201) throw new Error(`webhook subscription → ${hook.status}`);
    webhookSecret = hook.body.secret as string;
    const cityName = await createUser(adminToken, 'reviewer', {
      level: 'city',
      regionCode: '130100',
    });
    const provinceName = await createUser(adminToken, 'reviewer', {
      level: 'province',
      regionCode: '130000',
    });
    const auditorName = await createUser(adminToken, 'auditor', { level: 'national' });

    const registerEnterprise = async () => {
      const username = `ent-${randomBytes(5).toString('hex')}`;
      const res = await call('POST', '/api/v1/enterprises', undefined, {
        creditCode: makeCreditCode('130102'),
        name: `Crash Test Works ${username}`,
        regionCode: '130102',
        sector: 'industry',
        establishedOn: '2012-03-01',
        account: { username, password: PASSWORD },
      });
      if (res.status === 201)
        enterprises.push({ username, enterpriseId: res.body.id, used: false });
    };

    const workload = async (deadline: number, tokens: Record<string, string>) => {
      const worker = async () => {
        while (Date.now() < deadline) {
          try {
            const open = [...tracked.values()].filter((a) => a.state !== 'certified');
            if (open.length < WORKERS * 2) {
              const free = enterprises.find((e) => !e.used);
              if (!free) {
                await registerEnterprise();
                continue;
              }
              free.used = true;
              tokens[free.username] ??= await login(free.username, PASSWORD);
              const res = await call('POST', '/api/v1/applications', tokens[free.username], {
                enterpriseId: free.enterpriseId,
                tier: 'innovative_sme',
                facts: passingFacts(new Date().getUTCFullYear()),
              });
              if (res.status === 201) {
                acknowledged++;
                acks.push({
                  applicationId: res.body.id,
                  event: 'application.create',
                  version: res.body.version,
                });
                tracked.set(res.body.id, { id: res.body.id, owner: free.username, state: 'draft' });
              } else refused++;
              continue;
            }
            const app = open[Math.floor(Math.random() * open.length)]!;
            if (app.state === 'publicNotice') {
              // End the notice now: the scheduler fires it (exactly once, whatever happens).
              const timers = await call(
                'GET',
                `/api/v1/timers?applicationId=${app.id}&status=pending`,
                tokens.admin,
              );
              const timer = timers.body?.items?.[0];
              if (timer) {
                const res = await call('PATCH', `/api/v1/timers/${timer.id}`, tokens.admin, {
                  dueAt: new Date().toISOString(),
                });
                if (res.status === 200) acknowledged++;
              }
              const now = await call('GET', `/api/v1/applications/${app.id}`, tokens.admin);
              if (now.status === 200) app.state = now.body.state;
              await sleep(50);
              continue;
            }
            const next: Record<string, [string, string]> = {
              draft: [app.owner, 'submit'],
              submitted: ['city', 'review.start'],
              localReview: ['city', 'review.recommend'],
              provincialReview: ['province', 'notice.publish'],
            };
            const step = next[app.state];
            if (!step) continue;
            const [who, type] = step;
            tokens[who] ??= await login(
              who === 'city' ? cityName : who === 'province' ? provinceName : who,
              PASSWORD,
            );
            const res = await call('POST', `/api/v1/applications/${app.id}/events`, tokens[who], {
              type,
            });
            if (res.status === 200) {
              acknowledged++;
              acks.push({ applicationId: app.id, event: type, version: res.body.version });
              app.state = res.body.state;
            } else {
              refused++;
              // Learn the state after a refusal (another worker moved it first).
              const now = await call('GET', `/api/v1/applications/${app.id}`, tokens.admin);
              if (now.status === 200) app.state = now.body.state;
            }
          } catch {
            // The server died under this request: its outcome is unknown, so it counts as nothing.
            lost++;
            await sleep(20);
          }
        }
      };
      await Promise.all(Array.from({ length: WORKERS }, worker));
    };

    for (let round = 1; round <= ROUNDS; round++) {
      const tokens: Record<string, string> = { admin: adminToken };
      const killAt = Date.now() + random(800, 2500);
      const running = workload(killAt + 400, tokens);
      await sleep(killAt - Date.now());
      await stopServer('SIGKILL');
      await running;
      process.stdout.write(
        `  round ${round}: killed with SIGKILL (acknowledged so far ${acknowledged})\n`,
      );
      await startServer();
      adminToken = await login('admin', ADMIN_PASSWORD);
    }

    // Let the scheduler fire what is due, then check everything.
    const tokens: Record<string, string> = { admin: adminToken };
    await workload(Date.now() + 1500, tokens);
    await sleep(1500);
    const auditor = await login(auditorName, PASSWORD);
    const checked = await verify(adminToken, auditor, acks);

    // Graceful shutdown: SIGTERM under load. In-flight requests finish; nothing is cut off.
    const inflight: Promise<number>[] = [];
    const loadUntil = Date.now() + 1500;
    const sigterm = (async () => {
      await sleep(700);
      return stopServer('SIGTERM');
    })();
    while (Date.now() < loadUntil && harness.running) {
      const app = [...tracked.values()][Math.floor(Math.random() * tracked.size)]!;
      inflight.push(
        call('GET', `/api/v1/applications/${app.id}`, adminToken).then(
          (r) => r.status,
          () => -1,
        ),
      );
      await sleep(5);
    }
    const exitCode = await sigterm;
    const statuses = await Promise.all(inflight);
    const answered = statuses.filter((s) => s > 0);
    if (exitCode !== 0) fail(`SIGTERM: the process exited with ${exitCode}, not 0`);
    // 503 is Fastify turning away requests that arrive once closing has begun; a 500 is a failure.
    if (answered.some((s) => s >= 500 && s !== 503))
      fail('SIGTERM: a request failed (5xx) during shutdown');
    process.stdout.write(
      `  SIGTERM under load: exit code ${exitCode}, ${answered.length} requests answered (${answered.filter((s) => s === 200).length} ok), ${statuses.length - answered.length} refused at the door\n`,
    );
    await startServer();
    const after = await login('admin', ADMIN_PASSWORD);
    await verify(after, await login(auditorName, PASSWORD), acks);
    await stopServer('SIGTERM');

    process.stdout.write(
      `crash test: ${ROUNDS} SIGKILL rounds, ${acknowledged} acknowledged writes, ${refused} refused, ${lost} cut off, ${checked} applications checked, ${problems.length} problems\n`,
    );
  } finally {
    receiver.close();
    if (harness.running) await stopServer('SIGKILL');
    await database.drop().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }

  async function verify(
    adminToken: string,
    auditorToken: string,
    acknowledgedEvents: Ack[],
  ): Promise<number> {
    const chain = await call('GET', '/api/v1/audit/verify', auditorToken);
    if (!chain.body?.ok) fail(`the audit chain does not verify: ${JSON.stringify(chain.body)}`);
    const applications: { id: string; state: string }[] = [];
    let cursor: string | null = null;
    do {
      const page = await call(
        'GET',
        `/api/v1/applications?limit=500${cursor ? `&cursor=${cursor}` : ''}`,
        adminToken,
      );
      applications.push(...page.body.items);
      cursor = page.body.nextCursor;
    } while (cursor);
    const histories = new Map<string, any[]>();
    for (const app of applications) {
      const history = await call('GET', `/api/v1/applications/${app.id}/history`, adminToken);
      const items = history.body.items as any[];
      histories.set(app.id, items);
      const last = items[items.length - 1];
      if (!last || last.toState !== app.state) {
        fail(`application ${app.id} is ${app.state}, its last audit event says ${last?.toState}`);
      }
      const timers = (
        await call('GET', `/api/v1/timers?applicationId=${app.id}&limit=500`, adminToken)
      ).body.items as any[];
      const pending = timers.filter((t) => t.status === 'pending');
      const fired = timers.filter((t) => t.status === 'fired');
      const expired = items.filter((e) => e.event === 'deadline.expired');
      if (app.state === 'publicNotice' && pending.length !== 1) {
        fail(`application ${app.id} under notice has ${pending.length} pending timers`);
      }
      if (
        app.state === 'certified' &&
        (pending.length !== 0 || fired.length !== 1 || expired.length !== 1)
      ) {
        fail(
          `certified application ${app.id}: ${pending.length} pending, ${fired.length} fired timers, ${expired.length} expiries`,
        );
      }
      if (!['publicNotice', 'certified'].includes(app.state) && pending.length !== 0) {
        fail(`application ${app.id} in ${app.state} has ${pending.length} pending timers`);
      }
      const replay = await call('GET', `/api/v1/audit/applications/${app.id}/replay`, adminToken);
      if (!replay.body?.matches)
        fail(`application ${app.id} does not replay: ${JSON.stringify(replay.body)}`);
    }
    for (const ack of acknowledgedEvents) {
      const items = histories.get(ack.applicationId);
      const found = items?.some(
        (e) =>
          e.event === ack.event &&
          (ack.event === 'application.create' || e.data?.version === ack.version),
      );
      if (!found)
        fail(
          `acknowledged ${ack.event} (v${ack.version}) of ${ack.applicationId} is missing from its history`,
        );
    }
    await checkWebhooks(histories);
    process.stdout.write(
      `  verified: chain ok=${chain.body?.ok} (${chain.body?.eventsChecked} events), ${applications.length} applications, ${acknowledgedEvents.length} acknowledged events\n`,
    );
    return applications.length;
  }
};

/**
 * Every committed application event (its audit event in a history) reaches the receiver, signed;
 * nothing else does (a delivered event matches a committed audit event by subject, type and seq).
 */
async function checkWebhooks(histories: Map<string, any[]>): Promise<void> {
  const committed = new Map<string, string>();
  for (const [id, items] of histories) {
    for (const e of items) {
      const type = String(e.event).startsWith('application.') ? e.event : `application.${e.event}`;
      committed.set(`${id}:${e.seq}:${type}`, type);
    }
  }
  const deliveredKeys = () =>
    new Set(
      [...received.values()]
        .filter((r) => r.body.type !== 'application.certified')
        .map((r) => `${r.body.subject.id}:${r.body.seq}:${r.body.type}`),
    );
  const started = Date.now();
  let missing = [...committed.keys()].filter((k) => !deliveredKeys().has(k));
  while (missing.length > 0 && Date.now() - started < 60_000) {
    await sleep(250);
    missing = [...committed.keys()].filter((k) => !deliveredKeys().has(k));
  }
  for (const key of missing.slice(0, 10)) fail(`committed event ${key} was never delivered`);
  if (missing.length > 10) fail(`… and ${missing.length - 10} more committed events undelivered`);
  for (const key of deliveredKeys()) {
    if (!committed.has(key)) fail(`delivered event ${key} belongs to no committed change`);
  }
  const unverified = [...received.values()].filter((r) => !r.verified).length;
  if (unverified > 0) fail(`${unverified} deliveries have a signature that does not verify`);
  const duplicates = [...received.values()].reduce((n, r) => n + r.count - 1, 0);
  process.stdout.write(
    `  webhooks: ${committed.size} committed application events, ${received.size} distinct events delivered, ${missing.length} missing, ${duplicates} duplicates (at-least-once)\n`,
  );
}

main().then(
  () => {
    if (problems.length > 0) {
      process.stdout.write(`FAILED: ${problems.length} problems\n`);
      process.exitCode = 1;
    } else process.stdout.write('PASSED\n');
  },
  (error: unknown) => {
    process.stderr.write(
      `crash test error: ${error instanceof Error ? error.stack : String(error)}\n`,
    );
    process.exitCode = 2;
  },
);
