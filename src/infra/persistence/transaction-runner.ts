import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { databaseKindOf } from './database-kind';

// A write that changes nothing but takes SQLite's write lock at the start of the transaction, so
// that a transaction never reads first and then fails to upgrade its lock half-way through. It
// names TypeORM's own migrations table, which every database of this product has.
const TAKE_WRITE_LOCK = 'UPDATE migrations SET id = id WHERE 0 = 1';
const BUSY_RETRIES = 200;

const isBusy = (error: unknown): boolean => {
  const text =
    error instanceof Error ? `${error.message} ${String((error as { code?: unknown }).code)}` : '';
  return /SQLITE_BUSY|database is locked/i.test(text);
};

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

type Work<T> = (em: EntityManager) => Promise<T>;
type Queued = {
  work: Work<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
};
type Outcome = Settled<unknown>;

/** What a piece of work in a savepoint came to: its value, or what it threw. */
export type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

/**
 * Runs `work` in a savepoint of the transaction `em` is in: if it throws, what it wrote is undone
 * alone and the transaction goes on (PostgreSQL aborts a transaction on a failed statement, not a
 * savepoint). Used by group commit (a command per savepoint) and by the pipeline's all-or-nothing
 * batches (an item per savepoint).
 */
export const inSavepoint = async <T>(
  em: EntityManager,
  name: string,
  work: () => Promise<T>,
): Promise<Settled<T>> => {
  await em.query(`SAVEPOINT ${name}`);
  try {
    const value = await work();
    await em.query(`RELEASE SAVEPOINT ${name}`);
    return { ok: true, value };
  } catch (error) {
    await em.query(`ROLLBACK TO SAVEPOINT ${name}`);
    await em.query(`RELEASE SAVEPOINT ${name}`);
    return { ok: false, error };
  }
};

/**
 * One command = one transaction (or, on SQLite, one savepoint of a group commit).
 *
 * SQLite: TypeORM's SQLite drivers run every transaction on one shared connection, so this
 * process's writes are serialized. They are also grouped: the commands that queued up while the
 * previous group ran go into one transaction, each in a savepoint of its own, so that a refused
 * command rolls back alone and the others see exactly what serial execution would have shown them.
 * One commit (one fsync under synchronous=FULL) then makes the whole group durable, and only then
 * is any of its commands answered: no command is acknowledged before its commit, and a failed
 * commit fails every command of its group. `SQLITE_GROUP_COMMIT_MAX` caps a group (1 = one
 * transaction per command). The write lock is taken first; if another process holds it (a CLI
 * next to the server, a second instance on the same file), the group waits a short pause and
 * tries again, without blocking the event loop.
 *
 * PostgreSQL: the pool, READ COMMITTED, row locks and optimistic versions; one transaction each.
 */
@Injectable()
export class TransactionRunner {
  private readonly sqlite: boolean;
  private readonly maxGroup: number;
  private readonly queue: Queued[] = [];
  private leader: Promise<void> | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.sqlite = databaseKindOf(dataSource) === 'sqlite';
    this.maxGroup = config.database.kind === 'sqlite' ? config.database.groupCommitMax : 1;
  }

  run<T>(work: Work<T>): Promise<T> {
    // READ COMMITTED: the connections' default (data-source.ts), so BEGIN is one statement.
    if (!this.sqlite) return this.dataSource.transaction(work);
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      this.leader ??= this.lead().finally(() => {
        this.leader = null;
      });
    });
  }

  /** Waits for queued and running SQLite transactions (graceful shutdown). */
  async drain(): Promise<void> {
    while (this.leader) await this.leader;
  }

  /** Runs groups until the queue is empty. Only one leader runs at a time. */
  private async lead(): Promise<void> {
    while (this.queue.length > 0) {
      const group = this.queue.splice(0, this.maxGroup);
      // Whatever happens, every command of the group gets an answer.
      const outcomes = await this.runGroup(group).catch((error: unknown) =>
        group.map((): Outcome => ({ ok: false, error })),
      );
      group.forEach((item, i) => {
        const outcome = outcomes[i]!;
        if (outcome.ok) item.resolve(outcome.value);
        else item.reject(outcome.error);
      });
      // Let the requests that arrived meanwhile reach run(): they form the next group.
      await nextTurn();
    }
  }

  private async runGroup(group: Queued[]): Promise<Outcome[]> {
    for (let attempt = 0; ; attempt++) {
      const runner = this.dataSource.createQueryRunner();
      try {
        await runner.startTransaction();
        try {
          await runner.query(TAKE_WRITE_LOCK);
        } catch (error) {
          await runner.rollbackTransaction().catch(() => undefined);
          if (isBusy(error) && attempt < BUSY_RETRIES) {
            await pause(5 + Math.floor(Math.random() * 20));
            continue;
          }
          return group.map(() => ({ ok: false, error }));
        }
        const outcomes = await this.runInSavepoints(runner, group);
        try {
          await runner.commitTransaction();
        } catch (error) {
          await runner.rollbackTransaction().catch(() => undefined);
          return outcomes.map((o) => (o.ok ? { ok: false, error } : o));
        }
        return outcomes;
      } catch (error) {
        // Unexpected (a savepoint statement failed): leave no transaction open behind.
        if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
        throw error;
      } finally {
        await runner.release();
      }
    }
  }

  private async runInSavepoints(runner: QueryRunner, group: Queued[]): Promise<Outcome[]> {
    const outcomes: Outcome[] = [];
    for (const item of group) {
      outcomes.push(await inSavepoint(runner.manager, 'command', () => item.work(runner.manager)));
    }
    return outcomes;
  }
}
