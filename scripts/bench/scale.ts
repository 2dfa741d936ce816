// Query latencies as the data grows: the reviewer's queue, an application's history, the auditor's
// filtered queries, and the chain verification rate, on a seeded provincial data set.
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { GENESIS_HASH } from '../../src/domain/audit/hash-chain';
import { AuditLogRepository } from '../../src/modules/audit-log/audit-log.repository';
import { AuditSigner } from '../../src/modules/audit-log/audit-signer';
import { APP_ENTITIES } from '../../src/app.entities';
import { openDataSource } from '../../src/infra/persistence/data-source';
import { seed } from '../seed';
import type { SeedUser } from '../seed/dataset';
import { runLoad } from './load-driver';
import { startServer } from './server-process';
import { tokenFor } from './workload';

export type QueryLatency = {
  p50: number;
  p99: number;
  requests: number;
  statuses: Record<string, number>;
};
export type ScaleResult = {
  applications: number;
  events: number;
  seedSeconds: number | null;
  databaseBytes: number;
  queries: Record<string, QueryLatency>;
  /** Events per second recomputed by the audit log's verify(), over the newest events. */
  verifyPerSecond: number;
  verifiedEvents: number;
  /** The first statistics request folds the whole audit log into the statistics' counters. */
  statisticsProjectionSeconds: number;
};

type Meta = {
  users: { city: SeedUser; provinceAuditor: SeedUser; cityAuditor: SeedUser };
  events: number;
  seedSeconds: number;
};

const REQUESTS = Number(process.env.BENCH_QUERY_REQUESTS ?? 300);
const VERIFY_EVENTS = Number(process.env.BENCH_VERIFY_EVENTS ?? 200_000);

