import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';

export type TestDatabase = {
  kind: 'postgres' | 'sqlite';
  env: Record<string, string>;
  drop(): Promise<void>;
};

/**
 * A fresh database per test file: an in-memory SQLite database by default, or, when
 * TEST_DATABASE_URL points at PostgreSQL, a schema of its own in that database.
 */
export const createTestDatabase = (options: { persistent?: boolean } = {}): TestDatabase => {
  const url = process.env.TEST_DATABASE_URL;
  if (!url && options.persistent) {
    // A file, so that a second app (a restart, another instance) opens the same database.
    const dir = mkdtempSync(join(tmpdir(), 'ladder-test-'));
    return {
      kind: 'sqlite',
      env: {
        DATABASE_URL: '',
        SQLITE_PATH: join(dir, 'ladder.sqlite'),
        SQLITE_DRIVER: process.env.SQLITE_DRIVER ?? 'better-sqlite3',
      },
      drop: () => {
        rmSync(dir, { recursive: true, force: true });
        return Promise.resolve();
      },
    };
  }
  if (!url) {
    return {
      kind: 'sqlite',
      env: {
        DATABASE_URL: '',
        SQLITE_PATH: ':memory:',
        SQLITE_DRIVER: process.env.SQLITE_DRIVER ?? 'better-sqlite3',
      },
      drop: () => Promise.resolve(),
    };
  }
  const schema = `t_${randomBytes(6).toString('hex')}`;
  return {
    kind: 'postgres',
    env: { DATABASE_URL: url, DATABASE_SCHEMA: schema, DATABASE_POOL_SIZE: '8' },
    drop: async () => {
      const client = new Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      } finally {
        await client.end();
      }
    },
  };
};
