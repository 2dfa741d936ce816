// Phase `statistics` of npm run bench (issue 17): each statistics endpoint over HTTP, sequential
// requests, at 10 k and 1 M applications (BENCH_STATISTICS_SIZES), on SQLite and, with
// BENCH_DATABASE_URL, PostgreSQL; the ratio of the largest to the smallest is the acceptance
// ("within 2×"). The data sets are the projection's tables written directly (statistics-data.ts),
// checked first against the real projector on a sample. SQLite data sets are kept in BENCH_DIR.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { seed, type SeedTarget } from '../seed';
import type { SeedUser } from '../seed/dataset';
import { runLoad } from './load-driver';
import type { QueryLatency } from './scale';
import { startServer } from './server-process';
import {
  checkAgainstProjector,
  PostgresBulkWriter,
  SqliteBulkWriter,
  writeStatistics,
  type BulkWriter,
  type Seeded,
} from './statistics-data';
import { tokenFor } from './workload';

export type StatisticsRun = {
  database: 'SQLite' | 'PostgreSQL';
  applications: number;
  /** null: the data set was reused from BENCH_DIR. */
  seeded: Seeded | null;
  rows: { counters: number; stageDays: number; certificates: number };
  databaseBytes: number | null;
  queries: Record<string, QueryLatency>;
};

export type StatisticsResult = {
  check: Awaited<ReturnType<typeof checkAgainstProjector>>;
  runs: StatisticsRun[];
};

type Meta = {
  year: number;
  users: { province: SeedUser; city: SeedUser; auditor: SeedUser };
  seeded: Seeded;
};

/** Staff users (seeded as the seed does), then the generated projection. */
const build = async (
  target: SeedTarget,
  writerOf: () => BulkWriter,
  applications: number,
): Promise<Meta> => {
  const users = await seed(target, {
    applications: 0,
    password: 'bench-password-0001',
    hashCost: 10,
  });
  const untilMs = Date.now() - 86_400_000;
  const writer = writerOf();
  let seeded: Seeded;
  try {
    seeded = await writeStatistics(writer, {
      applications,
      untilMs,
      reviewerId: users.staff.provinceReviewer.id,
    });
  } finally {
    await writer.close();
  }
  return {
    year: new Date(untilMs).getUTCFullYear(),
    users: {
      province: users.staff.provinceReviewer,
      city: users.staff.cityReviewers.get('130100')!,
      auditor: users.staff.provinceAuditor,
    },
    seeded,
  };
};

type Case = { token: string; path: string; accept?: string };

/** The statistics requests of a data set, by name (the same names at every size). */
const casesOf = (meta: Meta): Record<string, Case> => {
  const province = tokenFor(meta.users.province);
  const city = tokenFor(meta.users.city);
  const auditor = tokenFor(meta.users.auditor);
  const [big, , , small] = meta.seeded.clusters;
  const y = meta.year;
  return {
    [`progress: province (130000) and its cities, ${y}`]: {
      token: province,
      path: `/api/v1/statistics/progress?year=${y}&regionCode=130000`,
    },
    [`progress: city (130100) and its counties, ${y - 1}`]: {
      token: city,
      path: `/api/v1/statistics/progress?year=${y - 1}&regionCode=130100`,
    },
    [`progress: county (130102), ${y}`]: {
      token: city,
      path: `/api/v1/statistics/progress?year=${y}&regionCode=130102`,
    },
    'progress: province, CSV (Accept: text/csv)': {
      token: auditor,
      path: `/api/v1/statistics/progress?year=${y}&regionCode=130000`,
      accept: 'text/csv',
    },
    [`cluster statistics: ${big!.members} members (${big!.regionCode})`]: {
      token: city,
      path: `/api/v1/statistics/clusters/${big!.id}?year=${y}`,
    },
    [`cluster statistics: ${small!.members} members (${small!.regionCode})`]: {
      token: province,
      path: `/api/v1/statistics/clusters/${small!.id}?year=${y}`,
    },
    'clusters of the province': { token: province, path: '/api/v1/clusters?regionCode=130000' },
    [`targets of the province, ${y}`]: {
      token: auditor,
      path: `/api/v1/targets?year=${y}&regionCode=130000&limit=100`,
    },
  };
};

const ROUNDS = 5;

/**
 * Every data set's server at once (one port each), each query sent to them in turn, in rounds of
 * sequential requests (the order of the sizes alternating from round to round), so that what else
 * the machine does weighs on every size alike. Returns the latencies per size and query.
 */
