// Batch events (issue 19): how long one POST /applications/batch-events of 1,000 applications
// takes, item by item (each its own transaction, grouped on SQLite) and all-or-nothing (one
// transaction), on SQLite and, when configured, PostgreSQL. The applications are the workload's,
// just submitted in Shijiazhuang; the city reviewer starts their review.
import { request } from 'node:http';
import { join } from 'node:path';
import { startServer } from './server-process';
import { copyDatabase, seedWorkload, tokenFor, workloadTemplate, type Workload } from './workload';

export type MigrationBenchRow = {
  database: string;
  applications: number;
  dryRunSeconds: number;
  migrationSeconds: number;
  migrated: number;
  refused: number;
};

export type BatchBenchRow = {
  database: string;
  mode: 'each' | 'atomic';
  items: number;
  ok: number;
  seconds: number;
  perSecond: number;
};

const call = (
  port: number,
  method: 'GET' | 'POST',
  path: string,
  token: string | null,
  body?: object,
) =>
  new Promise<{ status: number; body: string }>((resolve, reject) => {
    const payload = Buffer.from(body ? JSON.stringify(body) : '');
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        headers: {
          ...(body
            ? { 'content-type': 'application/json', 'content-length': String(payload.length) }
            : {}),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body ? payload : undefined);
  });

const post = (port: number, path: string, token: string, body: object) =>
  call(port, 'POST', path, token, body);

const WORKFLOW = 'specialized-sme-application';
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The workload's specialized-SME applications (all on version 1) moved to version 2: the dry run,
 * then the migration, timed until GET /migrations/{id} reports it done.
 */
const measureMigration = async (
  port: number,
  workload: Workload,
  database: string,
): Promise<MigrationBenchRow> => {
  if (!workload.users.admin) throw new Error('the workload has no administrator (reseed it)');
  const token = tokenFor(workload.users.admin);
  let started = process.hrtime.bigint();
  const dry = await post(port, `/api/v1/workflows/${WORKFLOW}/migrations/dry-run`, token, {
    from: 1,
    to: 2,
  });
  const dryRunSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (dry.status !== 200) throw new Error(`dry run → ${dry.status} ${dry.body.slice(0, 300)}`);
  const applications = (JSON.parse(dry.body) as { summary: { total: number } }).summary.total;
  started = process.hrtime.bigint();
  const start = await post(port, `/api/v1/workflows/${WORKFLOW}/migrations`, token, {
    from: 1,
    to: 2,
  });
  if (start.status !== 202) throw new Error(`migration → ${start.status} ${start.body}`);
  const { migrationId } = JSON.parse(start.body) as { migrationId: string };
  for (;;) {
    const res = await call(port, 'GET', `/api/v1/migrations/${migrationId}`, token);
    const m = JSON.parse(res.body) as { status: string; summary: { ok: number; refused: number } };
    if (m.status !== 'running') {
      return {
        database,
        applications,
        dryRunSeconds,
        migrationSeconds: Number(process.hrtime.bigint() - started) / 1e9,
        migrated: m.summary.ok,
        refused: m.summary.refused,
      };
    }
    await pause(100);
  }
};

const measure = async (
  port: number,
  workload: Workload,
  database: string,
  size: number,
): Promise<BatchBenchRow[]> => {
  const token = tokenFor(workload.users.city);
  const rows: BatchBenchRow[] = [];
  // A small batch first, unmeasured (JIT, caches).
  let offset = 0;
  const take = (n: number) => workload.ids.slice(offset, (offset += n));
  await post(port, '/api/v1/applications/batch-events', token, {
    type: 'review.start',
    ids: take(50),
  });
  for (const mode of ['each', 'atomic'] as const) {
    const ids = take(size);
    const started = process.hrtime.bigint();
    const res = await post(port, '/api/v1/applications/batch-events', token, {
      type: 'review.start',
      ids,
      ...(mode === 'atomic' ? { atomic: true } : {}),
    });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    if (res.status !== 200) throw new Error(`batch → ${res.status} ${res.body.slice(0, 300)}`);
    const summary = (JSON.parse(res.body) as { summary: { ok: number } }).summary;
    rows.push({
      database,
      mode,
      items: ids.length,
      ok: summary.ok,
      seconds,
      perSecond: ids.length / seconds,
    });
  }
  return rows;
};

export const benchBatches = async (options: {
  port: number;
  dir: string;
  serverEnv: (extra: Record<string, string>) => Record<string, string>;
  pgUrl: string | undefined;
  dropSchema: (schema: string) => Promise<void>;
  size?: number;
}): Promise<{ batches: BatchBenchRow[]; migrations: MigrationBenchRow[] }> => {
  const size = options.size ?? 1000;
  const needed = 2 * size + 50;
  const rows: BatchBenchRow[] = [];
  const migrations: MigrationBenchRow[] = [];
  const env = options.serverEnv;
  const { path: template, workload } = await workloadTemplate(options.dir, Math.max(needed, 2100));
  const db = copyDatabase(template, join(options.dir, 'batches.sqlite'));
  const sqlite = await startServer(
    env({ SQLITE_PATH: db, SQLITE_SYNCHRONOUS: 'FULL', DATA_DIR: `${db}.data` }),
  );
  try {
    rows.push(...(await measure(options.port, workload, 'SQLite (FULL)', size)));
    migrations.push(await measureMigration(options.port, workload, 'SQLite (FULL)'));
  } finally {
    await sqlite.stop();
  }
  if (options.pgUrl) {
    const schema = `bench_batches_${Date.now().toString(36)}`;
    const seeded = await seedWorkload({ kind: 'postgres', url: options.pgUrl, schema }, needed);
    const pg = await startServer(
      env({
        DATABASE_URL: options.pgUrl,
        DATABASE_SCHEMA: schema,
        DATA_DIR: join(options.dir, `${schema}.data`),
      }),
    );
    try {
      rows.push(...(await measure(options.port, seeded, 'PostgreSQL', size)));
      migrations.push(await measureMigration(options.port, seeded, 'PostgreSQL'));
    } finally {
      await pg.stop();
      await options.dropSchema(schema);
    }
  }
  return { batches: rows, migrations };
};
