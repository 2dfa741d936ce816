import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DataSource, type DataSourceOptions } from 'typeorm';
import type { DatabaseConfig } from '../../config/app-config';
import { MIGRATIONS } from '../../migrations';
import { WalCheckpointer } from './wal-checkpointer';

const MIGRATION_LOCK_KEY = 7_261_541_009;

/** The entity classes of the application: the composition root's list (src/app.entities.ts). */
export type EntityList = NonNullable<DataSourceOptions['entities']>;

/** The `options` a PostgreSQL URL carries (`?options=-c%20…`), if any. */
const optionsOfUrl = (url: string): string[] => {
  try {
    const options = new URL(url).searchParams.get('options');
    return options ? [options] : [];
  } catch {
    return [];
  }
};

export const dataSourceOptions = (db: DatabaseConfig, entities: EntityList): DataSourceOptions => {
  const common = {
    entities,
    migrations: MIGRATIONS,
    migrationsRun: false,
    synchronize: false,
    logging: false,
  } as const;
  if (db.kind === 'postgres') {
    return {
      ...common,
      type: 'postgres',
      url: db.url,
      ...(db.schema ? { schema: db.schema } : {}),
      poolSize: db.poolSize,
      // A pool that runs dry would otherwise wait forever.
      connectTimeoutMS: db.connectTimeoutMs,
      extra: {
        max: db.poolSize,
        connectionTimeoutMillis: db.connectTimeoutMs,
        // READ COMMITTED for every transaction, set once per connection rather than by a
        // statement in each transaction (one round trip fewer per command).
        // (After any options the URL gives, which these settings would otherwise replace.)
        options: [
          ...optionsOfUrl(db.url),
          '-c default_transaction_isolation=read\\ committed',
          ...(db.schema ? [`-c search_path=${db.schema}`] : []),
        ].join(' '),
      },
    };
  }
  const inMemory = db.path === ':memory:';
  if (db.driver === 'sqlite3') {
    return { ...common, type: 'sqlite', database: db.path, enableWAL: !inMemory };
  }
  return { ...common, type: 'better-sqlite3', database: db.path, enableWAL: !inMemory };
};

/** A DataSource that also owns the SQLite WAL checkpointer, if any, and stops it on close. */
export class LadderDataSource extends DataSource {
  checkpointer: WalCheckpointer | undefined;

  override async destroy(): Promise<void> {
    // The last checkpoint first; a failed one loses nothing (SQLite replays the WAL on open).
    await this.checkpointer?.stop().catch(() => undefined);
    this.checkpointer = undefined;
    await super.destroy();
  }
}

/** Opens the database, applies its settings and runs pending migrations (never synchronize). */
export const openDataSource = async (
  db: DatabaseConfig,
  entities: EntityList,
): Promise<LadderDataSource> => {
  if (db.kind === 'sqlite' && db.path !== ':memory:')
    mkdirSync(dirname(db.path), { recursive: true });
  const dataSource = new LadderDataSource(dataSourceOptions(db, entities));
  await dataSource.initialize();
  try {
    if (db.kind === 'sqlite') {
      // TypeORM's WAL option leaves `synchronous` alone.
      await dataSource.query(`PRAGMA synchronous = ${db.synchronous}`);
      await dataSource.query('PRAGMA foreign_keys = ON');
      // A short synchronous wait only: longer contention is retried asynchronously (TransactionRunner).
      await dataSource.query('PRAGMA busy_timeout = 100');
      await dataSource.runMigrations({ transaction: 'each' });
      // better-sqlite3 runs on the event loop: checkpoint the WAL from a worker thread instead
      // (sqlite3 already does its I/O on libuv's threads).
      if (db.driver === 'better-sqlite3' && db.path !== ':memory:' && db.checkpointMs > 0) {
        await dataSource.query('PRAGMA wal_autocheckpoint = 0');
        dataSource.checkpointer = WalCheckpointer.start(db.path, db.checkpointMs, (error) => {
          // Should the worker die, SQLite checkpoints inline again: slower, never unbounded.
          process.emitWarning(`${error.message}; SQLite checkpoints inline from now on`);
          dataSource.query('PRAGMA wal_autocheckpoint = 1000').catch(() => undefined);
        });
      }
    } else {
      await migratePostgres(dataSource, db.schema);
    }
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }
  return dataSource;
};

// Several instances may start at once against one database: one migrates, the others wait.
const migratePostgres = async (dataSource: DataSource, schema?: string): Promise<void> => {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    if (schema) await runner.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await runner
      .query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY])
      .catch(() => undefined);
    await runner.release();
  }
};
