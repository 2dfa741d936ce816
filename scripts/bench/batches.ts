// Batch events (issue 19): how long one POST /applications/batch-events of 1,000 applications
// takes, item by item (each its own transaction, grouped on SQLite) and all-or-nothing (one
// transaction), on SQLite and, when configured, PostgreSQL. The applications are the workload's,
// just submitted in Shijiazhuang; the city reviewer starts their review.
import { request } from 'node:http';
import { join } from 'node:path';
import { startServer } from './server-process';
import { copyDatabase, seedWorkload, tokenFor, workloadTemplate, type Workload } from './workload';

export type BatchBenchRow = {
  database: string;
  mode: 'each' | 'atomic';
  items: number;
  ok: number;
  seconds: number;
  perSecond: number;
};

const post = (port: number, path: string, token: string, body: object) =>
  new Promise<{ status: number; body: string }>((resolve, reject) => {
    const payload = Buffer.from(JSON.stringify(body));
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path,
        headers: {
          'content-type': 'application/json',
          'content-length': String(payload.length),
          authorization: `Bearer ${token}`,
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
    req.end(payload);
  });

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
}): Promise<BatchBenchRow[]> => {
  const size = options.size ?? 1000;
  const needed = 2 * size + 50;
  const rows: BatchBenchRow[] = [];
  const { path: template, workload } = await workloadTemplate(options.dir, Math.max(needed, 2100));
  const db = copyDatabase(template, join(options.dir, 'batches.sqlite'));
  const sqlite = await startServer(
    options.serverEnv({ SQLITE_PATH: db, SQLITE_SYNCHRONOUS: 'FULL', DATA_DIR: `${db}.data` }),
  );
  try {
    rows.push(...(await measure(options.port, workload, 'SQLite (FULL)', size)));
  } finally {
    await sqlite.stop();
  }
  if (options.pgUrl) {
    const schema = `bench_batches_${Date.now().toString(36)}`;
    const seeded = await seedWorkload({ kind: 'postgres', url: options.pgUrl, schema }, needed);
    const pg = await startServer(
      options.serverEnv({
        DATABASE_URL: options.pgUrl,
        DATABASE_SCHEMA: schema,
        DATA_DIR: join(options.dir, `${schema}.data`),
      }),
    );
    try {
      rows.push(...(await measure(options.port, seeded, 'PostgreSQL', size)));
    } finally {
      await pg.stop();
      await options.dropSchema(schema);
    }
  }
  return rows;
};
