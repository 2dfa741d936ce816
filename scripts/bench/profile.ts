// npm run bench:profile — the engine over HTTP under the five-step workload, with --cpu-prof, then
// the top frames of the server's profile (self time and inclusive time, start-up excluded).
//   BENCH_SECONDS=15 BENCH_CONNECTIONS=50 BENCH_SYNCHRONOUS=NORMAL
//   BENCH_DATABASE_URL=postgres://…  profile on PostgreSQL instead (a schema of its own, dropped after)
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeRequest, runLoad } from './load-driver';
import { startServer } from './server-process';
import {
  benchServerEnv,
  bodyOf,
  copyDatabase,
  dropSchema,
  seedWorkload,
  stepOf,
  tokenFor,
  workloadTemplate,
  type Workload,
} from './workload';

type ProfileNode = {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
};
type Profile = { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };

/** Self and inclusive time per frame, from the first sample in a frame whose `name path:line`
 * matches `from` on (start-up
 * is left out: async continuations do not keep their caller's frames, so no stack filter works). */
export const topFrames = (profile: Profile, count: number, from?: RegExp) => {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const name = (n: ProfileNode) =>
    `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.split('/').slice(-2).join('/')}:${n.callFrame.lineNumber + 1}`;
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let total = 0;
  let started = from === undefined;
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    const stack: ProfileNode[] = [];
    for (let n: number | undefined = id; n !== undefined; n = parent.get(n))
      stack.push(byId.get(n)!);
    started ||= stack.some((n) => from!.test(name(n)));
    if (!started) return;
    total += dt;
    self.set(name(stack[0]!), (self.get(name(stack[0]!)) ?? 0) + dt);
    for (const key of new Set(stack.map(name))) inclusive.set(key, (inclusive.get(key) ?? 0) + dt);
  });
  const top = (m: Map<string, number>) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, count)
      .map(([k, v]) => `${((v / total) * 100).toFixed(1).padStart(5)}%  ${k}`);
  return { totalMs: total / 1000, self: top(self), inclusive: top(inclusive) };
};

const main = async () => {
  const seconds = Number(process.env.BENCH_SECONDS ?? 15);
  const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
  const synchronous = process.env.BENCH_SYNCHRONOUS ?? 'NORMAL';
  const dir = process.env.BENCH_DIR ?? mkdtempSync(join(tmpdir(), 'ladder-profile-'));
  const apps = Number(process.env.BENCH_WORKLOAD_APPS ?? 12_000);
  const pgUrl = process.env.BENCH_DATABASE_URL;
  const schema = `profile_${randomBytes(4).toString('hex')}`;
  let workload: Workload;
  let database: Record<string, string>;
  if (pgUrl) {
    workload = await seedWorkload({ kind: 'postgres', url: pgUrl, schema }, apps);
    database = { DATABASE_URL: pgUrl, DATABASE_SCHEMA: schema, DATA_DIR: join(dir, schema) };
  } else {
    const template = await workloadTemplate(dir, apps);
    workload = template.workload;
    const db = copyDatabase(template.path, join(dir, 'profile.sqlite'));
    database = { SQLITE_PATH: db, SQLITE_SYNCHRONOUS: synchronous, DATA_DIR: `${db}.data` };
  }
  const profiles = mkdtempSync(join(tmpdir(), 'ladder-cpuprofile-'));
  const server = await startServer(benchServerEnv(3791, database), [
    '--cpu-prof',
    `--cpu-prof-dir=${profiles}`,
  ]);
  const tokens = {
    city: tokenFor(workload.users.city),
    expert: tokenFor(workload.users.expert),
    province: tokenFor(workload.users.province),
  };
  const cpu0 = server.cpuSeconds();
  let result: Awaited<ReturnType<typeof runLoad>>;
  let cpuSeconds: number;
  try {
    result = await runLoad({
      port: 3791,
      connections,
      durationMs: seconds * 1000,
      next: (c, i) => {
        const s = stepOf(workload, c, connections, i);
        return s
          ? encodeRequest(
              {
                method: 'POST',
                path: `/api/v1/applications/${s.id}/events`,
                headers: { authorization: `Bearer ${tokens[s.step.by]}` },
                body: bodyOf(s.step.type),
              },
              '127.0.0.1',
            )
          : null;
      },
    });
    cpuSeconds = server.cpuSeconds() - cpu0;
  } finally {
    await server.stop();
    if (pgUrl) await dropSchema(pgUrl, schema);
  }
  const cpuMs = (cpuSeconds * 1000) / Math.max(1, result.requests);
  console.log(
    `${result.perSecond} requests/s, p50 ${(result.latencyUs.p50 / 1000).toFixed(2)} ms, p99 ${(result.latencyUs.p99 / 1000).toFixed(2)} ms, server CPU ${cpuMs.toFixed(2)} ms/request, ${JSON.stringify(result.statuses)}`,
  );
  const file = readdirSync(profiles).find((f) => f.endsWith('.cpuprofile'))!;
  const profile = JSON.parse(readFileSync(join(profiles, file), 'utf8')) as Profile;
  // From the first command through the pipeline on: start-up is left out.
  const top = topFrames(
    profile,
    Number(process.env.PROFILE_TOP ?? 25),
    /^run \S*command-pipeline\.js:/,
  );
  console.log(
    `profile: ${join(profiles, file)} (${top.totalMs.toFixed(0)} ms of samples under load)`,
  );
  console.log('self time:');
  console.log(top.self.join('\n'));
  console.log('inclusive time:');
  console.log(top.inclusive.join('\n'));
};

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
