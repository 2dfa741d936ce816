import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { DomainError } from '../../domain/errors';
import { Clock } from '../../shared/clock';
import { execute, select } from '../../shared/persistence/raw-sql';
import { TransactionRunner } from '../../shared/persistence/transaction-runner';

const MAX_LOCK_MS = 15 * 60 * 1000;

/**
 * Lockout with backoff: after N consecutive failed sign-ins a username is locked for a while, each
 * further failure doubling the lock (up to 15 minutes). Unknown usernames are counted the same way,
 * so a lock says nothing about whether an account exists. Stored in the database: it holds across
 * instances and restarts.
 */
@Injectable()
export class LoginGuardService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
  ) {}

  async assertNotLocked(username: string): Promise<void> {
    const [row] = await select<{ locked_until: string | null }>(
      this.dataSource.manager,
      'SELECT locked_until FROM login_attempts WHERE username = $1',
      [username],
    );
    const now = this.clock.nowIso();
    if (row?.locked_until && row.locked_until > now) {
      const seconds = Math.ceil((Date.parse(row.locked_until) - Date.parse(now)) / 1000);
      throw new DomainError(
        'RATE_LIMITED',
        `Too many failed sign-ins for this username; try again in ${seconds} s`,
      );
    }
  }

  async recordFailure(username: string): Promise<void> {
    const { loginMaxFailures: max, loginLockSeconds: lock } = this.config.auth;
    const now = this.clock.now();
    await this.tx.run(async (em) => {
      const [row] = await select<{ failures: number | string }>(
        em,
        'SELECT failures FROM login_attempts WHERE username = $1',
        [username],
      );
      const failures = (row ? Number(row.failures) : 0) + 1;
      const lockMs =
        failures >= max ? Math.min(MAX_LOCK_MS, lock * 1000 * 2 ** (failures - max)) : 0;
      const lockedUntil = lockMs > 0 ? new Date(now.getTime() + lockMs).toISOString() : null;
      if (row) {
        await execute(
          em,
          'UPDATE login_attempts SET failures = $1, locked_until = $2, updated_at = $3 WHERE username = $4',
          [failures, lockedUntil, now.toISOString(), username],
        );
      } else {
        await execute(
          em,
          'INSERT INTO login_attempts (username, failures, locked_until, updated_at) VALUES ($1, $2, $3, $4)',
          [username, failures, lockedUntil, now.toISOString()],
        );
      }
    });
  }

  async recordSuccess(username: string): Promise<void> {
    await this.tx.run((em) =>
      execute(em, 'DELETE FROM login_attempts WHERE username = $1', [username]),
    );
  }
}
