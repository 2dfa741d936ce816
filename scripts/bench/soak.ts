// Memory under sustained load: the engine over HTTP, RSS sampled every second.
import { join } from 'node:path';
import { rmSync } from 'node:fs';
import { encodeRequest, runLoad } from './load-driver';
import { startServer } from './server-process';
import { bodyOf, copyDatabase, STEPS, tokenFor, workloadTemplate } from './workload';

export type SoakResult = {
  seconds: number;
  warmupSeconds: number;
  connections: number;
  requests: number;
  perSecond: number;
  statuses: Record<string, number>;
  rssIdle: number;
  rssBefore: number;
  rssAfter: number;
  rssMax: number;
  /** Median RSS over the first window after warm-up and over the last window of the load (GC
   * makes RSS a sawtooth: single samples say little). */
  rssFirstWindow: number;
  rssLastWindow: number;
  windowSeconds: number;
  samples: number[];
};

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
};

const APPS_PER_CONNECTION = 40;

export const soak = async (o: {
  dir: string;
  seconds: number;
  port: number;
  connections: number;
  serverEnv: (extra: Record<string, string>) => Record<string, string>;
}): Promise<SoakResult> => {
  const { path: template, workload } = await workloadTemplate(
    o.dir,
    Number(process.env.BENCH_WORKLOAD_APPS ?? 12_000),
  );
  const db = copyDatabase(template, join(o.dir, 'soak.sqlite'));
  const server = await startServer(
    o.serverEnv({ SQLITE_PATH: db, SQLITE_SYNCHRONOUS: 'FULL', DATA_DIR: `${db}.data` }),
  );
  const tokens = {
    city: tokenFor(workload.users.city, undefined, o.seconds + 3600),
    expert: tokenFor(workload.users.expert, undefined, o.seconds + 3600),
    province: tokenFor(workload.users.province, undefined, o.seconds + 3600),
  };
  const samples: number[] = [];
  try {
    await new Promise((r) => setTimeout(r, 1000));
    const rssIdle = server.rss();
    const warmupSeconds = Math.min(30, Math.max(5, Math.round(o.seconds / 10)));
    let rssBefore = 0;
    const started = Date.now();
    const timer = setInterval(() => {
      samples.push(server.rss());
      if (!rssBefore && Date.now() - started >= warmupSeconds * 1000) rssBefore = server.rss();
    }, 1000);
    // Each connection owns APPS_PER_CONNECTION applications: the five steps once, then the last
    // three (expert review, on-site check scheduled and recorded) round and round, for ever valid.
    const result = await runLoad({
      port: o.port,
      connections: o.connections,
      durationMs: o.seconds * 1000,
      next: (c, i) => {
        const firstPass = APPS_PER_CONNECTION * STEPS.length;
        let app: number;
        let step: (typeof STEPS)[number];
        if (i < firstPass) {
          app = Math.floor(i / STEPS.length);
          step = STEPS[i % STEPS.length]!;
        } else {
          const j = i - firstPass;
          app = Math.floor(j / 3) % APPS_PER_CONNECTION;
          step = STEPS[2 + (j % 3)]!;
        }
        const id = workload.ids[c + o.connections * app]!;
        return encodeRequest(
          {
            method: 'POST',
            path: `/api/v1/applications/${id}/events`,
            headers: { authorization: `Bearer ${tokens[step.by]}` },
            body: bodyOf(step.type),
          },
          '127.0.0.1',
        );
      },
    });
    clearInterval(timer);
    const rssAfter = server.rss();
    const windowSeconds = Math.max(5, Math.min(60, Math.round(o.seconds / 5)));
    const afterWarmup = samples.slice(warmupSeconds);
    return {
      rssFirstWindow: median(afterWarmup.slice(0, windowSeconds)),
      rssLastWindow: median(samples.slice(-windowSeconds)),
      windowSeconds,
      seconds: o.seconds,
      warmupSeconds,
      connections: o.connections,
      requests: result.requests,
      perSecond: result.perSecond,
      statuses: result.statuses,
      rssIdle,
      rssBefore: rssBefore || samples[0] || rssIdle,
      rssAfter,
      rssMax: Math.max(rssAfter, ...samples),
      samples,
    };
  } finally {
    await server.stop();
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${db}${suffix}`, { force: true });
    rmSync(`${db}.data`, { recursive: true, force: true });
  }
};