export const measureScale = async (o: {
  dir: string;
  applications: number;
  events: number;
  port: number;
  serverEnv: (extra: Record<string, string>) => Record<string, string>;
}): Promise<ScaleResult> => {
  const path = join(o.dir, `scale-${o.applications}-${o.events}.sqlite`);
  let reused = true;
  if (!existsSync(path) || !existsSync(`${path}.json`)) {
    reused = false;
    const started = Date.now();
    const result = await seed(
      { kind: 'sqlite', path },
      {
        applications: o.applications,
        events: o.events,
        password: 'bench-password-0001',
        hashCost: 10,
        progress: (done, total) => {
          if (done % 100_000 < 3) process.stderr.write(`  seeded ${done}/${total} applications\n`);
        },
      },
    );
    const meta: Meta = {
      users: {
        city: result.staff.cityReviewers.get('130100')!,
        provinceAuditor: result.staff.provinceAuditor,
        cityAuditor: result.staff.cityAuditors.get('130100')!,
      },
      events: result.events,
      seedSeconds: (Date.now() - started) / 1000,
    };
    writeFileSync(`${path}.json`, JSON.stringify(meta));
  }
  const meta = JSON.parse(readFileSync(`${path}.json`, 'utf8')) as Meta;

  // Samples: applications in Shijiazhuang (the city reviewer's), instants within the data's span.
  const db = new Database(path, { readonly: true });
  const sampleIds = (
    db
      .prepare(
        `SELECT id FROM applications WHERE region_code LIKE '1301%' ORDER BY random() LIMIT 500`,
      )
      .all() as { id: string }[]
  ).map((r) => r.id);
  const span = db.prepare('SELECT min(at) a, max(at) b FROM audit_events').get() as {
    a: string;
    b: string;
  };
  db.close();

  const server = await startServer(o.serverEnv({ SQLITE_PATH: path, DATA_DIR: `${path}.data` }));
  const queries: Record<string, QueryLatency> = {};
  let statisticsProjectionSeconds: number;
  try {
    const city = tokenFor(meta.users.city);
    const auditor = tokenFor(meta.users.provinceAuditor);
    const cityAuditor = tokenFor(meta.users.cityAuditor);
    const get = async (path: string, token: string) => {
      const res = await fetch(`http://127.0.0.1:${o.port}${path}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      if (!res.ok) throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
      return (await res.json()) as { items: unknown[]; nextCursor: string | null };
    };
    const firstPage = await get('/api/v1/applications?state=localReview&limit=20', city);
    const from = Date.parse(span.a);
    const width = Date.parse(span.b) - from;
    const instant = (i: number) =>
      new Date(from + (((i * 7919) % 1000) / 1000) * width).toISOString();
    // The statistics projection is built on the first statistics request (then kept up to date
    // event batch by event batch): measured once here, apart from the query latencies.
    const projectionStarted = process.hrtime.bigint();
    await get('/api/v1/statistics/progress?year=2026&regionCode=130000', auditor);
    statisticsProjectionSeconds = Number(process.hrtime.bigint() - projectionStarted) / 1e9;
    process.stderr.write(
      `  ${o.applications} apps: statistics projection built in ${statisticsProjectionSeconds.toFixed(1)} s\n`,
    );
    const cases: Record<string, { token: string; path: (i: number) => string }> = {
      'statistics: province progress, 2026, with its cities (provincial auditor)': {
        token: auditor,
        path: () => '/api/v1/statistics/progress?year=2026&regionCode=130000',
      },
      'statistics: city progress, 2025, with its counties (city reviewer)': {
        token: city,
        path: () => '/api/v1/statistics/progress?year=2025&regionCode=130100',
      },
      'reviewer queue (city reviewer, state=localReview, 50)': {
        token: city,
        path: () => '/api/v1/applications?state=localReview&limit=50',
      },
      'reviewer queue, second page of 20 (keyset cursor)': {
        token: city,
        path: () =>
          `/api/v1/applications?state=localReview&limit=20${firstPage.nextCursor ? `&cursor=${firstPage.nextCursor}` : ''}`,
      },
      'application history (city reviewer)': {
        token: city,
        path: (i) => `/api/v1/applications/${sampleIds[i % sampleIds.length]}/history`,
      },
      'audit events: type + region (provincial auditor, 50)': {
        token: auditor,
        path: () => '/api/v1/audit/events?type=review.recommend&regionCode=130100&limit=50',
      },
      'audit events: one application (provincial auditor)': {
        token: auditor,
        path: (i) =>
          `/api/v1/audit/events?applicationId=${sampleIds[i % sampleIds.length]}&limit=50`,
      },
      'audit events: one day (city auditor, 50)': {
        token: cityAuditor,
        path: (i) =>
          `/api/v1/audit/events?from=${instant(i)}&to=${new Date(Date.parse(instant(i)) + 86_400_000).toISOString()}&limit=50`,
      },
    };
    for (const [name, c] of Object.entries(cases)) {
      await get(c.path(0), c.token);
      const result = await runLoad({
        port: o.port,
        connections: 1,
        durationMs: 60_000,
        next: (_, i) =>
          i < REQUESTS
            ? {
                method: 'GET',
                path: c.path(i + 1),
                headers: { authorization: `Bearer ${c.token}` },
              }
            : null,
      });
      queries[name] = {
        p50: result.latencyUs.p50,
        p99: result.latencyUs.p99,
        requests: result.requests,
        statuses: result.statuses,
      };
      process.stderr.write(
        `  ${o.applications} apps: ${name}: p50 ${(result.latencyUs.p50 / 1000).toFixed(2)} ms p99 ${(result.latencyUs.p99 / 1000).toFixed(2)} ms ${JSON.stringify(result.statuses)}\n`,
      );
    }
  } finally {
    await server.stop();
  }

  // The chain verify rate, through the audit log's own verify(), over the newest events.
  const dataSource = await openDataSource(
    {
      kind: 'sqlite',
      driver: 'better-sqlite3',
      path,
      synchronous: 'NORMAL',
      checkpointMs: 0,
      groupCommitMax: 1,
    },
    APP_ENTITIES,
  );
  let verifyPerSecond: number;
  let verifiedEvents: number;
  try {
    const log = new AuditLogRepository(dataSource, AuditSigner.load(undefined, `${path}.data`));
    const head = (await log.head())!;
    const startSeq = Math.max(0, head.seq - VERIFY_EVENTS);
    const [start] =
      startSeq === 0
        ? [{ hash: GENESIS_HASH }]
        : await dataSource.query<{ hash: string }[]>(
            'SELECT hash FROM audit_events WHERE seq = ?',
            [startSeq],
          );
    const t0 = process.hrtime.bigint();
    const result = await log.verify({ seq: startSeq, hash: start!.hash });
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    if (!result.ok) throw new Error(`chain invalid at ${result.firstInvalidSeq}`);
    verifiedEvents = result.eventsChecked;
    verifyPerSecond = result.eventsChecked / seconds;
  } finally {
    await dataSource.destroy();
  }
  return {
    applications: o.applications,
    events: meta.events,
    seedSeconds: reused ? null : meta.seedSeconds,
    databaseBytes: statSync(path).size,
    queries,
    verifyPerSecond,
    verifiedEvents,
    statisticsProjectionSeconds,
  };
};
