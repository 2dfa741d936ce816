import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { DomainError } from '../../domain/errors';
import { Clock } from '../../infra/clock';
import { TransactionRunner } from '../../infra/persistence/transaction-runner';
import { LoginAttemptRepository } from './login-attempt.repository';

const MAX_LOCK_MS = 15 * 60 * 1000;
// A reservation of a process that died before answering stops counting after this.
const STALE_RESERVATION_MS = 60_000;

/** A reserved attempt: the failures already counted when it began. */
export type LoginReservation = { username: string; failuresBefore: number };

const refused = (seconds: number) =>
  new DomainError(
    'RATE_LIMITED',
    `Too many failed sign-ins for this username; try again in ${seconds} s`,
  );

/**
 * Lockout with backoff: after N failed sign-ins a username is locked for a while, each further
 * failure doubling the lock (up to 15 minutes). Unknown usernames are counted the same way, so a
 * lock says nothing about whether an account exists. Stored in the database: it holds across
 * instances and restarts.
 *
 * Concurrency (security review H2): an attempt is reserved before its password is checked, in one
 * transaction with the row locked, and refused when the failures counted plus the attempts in
 * flight reach N (after a lock has run out: while another is in flight). A burst therefore gets at most N passwords checked, however parallel. A success
 * clears the failures counted before it began, not those of attempts made beside it.
 */
@Injectable()
export class LoginGuardService {
  constructor(
    private readonly attempts: LoginAttemptRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
  ) {}

  async reserve(username: string): Promise<LoginReservation> {
    const max = this.config.auth.loginMaxFailures;
    const now = this.clock.now();
    const at = now.toISOString();
    return this.tx.run(async (em) => {
      const row = await this.attempts.lockRow(em, username, at);
      if (row.lockedUntil && row.lockedUntil > at) {
        throw refused(Math.ceil((Date.parse(row.lockedUntil) - now.getTime()) / 1000));
      }
      const stale =
        row.inFlightSince !== null &&
        now.getTime() - Date.parse(row.inFlightSince) > STALE_RESERVATION_MS;
      const inFlight = stale ? 0 : row.inFlight;
      // Below the limit, the attempts left may run at once; once a lock has run out, one at a
      // time (its failure locks again, for twice as long).
      if (inFlight >= Math.max(1, max - row.failures)) {
        throw refused(Math.ceil(this.config.auth.loginLockSeconds));
      }
      await this.attempts.save(
        em,
        username,
        { ...row, inFlight: inFlight + 1, inFlightSince: inFlight === 0 ? at : row.inFlightSince },
        at,
      );
      return { username, failuresBefore: row.failures };
    });
  }

  /** Releases the reservation and counts its outcome. */
  async complete(reservation: LoginReservation, succeeded: boolean): Promise<void> {
    const { loginMaxFailures: max, loginLockSeconds: lock } = this.config.auth;
    const now = this.clock.now();
    const at = now.toISOString();
    await this.tx.run(async (em) => {
      const row = await this.attempts.lockRow(em, reservation.username, at);
      const inFlight = Math.max(0, row.inFlight - 1);
      let failures: number;
      let lockedUntil = row.lockedUntil;
      if (succeeded) {
        failures = Math.max(0, row.failures - reservation.failuresBefore);
        if (failures < max) lockedUntil = null;
      } else {
        failures = row.failures + 1;
        if (failures >= max) {
          const lockMs = Math.min(MAX_LOCK_MS, lock * 1000 * 2 ** (failures - max));
          lockedUntil = new Date(now.getTime() + lockMs).toISOString();
        }
      }
      await this.attempts.save(
        em,
        reservation.username,
        {
          failures,
          lockedUntil,
          inFlight,
          inFlightSince: inFlight === 0 ? null : row.inFlightSince,
        },
        at,
      );
    });
  }
}
