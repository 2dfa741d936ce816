// In-process throughput of one contender, run in a child process of its own so that one
// measurement's heap and JIT state do not leak into the next:
//   node inprocess.js '<json options>'  → prints one JSON line {transitions, elapsedMs, statuses}
import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { stepOf, type Workload } from './workload';

export type InProcessOptions = {
  kind: 'lean' | 'ceiling' | 'peer' | 'engine';
  /** SQLite file, or a PostgreSQL url + schema (engine only). */
  sqlitePath?: string;
  databaseUrl?: string;
  databaseSchema?: string;
  synchronous: string;
  seconds: number;
  workloadFile: string;
  /** First workload application this run may use (PostgreSQL runs share one seeded schema). */
  offset?: number;
  /** Concurrent workers (the engine's pipeline is async; the ceiling's transaction is synchronous). */
  workers?: number;
  peerWarm?: number;
  /** Unmeasured load first (JIT, caches), then the measured `seconds`. */
  warmupSeconds?: number;
  /** More settings of the engine (the outbox on or off). */
  env?: Record<string, string>;
};

export type InProcessResult = {
  transitions: number;
  elapsedMs: number;
  perSecond: number;
  statuses: Record<string, number>;
  /** The first workload application this run did not touch. */
  nextOffset: number;
  /** CPU time (user + system) of this process per transition while measured, in ms. */
  cpuMsPerTransition: number;
};