const measure = async (o: {
  port: number;
  sets: { meta: Meta; env: Record<string, string> }[];
  requests: number;
}): Promise<Record<string, QueryLatency>[]> => {
  const servers = [];
  try {
    for (const [i, set] of o.sets.entries()) {
      servers.push(await startServer({ ...set.env, PORT: String(o.port + i) }));
    }
    const cases = o.sets.map((set) => casesOf(set.meta));
    const out = o.sets.map((): Record<string, QueryLatency> => ({}));
    for (const name of Object.keys(cases[0]!)) {
      const samples = o.sets.map(() => [] as number[]);
      const statuses = o.sets.map((): Record<string, number> => ({}));
      for (const [i, set] of cases.entries()) {
        const c = set[name]!;
        // Unmeasured: a first request (it also checks the answer), then a few more.
        const headers = {
          authorization: `Bearer ${c.token}`,
          ...(c.accept ? { accept: c.accept } : {}),
        };
        const first = await fetch(`http://127.0.0.1:${o.port + i}${c.path}`, { headers });
        if (!first.ok) throw new Error(`GET ${c.path}: ${first.status} ${await first.text()}`);
        await first.arrayBuffer();
        await runLoad({
          port: o.port + i,
          connections: 1,
          durationMs: 60_000,
          next: (_, k) => (k < 5 ? { method: 'GET', path: c.path, headers } : null),
        });
      }
      for (let round = 0; round < ROUNDS; round++) {
        const order = cases.map((_, i) => i);
        if (round % 2 === 1) order.reverse();
        for (const i of order) {
          const c = cases[i]![name]!;
          const headers = {
            authorization: `Bearer ${c.token}`,
            ...(c.accept ? { accept: c.accept } : {}),
          };
          let sentAt = 0n;
          await runLoad({
            port: o.port + i,
            connections: 1,
            durationMs: 120_000,
            next: (_, k) => {
              if (k >= Math.ceil(o.requests / ROUNDS)) return null;
              sentAt = process.hrtime.bigint();
              return { method: 'GET', path: c.path, headers };
            },
            onResponse: (status) => {
              samples[i]!.push(Number(process.hrtime.bigint() - sentAt) / 1000);
              statuses[i]![status] = (statuses[i]![status] ?? 0) + 1;
            },
          });
        }
      }
      for (const [i, values] of samples.entries()) {
        const sorted = [...values].sort((a, b) => a - b);
        const at = (p: number) =>
          sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
        out[i]![name] = {
          p50: at(50),
          p99: at(99),
          requests: sorted.length,
          statuses: statuses[i]!,
        };
      }
      process.stderr.write(
        `    ${name}: ${out.map((r) => `p50 ${(r[name]!.p50 / 1000).toFixed(2)} ms p99 ${(r[name]!.p99 / 1000).toFixed(2)} ms ${JSON.stringify(r[name]!.statuses)}`).join(' | ')}\n`,
      );
    }
    return out;
  } finally {
    for (const server of servers) await server.stop();
  }
};

export const benchStatistics = async (o: {
  dir: string;
  port: number;
  sizes: number[];
  requests: number;
  pgUrl: string | undefined;
  serverEnv: (extra: Record<string, string>) => Record<string, string>;
  dropSchema: (schema: string) => Promise<void>;
}): Promise<StatisticsResult> => {
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const checkStarted = Date.now();
  const check = await checkAgainstProjector(o.dir, 2000, Date.now() - 86_400_000);
  for (const suffix of ['', '-wal', '-shm']) {
    rmSync(join(o.dir, `statistics-check-generated.sqlite${suffix}`), { force: true });
    rmSync(join(o.dir, `statistics-check-folded.sqlite${suffix}`), { force: true });
  }
  rmSync(join(o.dir, 'statistics-check-folded.sqlite.data'), { recursive: true, force: true });
  log(
    `  check: ${check.applications} generated histories (${check.events} events) folded by the projector: ${check.differences.length === 0 ? `${check.rows} rows equal` : check.differences.join('; ')} (${((Date.now() - checkStarted) / 1000).toFixed(1)} s)`,
  );
  if (check.differences.length > 0) {
    throw new Error(
      `the generated projection differs from the projector's: ${check.differences.join('; ')}`,
    );
  }
  const runs: StatisticsRun[] = [];
  const sqlite: { size: number; path: string; reused: boolean; meta: Meta }[] = [];
  for (const size of o.sizes) {
    const path = join(o.dir, `statistics-${size}.sqlite`);
    let reused = true;
    if (!existsSync(path) || !existsSync(`${path}.json`)) {
      reused = false;
      for (const suffix of ['', '-wal', '-shm', '.json'])
        rmSync(`${path}${suffix}`, { force: true });
      log(`  SQLite, ${size} applications: writing the data set`);
      const meta = await build({ kind: 'sqlite', path }, () => new SqliteBulkWriter(path), size);
      writeFileSync(`${path}.json`, JSON.stringify(meta));
    }
    const meta = JSON.parse(readFileSync(`${path}.json`, 'utf8')) as Meta;
    log(
      `  SQLite, ${size} applications (${reused ? 'reused' : `written in ${meta.seeded.seconds.toFixed(1)} s`}): ${meta.seeded.counters} counters, ${meta.seeded.stageDays} stage-day cells`,
    );
    sqlite.push({ size, path, reused, meta });
  }
  log(`  SQLite: measuring (${o.sizes.join(', ')} applications side by side)`);
  const sqliteQueries = await measure({
    port: o.port,
    requests: o.requests,
    sets: sqlite.map((d) => ({
      meta: d.meta,
      env: o.serverEnv({ SQLITE_PATH: d.path, DATA_DIR: `${d.path}.data` }),
    })),
  });
  sqlite.forEach((d, i) =>
    runs.push({
      database: 'SQLite',
      applications: d.size,
      seeded: d.reused ? null : d.meta.seeded,
      rows: {
        counters: d.meta.seeded.counters,
        stageDays: d.meta.seeded.stageDays,
        certificates: d.meta.seeded.certificates,
      },
      databaseBytes: statSync(d.path).size,
      queries: sqliteQueries[i]!,
    }),
  );
  if (o.pgUrl) {
    const url = o.pgUrl;
    const schemas: { size: number; schema: string; meta: Meta }[] = [];
    try {
      for (const size of o.sizes) {
        const schema = `bench_stats_${randomBytes(4).toString('hex')}`;
        schemas.push({ size, schema, meta: undefined as unknown as Meta });
        log(`  PostgreSQL, ${size} applications: writing the data set (schema ${schema})`);
        const meta = await build(
          { kind: 'postgres', url, schema },
          () => new PostgresBulkWriter(url, schema),
          size,
        );
        schemas[schemas.length - 1]!.meta = meta;
        log(`  PostgreSQL, ${size} applications: written in ${meta.seeded.seconds.toFixed(1)} s`);
      }
      log(`  PostgreSQL: measuring (${o.sizes.join(', ')} applications side by side)`);
      const queries = await measure({
        port: o.port,
        requests: o.requests,
        sets: schemas.map((d) => ({
          meta: d.meta,
          env: o.serverEnv({
            DATABASE_URL: url,
            DATABASE_SCHEMA: d.schema,
            DATA_DIR: join(o.dir, `${d.schema}.data`),
          }),
        })),
      });
      schemas.forEach((d, i) =>
        runs.push({
          database: 'PostgreSQL',
          applications: d.size,
          seeded: d.meta.seeded,
          rows: {
            counters: d.meta.seeded.counters,
            stageDays: d.meta.seeded.stageDays,
            certificates: d.meta.seeded.certificates,
          },
          databaseBytes: null,
          queries: queries[i]!,
        }),
      );
    } finally {
      for (const { schema } of schemas) {
        await o.dropSchema(schema);
        rmSync(join(o.dir, `${schema}.data`), { recursive: true, force: true });
      }
    }
  }
  return { check, runs };
};

