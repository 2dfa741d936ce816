import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { execute, select } from '../../shared/persistence/raw-sql';

/** The login_attempts table: consecutive failed sign-ins per username, and the lock they earned. */
@Injectable()
export class LoginAttemptRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async lockedUntil(username: string): Promise<string | null> {
    const [row] = await select<{ locked_until: string | null }>(
      this.dataSource.manager,
      'SELECT locked_until FROM login_attempts WHERE username = $1',
      [username],
    );
    return row?.locked_until ?? null;
  }

  async failures(em: EntityManager, username: string): Promise<number | undefined> {
    const [row] = await select<{ failures: number | string }>(
      em,
      'SELECT failures FROM login_attempts WHERE username = $1',
      [username],
    );
    return row ? Number(row.failures) : undefined;
  }

  async save(
    em: EntityManager,
    attempt: { username: string; failures: number; lockedUntil: string | null; at: string },
    exists: boolean,
  ): Promise<void> {
    if (exists) {
      await execute(
        em,
        'UPDATE login_attempts SET failures = $1, locked_until = $2, updated_at = $3 WHERE username = $4',
        [attempt.failures, attempt.lockedUntil, attempt.at, attempt.username],
      );
    } else {
      await execute(
        em,
        'INSERT INTO login_attempts (username, failures, locked_until, updated_at) VALUES ($1, $2, $3, $4)',
        [attempt.username, attempt.failures, attempt.lockedUntil, attempt.at],
      );
    }
  }

  async clear(em: EntityManager, username: string): Promise<void> {
    await execute(em, 'DELETE FROM login_attempts WHERE username = $1', [username]);
  }
}
