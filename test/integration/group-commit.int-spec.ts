import { DataSource } from 'typeorm';
import { TransactionRunner } from '../../src/infra/persistence/transaction-runner';
import { startTestApp, type TestApp } from '../support/test-app';

// Group commit is SQLite's: these tests run on SQLite whatever TEST_DATABASE_URL says.
describe('group commit on SQLite', () => {
  let t: TestApp;
  let tx: TransactionRunner;
  let dataSource: DataSource;
  const ids = async (table: string): Promise<number[]> =>
    (await dataSource.query<{ id: number }[]>(`SELECT id FROM ${table} ORDER BY id`)).map(
      (r) => r.id,
    );

  beforeAll(async () => {
    t = await startTestApp({
      db: {
        kind: 'sqlite',
        env: {
          DATABASE_URL: '',
          SQLITE_PATH: ':memory:',
          SQLITE_DRIVER: process.env.SQLITE_DRIVER ?? 'better-sqlite3',
        },
        drop: () => Promise.resolve(),
      },
    });
    tx = t.app.get(TransactionRunner);
    dataSource = t.app.get(DataSource);
    await dataSource.query('CREATE TABLE gc_parent (id INTEGER PRIMARY KEY)');
    await dataSource.query(
      'CREATE TABLE gc_child (id INTEGER PRIMARY KEY, parent_id INTEGER REFERENCES gc_parent (id))',
    );
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    // No group in flight: each test's first command then starts a group of its own.
    await tx.drain();
    await dataSource.query('DELETE FROM gc_child');
    await dataSource.query('DELETE FROM gc_parent');
  });

  it('commits the commands that queued up meanwhile in one transaction', async () => {
    // SQLite drivers share one query runner: count the transactions it starts.
    const start = jest.spyOn(dataSource.createQueryRunner(), 'startTransaction');
    try {
      await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          tx.run((em) => em.query('INSERT INTO gc_parent (id) VALUES (?)', [i + 1])),
        ),
      );
      // The first command starts alone; the 19 that queued behind it share the next commit.
      expect(start).toHaveBeenCalledTimes(2);
    } finally {
      start.mockRestore();
    }
    expect(await ids('gc_parent')).toHaveLength(20);
  });

  it('rolls a refused command back alone; the next one sees only what was kept', async () => {
    let seen: number[] = [];
    const results = await Promise.allSettled([
      tx.run((em) => em.query('INSERT INTO gc_parent (id) VALUES (1)')),
      tx.run((em) => em.query('INSERT INTO gc_parent (id) VALUES (2)')),
      tx.run(async (em) => {
        await em.query('INSERT INTO gc_parent (id) VALUES (3)');
        throw new Error('refused');
      }),
      tx.run(async (em) => {
        seen = (await em.query<{ id: number }[]>('SELECT id FROM gc_parent ORDER BY id')).map(
          (r) => r.id,
        );
      }),
    ]);
    expect(results.map((r) => r.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'rejected',
      'fulfilled',
    ]);
    expect((results[2] as PromiseRejectedResult).reason).toEqual(new Error('refused'));
    expect(seen).toEqual([1, 2]);
    expect(await ids('gc_parent')).toEqual([1, 2]);
  });

  it('answers no command of a group before its commit, and fails them all when it fails', async () => {
    const results = await Promise.allSettled([
      tx.run((em) => em.query('INSERT INTO gc_parent (id) VALUES (1)')),
      tx.run((em) => em.query('INSERT INTO gc_parent (id) VALUES (2)')),
      tx.run(async (em) => {
        // A deferred foreign key is checked at COMMIT: the whole group's commit fails.
        await em.query('PRAGMA defer_foreign_keys = ON');
        await em.query('INSERT INTO gc_child (id, parent_id) VALUES (1, 999)');
      }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'rejected']);
    for (const r of results.slice(1)) {
      expect(String((r as PromiseRejectedResult).reason)).toMatch(/FOREIGN KEY/);
    }
    expect(await ids('gc_parent')).toEqual([1]);
    expect(await ids('gc_child')).toEqual([]);
    // The runner goes on working after a failed commit.
    await tx.run((em) => em.query('INSERT INTO gc_parent (id) VALUES (3)'));
    expect(await ids('gc_parent')).toEqual([1, 3]);
  });

  it('puts at most SQLITE_GROUP_COMMIT_MAX commands in one transaction', async () => {
    const capped = await startTestApp({
      db: {
        kind: 'sqlite',
        env: {
          DATABASE_URL: '',
          SQLITE_PATH: ':memory:',
          SQLITE_DRIVER: process.env.SQLITE_DRIVER ?? 'better-sqlite3',
        },
        drop: () => Promise.resolve(),
      },
      env: { SQLITE_GROUP_COMMIT_MAX: '5' },
    });
    try {
      const runner = capped.app.get(TransactionRunner);
      await runner.drain();
      const start = jest.spyOn(capped.app.get(DataSource).createQueryRunner(), 'startTransaction');
      await Promise.all(Array.from({ length: 20 }, () => runner.run((em) => em.query('SELECT 1'))));
      // The first alone, then the 19 queued behind it in groups of at most 5: 1 + 4.
      expect(start).toHaveBeenCalledTimes(5);
    } finally {
      await capped.close();
    }
  });
});
