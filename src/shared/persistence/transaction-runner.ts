import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Mutex } from 'async-mutex';
import type { DataSource, EntityManager } from 'typeorm';
import { databaseKindOf } from './database-kind';

// A write that changes nothing but takes SQLite's write lock at the start of the transaction, so
// that a transaction never reads first and then fails to upgrade its lock half-way through.
const TAKE_WRITE_LOCK = 'UPDATE timers SET id = id WHERE 0 = 1';
const BUSY_RETRIES = 200;

const isBusy = (error: unknown): boolean => {
  const text =
    error instanceof Error ? `${error.message} ${String((error as { code?: unknown }).code)}` : '';
  return /SQLITE_BUSY|database is locked/i.test(text);
};

class LockNotTaken extends Error {
  constructor(override readonly cause: unknown) {
    super('SQLite write lock not taken');
  }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One command = one transaction.
 *
 * SQLite: TypeORM's SQLite drivers run every transaction on one shared connection, so this
 * process's transactions are serialized by a mutex. Each takes the write lock first; if another
 * process holds it (a CLI next to the server, a second instance on the same file), the attempt is
 * abandoned before any work and retried after a short pause, without blocking the event loop.
 *
 * PostgreSQL: the pool, READ COMMITTED, row locks and optimistic versions.
 */
@Injectable()
export class TransactionRunner {
  private readonly serial: Mutex | null;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    this.serial = databaseKindOf(dataSource) === 'sqlite' ? new Mutex() : null;
  }

  async run<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    const serial = this.serial;
    if (!serial) return this.dataSource.transaction('READ COMMITTED', work);
    for (let attempt = 0; ; attempt++) {
      try {
        return await serial.runExclusive(() =>
          this.dataSource.transaction(async (em) => {
            try {
              await em.query(TAKE_WRITE_LOCK);
            } catch (error) {
              throw new LockNotTaken(error);
            }
            return work(em);
          }),
        );
      } catch (error) {
        if (!(error instanceof LockNotTaken) || !isBusy(error.cause) || attempt >= BUSY_RETRIES) {
          throw error instanceof LockNotTaken ? error.cause : error;
        }
        await pause(5 + Math.floor(Math.random() * 20));
      }
    }
  }

  /** Waits for in-flight SQLite transactions (graceful shutdown). */
  async drain(): Promise<void> {
    if (this.serial) await this.serial.waitForUnlock();
  }
}
