import Database from 'better-sqlite3';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import type { LadderDataSource } from '../../src/infra/persistence/data-source';
import { WalCheckpointer } from '../../src/infra/persistence/wal-checkpointer';
import { registerEnterprise } from '../support/actors';
import { startTestApp, type TestApp } from '../support/test-app';
import type { TestDatabase } from '../support/test-database';

// The WAL checkpoint of a better-sqlite3 database runs in a worker thread, beside the event loop.
// These tests are about SQLite itself: they run on a SQLite file whatever TEST_DATABASE_URL says.
describe('WAL checkpoints off the event loop (better-sqlite3)', () => {
  let dir: string;
  const sqliteFile = (driver: 'better-sqlite3' | 'sqlite3', env: Record<string, string> = {}) => {
    const db: TestDatabase = {
      kind: 'sqlite',
      env: { DATABASE_URL: '', SQLITE_PATH: join(dir, `${driver}.sqlite`), SQLITE_DRIVER: driver },
      drop: () => Promise.resolve(),
    };
    return startTestApp({ db, env });
  };
  const pragma = async (t: TestApp, name: string): Promise<number> => {
    const [row] = await t.app.get(DataSource).query<Record<string, number>[]>(`PRAGMA ${name}`);
    return Object.values(row!)[0]!;
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ladder-wal-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('turns the inline checkpoint off and copies the whole WAL back from the worker', async () => {
    const t = await sqliteFile('better-sqlite3');
    try {
      const dataSource = t.app.get<DataSource, LadderDataSource>(DataSource);
      expect(dataSource.checkpointer).toBeDefined();
      expect(await pragma(t, 'wal_autocheckpoint')).toBe(0);
      for (let i = 0; i < 10; i++) await registerEnterprise(t.http);
      const result = await dataSource.checkpointer!.checkpoint();
      expect(result.busy).toBe(0);
      expect(result.log).toBeGreaterThan(0);
      expect(result.checkpointed).toBe(result.log);
    } finally {
      await t.close();
    }
    // Closed: the worker has let go of the file, and the database holds every write.
    const file = new Database(join(dir, 'better-sqlite3.sqlite'), { fileMustExist: true });
    try {
      expect(file.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(file.prepare('SELECT COUNT(*) FROM enterprises').pluck().get()).toBe(10);
    } finally {
      file.close();
    }
  });

  it('keeps commits in the WAL until the worker copies them into the database file', async () => {
    // A long interval: only explicit checkpoints run. The database file alone (copied without its
    // WAL) shows what has been checkpointed; every commit stays readable through the WAL.
    const t = await sqliteFile('better-sqlite3', { SQLITE_CHECKPOINT_MS: '60000' });
    const mainFileCount = (name: string): number => {
      const copy = join(dir, name);
      copyFileSync(join(dir, 'better-sqlite3.sqlite'), copy);
      const db = new Database(copy);
      try {
        return db.prepare('SELECT COUNT(*) FROM enterprises').pluck().get() as number;
      } finally {
        db.close();
      }
    };
    try {
      const checkpointer = t.app.get<DataSource, LadderDataSource>(DataSource).checkpointer!;
      await checkpointer.checkpoint(); // the schema, from the migrations
      for (let i = 0; i < 5; i++) await registerEnterprise(t.http);
      expect(mainFileCount('before.sqlite')).toBe(0);
      const [row] = await t.app
        .get(DataSource)
        .query<{ n: number }[]>('SELECT COUNT(*) AS n FROM enterprises');
      expect(row!.n).toBe(5);
      const result = await checkpointer.checkpoint();
      expect(result.checkpointed).toBe(result.log);
      expect(mainFileCount('after.sqlite')).toBe(5);
    } finally {
      await t.close();
    }
  });

  it('leaves the checkpoint to SQLite when SQLITE_CHECKPOINT_MS is 0, and on the sqlite3 driver', async () => {
    const inline = await sqliteFile('better-sqlite3', { SQLITE_CHECKPOINT_MS: '0' });
    try {
      expect(inline.app.get<DataSource, LadderDataSource>(DataSource).checkpointer).toBeUndefined();
      expect(await pragma(inline, 'wal_autocheckpoint')).toBe(1000);
    } finally {
      await inline.close();
    }
    const sqlite3 = await sqliteFile('sqlite3');
    try {
      expect(
        sqlite3.app.get<DataSource, LadderDataSource>(DataSource).checkpointer,
      ).toBeUndefined();
    } finally {
      await sqlite3.close();
    }
  });

  it('reports a worker that dies once, so that SQLite can take the checkpoint back', async () => {
    const failures: Error[] = [];
    const checkpointer = WalCheckpointer.start(join(dir, 'missing.sqlite'), 50, (error) =>
      failures.push(error),
    );
    await expect(checkpointer.checkpoint()).rejects.toThrow(/unable to open|does not exist/i);
    await expect(checkpointer.stop()).rejects.toThrow();
    await expect(checkpointer.checkpoint()).rejects.toThrow(/ended/);
    expect(failures).toHaveLength(1);
  });

  it('refuses an out-of-range SQLITE_CHECKPOINT_MS at start', async () => {
    await expect(sqliteFile('better-sqlite3', { SQLITE_CHECKPOINT_MS: '-1' })).rejects.toThrow(
      /SQLITE_CHECKPOINT_MS/,
    );
  });
});
