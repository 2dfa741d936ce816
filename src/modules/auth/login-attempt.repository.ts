import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { databaseKindOf } from '../../infra/persistence/database-kind';
import { execute, select } from '../../infra/persistence/raw-sql';

export type LoginAttempts = {
  failures: number;
  lockedUntil: string | null;
  inFlight: number;
  inFlightSince: string | null;
};

type Row = {
  failures: number | string;
  locked_until: string | null;
  in_flight: number | string;
  in_flight_since: string | null;
};

/** The login_attempts table: failed sign-ins per username, the lock they earned, those in flight. */
@Injectable()
export class LoginAttemptRepository {
  /**
   * The username's counters, its row locked for this transaction (PostgreSQL; SQLite transactions
   * are serialized): created empty the first time, so that racing first attempts share one row.
   */
  async lockRow(em: EntityManager, username: string, at: string): Promise<LoginAttempts> {
    await execute(
      em,
      `INSERT INTO login_attempts (username, failures, in_flight, updated_at) VALUES ($1, 0, 0, $2)
       ON CONFLICT DO NOTHING`,
      [username, at],
    );
    const lock = databaseKindOf(em) === 'postgres' ? ' FOR UPDATE' : '';
    const [row] = await select<Row>(
      em,
      `SELECT failures, locked_until, in_flight, in_flight_since FROM login_attempts
        WHERE username = $1${lock}`,
      [username],
    );
    return {
      failures: Number(row?.failures ?? 0),
      lockedUntil: row?.locked_until ?? null,
      inFlight: Number(row?.in_flight ?? 0),
      inFlightSince: row?.in_flight_since ?? null,
    };
  }

  async save(
    em: EntityManager,
    username: string,
    attempts: LoginAttempts,
    at: string,
  ): Promise<void> {
    await execute(
      em,
      `UPDATE login_attempts SET failures = $1, locked_until = $2, in_flight = $3,
         in_flight_since = $4, updated_at = $5 WHERE username = $6`,
      [
        attempts.failures,
        attempts.lockedUntil,
        attempts.inFlight,
        attempts.inFlightSince,
        at,
        username,
      ],
    );
  }
}