const run = async (o: InProcessOptions): Promise<InProcessResult> => {
  const workload = JSON.parse(readFileSync(o.workloadFile, 'utf8')) as Workload;
  let statuses: Record<string, number> = {};
  let transitions = 0;
  let nextOffset = o.offset ?? 0;
  const touched = (index: number) => (nextOffset = Math.max(nextOffset, index + 1));
  const count = (status: number | string) => {
    statuses[status] = (statuses[status] ?? 0) + 1;
    transitions++;
  };
  const workers = o.workers ?? 1;
  const offset = o.offset ?? 0;
  let deadline = 0n;
  let cpuMicros = 0;
  // Each worker's position in its slice of the workload, kept from the warm-up to the measurement.
  const cursors = Array.from({ length: workers }, () => 0);
  const timed = async (loop: (worker: number) => Promise<void>) => {
    const runFor = async (seconds: number) => {
      const start = process.hrtime.bigint();
      deadline = start + BigInt(Math.round(seconds * 1e9));
      await Promise.all(Array.from({ length: workers }, (_, w) => loop(w)));
      return Number(process.hrtime.bigint() - start) / 1e6;
    };
    if ((o.warmupSeconds ?? 0) > 0) {
      await runFor(o.warmupSeconds!);
      transitions = 0;
      statuses = {};
    }
    const cpu0 = process.cpuUsage();
    const elapsed = await runFor(o.seconds);
    const cpu = process.cpuUsage(cpu0);
    cpuMicros = cpu.user + cpu.system;
    return elapsed;
  };
  const cpuMsPerTransition = () => cpuMicros / 1000 / Math.max(1, transitions);
  const due = () => process.hrtime.bigint() >= deadline;

  if (o.kind === 'ceiling' || o.kind === 'lean') {
    const ceiling =
      o.kind === 'lean'
        ? (await import('./lean-ceiling')).openLeanCeiling(o.sqlitePath!)
        : (await import('./ceiling')).openCeiling(o.sqlitePath!, o.synchronous);
    const actor = { id: 'ceiling', role: 'reviewer' };
    const elapsedMs = await timed(async (w) => {
      while (!due()) {
        const i = cursors[w]!++;
        const s = stepOf(workload, w, workers, i, offset);
        if (!s) break;
        count(ceiling.step(s.id, s.step.type, actor).status);
        // Yield now and then, as a server would between requests.
        if (i % 64 === 63) await new Promise((r) => setImmediate(r));
      }
    });
    ceiling.close();
    return {
      transitions,
      elapsedMs,
      perSecond: (transitions / elapsedMs) * 1000,
      statuses,
      nextOffset,
      cpuMsPerTransition: cpuMsPerTransition(),
    };
  }

  if (o.kind === 'peer') {
    const { openPeer } = await import('./peer');
    const ids = workload.ids.slice(offset);
    const peer = await openPeer(o.sqlitePath!, o.synchronous, ids, o.peerWarm ?? 300);
    const actor = { id: 'peer', role: 'reviewer' };
    const elapsedMs = await timed(async (w) => {
      while (!due()) {
        const i = cursors[w]!++;
        const s = stepOf({ ...workload, ids }, w, workers, i);
        if (!s) break;
        count(await peer.step(s.id, s.step.type, actor));
      }
    });
    peer.close();
    return {
      transitions,
      elapsedMs,
      perSecond: (transitions / elapsedMs) * 1000,
      statuses,
      nextOffset,
      cpuMsPerTransition: cpuMsPerTransition(),
    };
  }

  // The engine: ApplicationCommands.send, the command pipeline without HTTP.
  const { createApp } = await import('../../src/app.factory');
  const { ApplicationCommands } =
    await import('../../src/modules/commands/application-commands.service');
  const { DomainError } = await import('../../src/domain/errors');
  const app = await createApp({
    ignoreEnvFile: true,
    env: {
      LOG_LEVEL: 'warn',
      SCHEDULER_ENABLED: 'false',
      // The workloads submit figures without evidence documents.
      DOCUMENTS_REQUIRED: 'false',
      JWT_SECRET: 'bench-secret-that-is-long-enough-0123456789',
      PASSWORD_HASH_COST: '10',
      DATA_DIR: o.sqlitePath ? `${o.sqlitePath}.data` : '/tmp/ladder-bench-data',
      ...(o.databaseUrl
        ? {
            DATABASE_URL: o.databaseUrl,
            ...(o.databaseSchema ? { DATABASE_SCHEMA: o.databaseSchema } : {}),
          }
        : {
            SQLITE_PATH: o.sqlitePath!,
            SQLITE_SYNCHRONOUS: o.synchronous,
            ...(process.env.SQLITE_CHECKPOINT_MS
              ? { SQLITE_CHECKPOINT_MS: process.env.SQLITE_CHECKPOINT_MS }
              : {}),
          }),
      ...o.env,
    },
  });
  const service = app.get(ApplicationCommands);
  const actorOf = (u: Workload['users']['city']) => ({
    kind: 'user' as const,
    id: u.id,
    role: u.role,
    ...(u.level
      ? { jurisdiction: { level: u.level, ...(u.regionCode ? { regionCode: u.regionCode } : {}) } }
      : {}),
  });
  const actors = {
    city: actorOf(workload.users.city),
    expert: actorOf(workload.users.expert),
    province: actorOf(workload.users.province),
  };
  const elapsedMs = await timed(async (w) => {
    while (!due()) {
      const i = cursors[w]!++;
      const s = stepOf(workload, w, workers, i, offset);
      if (!s) break;
      touched(s.index);
      try {
        await service.send({
          id: s.id,
          type: s.step.type,
          actor: actors[s.step.by],
          requestId: null,
          ...(s.step.type === 'expert.review.record' ? { data: { score: 80 } } : {}),
        });
        count(200);
      } catch (error) {
        count(error instanceof DomainError ? error.code : 'error');
        if (!(error instanceof DomainError)) throw error;
      }
    }
  });
  await app.close();
  return {
    transitions,
    elapsedMs,
    perSecond: (transitions / elapsedMs) * 1000,
    statuses,
    nextOffset,
    cpuMsPerTransition: cpuMsPerTransition(),
  };
};

if (require.main === module) {
  run(JSON.parse(process.argv[2]!) as InProcessOptions).then(
    (result) => {
      process.stdout.write(`${JSON.stringify(result)}\n`);
      process.exit(0);
    },
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
