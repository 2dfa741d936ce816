// Quick measurement: transitions/s through POST /applications/{id}/events (JWT, validation,
// pipeline, audit chain) on SQLite, and on PostgreSQL when BENCH_DATABASE_URL is set.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seedOverHttp } from './http-seed';
import { runLoad } from './load-driver';
import { startServer } from './server-process';

const ADMIN_PASSWORD = 'bench-admin-password';

const measure = async (label: string, env: Record<string, string>) => {
  const server = await startServer({
    PORT: '3701',
    ADMIN_PASSWORD,
    LOG_LEVEL: 'warn',
    PASSWORD_HASH_COST: '12',
    SCHEDULER_ENABLED: 'false',
    JWT_SECRET: 'bench-secret-that-is-long-enough-0123456789',
    ...env,
  });
  try {
    const { ids, expertToken } = await seedOverHttp(server.port, ADMIN_PASSWORD, 200);
    for (const connections of [10, 50]) {
      const result = await runLoad({
        port: server.port,
        connections,
        durationMs: Number(process.env.BENCH_SECONDS ?? 10) * 1000,
        // Each connection owns its own applications, so no two requests race on one row.
        next: (c, i) => ({
          method: 'POST',
          path: `/api/v1/applications/${ids[(c + i * connections) % ids.length]}/events`,
          headers: { authorization: `Bearer ${expertToken}` },
          body: JSON.stringify({ type: 'expert.review.record', data: { score: 80 } }),
        }),
      });
      console.log(
        `${label.padEnd(26)} c=${String(connections).padStart(2)}  ${String(result.perSecond).padStart(6)} transitions/s  p50 ${(result.latencyUs.p50 / 1000).toFixed(2)} ms  p99 ${(result.latencyUs.p99 / 1000).toFixed(2)} ms  statuses ${JSON.stringify(result.statuses)}`,
      );
    }
  } finally {
    await server.stop();
  }
};

const main = async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ladder-bench-'));
  await measure('SQLite (better-sqlite3)', {
    DATA_DIR: dir,
    SQLITE_PATH: join(dir, 'bench.sqlite'),
  });
  if (process.env.BENCH_DATABASE_URL) {
    await measure('PostgreSQL', { DATABASE_URL: process.env.BENCH_DATABASE_URL, DATA_DIR: dir });
  }
};

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
