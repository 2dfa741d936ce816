import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Mutex } from 'async-mutex';
import type { DataSource, EntityManager } from 'typeorm';
import { databaseKindOf } from './database-kind';

/**
 * One command = one transaction. TypeORM's SQLite drivers run every transaction on one shared
 * connection, so concurrent transactions there would collide ("cannot start a transaction within
 * a transaction"): SQLite transactions are serialized by a mutex. PostgreSQL uses its pool.
 */
@Injectable()
export class TransactionRunner {
  private readonly serial: Mutex | null;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    this.serial = databaseKindOf(dataSource) === 'sqlite' ? new Mutex() : null;
  }

  run<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    if (this.serial) return this.serial.runExclusive(() => this.dataSource.transaction(work));
    return this.dataSource.transaction('READ COMMITTED', work);
  }

  /** Waits for in-flight SQLite transactions (graceful shutdown). */
  async drain(): Promise<void> {
    if (this.serial) await this.serial.waitForUnlock();
  }
}
