import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { DomainError } from '../../domain/errors';
import { Clock } from '../../shared/clock';
import { TransactionRunner } from '../../shared/persistence/transaction-runner';
import { LoginAttemptRepository } from './login-attempt.repository';

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
    private readonly attempts: LoginAttemptRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
  ) {}

  async assertNotLocked(username: string): Promise<void> {
    const lockedUntil = await this.attempts.lockedUntil(username);
    const now = this.clock.nowIso();
    if (lockedUntil && lockedUntil > now) {
      const seconds = Math.ceil((Date.parse(lockedUntil) - Date.parse(now)) / 1000);
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
      const previous = await this.attempts.failures(em, username);
      const failures = (previous ?? 0) + 1;
      const lockMs =
        failures >= max ? Math.min(MAX_LOCK_MS, lock * 1000 * 2 ** (failures - max)) : 0;
      const lockedUntil = lockMs > 0 ? new Date(now.getTime() + lockMs).toISOString() : null;
      await this.attempts.save(
        em,
        { username, failures, lockedUntil, at: now.toISOString() },
        previous !== undefined,
      );
    });
  }

  async recordSuccess(username: string): Promise<void> {
    await this.tx.run((em) => this.attempts.clear(em, username));
  }
}
