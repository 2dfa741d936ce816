// npm run seed -- --applications 1000000 --events 10000000
//
// Writes a provincial-scale data set (see scripts/seed/dataset.ts) into the configured database:
// DATABASE_URL (PostgreSQL) or the SQLite file (SQLITE_PATH, default DATA_DIR/ladder.sqlite).
// Migrations are applied first. Seeded users sign in with --password.
import 'reflect-metadata';
import { join } from 'node:path';
import { AuditSigner } from '../src/modules/audit-log/audit-signer';
import { PasswordHasher } from '../src/modules/users/password-hasher';
import type { DatabaseConfig } from '../src/config/app-config';
import { APP_ENTITIES } from '../src/app.entities';
import { openDataSource } from '../src/infra/persistence/data-source';
import { seedDataset, type SeedResult } from './seed/dataset';
import { PostgresSink, SqliteSink, type RowSink } from './seed/sinks';

export type SeedTarget =
  { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string; schema?: string };

export const migrate = async (target: SeedTarget): Promise<void> => {
  const config: DatabaseConfig =
    target.kind === 'postgres'
      ? {
          kind: 'postgres',
          url: target.url,
          ...(target.schema ? { schema: target.schema } : {}),
          poolSize: 2,
          connectTimeoutMs: 5000,
        }
      : {
          kind: 'sqlite',
          driver: 'better-sqlite3',
          path: target.path,
          synchronous: 'NORMAL',
          checkpointMs: 0,
          groupCommitMax: 1,
        };
  const dataSource = await openDataSource(config, APP_ENTITIES);
  await dataSource.destroy();
};

export const openSink = (target: SeedTarget): RowSink =>
  target.kind === 'postgres'
    ? new PostgresSink(target.url, target.schema)
    : new SqliteSink(target.path);

export const seed = async (
  target: SeedTarget,
  options: Omit<Parameters<typeof seedDataset>[1], 'passwordHash'> & {
    password: string;
    hashCost?: number;
  },
): Promise<SeedResult> => {
  await migrate(target);
  const passwordHash = await new PasswordHasher(options.hashCost ?? 12).hash(options.password);
  const sink = openSink(target);
  try {
    return await seedDataset(sink, { ...options, passwordHash });
  } finally {
    await sink.close();
  }
};

const argument = (name: string): string | undefined => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};

const main = async () => {
  const applications = Number(argument('applications') ?? 10_000);
  const events = Number(argument('events') ?? applications * 10);
  const password = argument('password') ?? 'seed-password-0001';
  const url = argument('database-url') ?? process.env.DATABASE_URL;
  const target: SeedTarget = url
    ? {
        kind: 'postgres',
        url,
        ...(process.env.DATABASE_SCHEMA ? { schema: process.env.DATABASE_SCHEMA } : {}),
      }
    : {
        kind: 'sqlite',
        path:
          argument('sqlite-path') ??
          process.env.SQLITE_PATH ??
          join(process.env.DATA_DIR ?? './data', 'ladder.sqlite'),
      };
  // The server's signing key (DATA_DIR or AUDIT_SIGNING_KEY_FILE) keys the events' MACs.
  const signer = AuditSigner.load(
    process.env.AUDIT_SIGNING_KEY_FILE,
    process.env.DATA_DIR ?? './data',
  );
  const started = Date.now();
  const result = await seed(target, {
    eventMac: (seq, hash) => signer.eventMac(seq, hash),
    applications,
    events,
    password,
    mix: (['workload', 'migration'] as const).find((m) => m === argument('mix')) ?? 'province',
    ...(argument('seed') ? { seed: Number(argument('seed')) } : {}),
    progress: (done, total) => {
      const s = (Date.now() - started) / 1000;
      process.stdout.write(`  ${done}/${total} applications, ${s.toFixed(0)} s\n`);
    },
  });
  const seconds = (Date.now() - started) / 1000;
  console.log(
    `Seeded ${target.kind === 'postgres' ? 'PostgreSQL' : target.path}: ${result.applications} applications, ` +
      `${result.enterprises} enterprises, ${result.users} users, ${result.events} audit events ` +
      `(chain head seq ${result.headSeq}), ${result.timers} timers in ${seconds.toFixed(1)} s ` +
      `(${Math.round(result.events / seconds)} events/s).`,
  );
  console.log(
    `Seeded users sign in with the password "${password}", e.g. ${result.staff.provinceAuditor.username}.`,
  );
};

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