const fmt = (n: number, digits = 2) => (Number.isFinite(n) ? n.toFixed(digits) : '—');
const label = (n: number) =>
  n >= 1_000_000 && n % 1_000_000 === 0
    ? `${n / 1_000_000} M`
    : n >= 1000 && n % 1000 === 0
      ? `${n / 1000} k`
      : String(n);

/** The tables: per database, a column per size and the ratio of the largest to the smallest. */
export const printStatistics = (result: StatisticsResult, requests: number): string => {
  const lines = [
    `\nStatistics at scale — each endpoint over HTTP, ${requests} sequential requests per size (in ${ROUNDS} rounds, the sizes' servers taking turns), p50 / p99 ms; the projection's tables written directly (checked on ${result.check.applications} applications against the projector: ${result.check.differences.length === 0 ? 'equal' : 'DIFFERENT'})`,
  ];
  for (const database of ['SQLite', 'PostgreSQL'] as const) {
    const runs = result.runs.filter((r) => r.database === database);
    if (runs.length === 0) continue;
    const first = runs[0]!;
    const last = runs[runs.length - 1]!;
    lines.push(`\n${database}`);
    lines.push(
      `| query | ${runs.map((r) => `${label(r.applications)} apps`).join(' | ')} | ratio p50 (${label(last.applications)} / ${label(first.applications)}) |`,
    );
    lines.push(`|---|${runs.map(() => '---:|').join('')}---:|`);
    for (const name of Object.keys(first.queries)) {
      const cells = runs.map((r) => {
        const q = r.queries[name]!;
        const bad = Object.keys(q.statuses).some((s) => s !== '200');
        return `${fmt(q.p50 / 1000)} / ${fmt(q.p99 / 1000)}${bad ? ` ${JSON.stringify(q.statuses)}` : ''}`;
      });
      const ratio = last.queries[name]!.p50 / first.queries[name]!.p50;
      lines.push(
        `| ${name} | ${cells.join(' | ')} | ${fmt(ratio)}×${ratio > 2 ? ' (over 2×)' : ''} |`,
      );
    }
    lines.push(
      `| rows: stat_counters / stat_stage_days / stat_certificates | ${runs.map((r) => `${r.rows.counters} / ${r.rows.stageDays} / ${r.rows.certificates}`).join(' | ')} | |`,
    );
    lines.push(
      `| data set written (s) | ${runs.map((r) => (r.seeded === null ? 'reused' : fmt(r.seeded.seconds, 1))).join(' | ')} | |`,
    );
    if (database === 'SQLite') {
      lines.push(
        `| database size (MB) | ${runs.map((r) => fmt((r.databaseBytes ?? 0) / 1e6, 0)).join(' | ')} | |`,
      );
    }
  }
  return lines.join('\n');
};
