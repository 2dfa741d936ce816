import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Clock } from '../clock';
import { execute, select } from '../persistence/raw-sql';
import { TransactionRunner } from '../persistence/transaction-runner';

export type StoredResponse = { status: number; body: unknown };

export type Begin =
  | { kind: 'new' }
  | { kind: 'replay'; response: StoredResponse }
  | { kind: 'mismatch' }
  | { kind: 'in-progress' };

// A first request that never finished (the process died) stops blocking its key after this.
const ABANDONED_AFTER_MS = 60_000;
/** Keys are kept a day: long enough for any client retry. */
export const IDEMPOTENCY_RETENTION_MS = 24 * 60 * 60 * 1000;

@Injectable()
/** The idempotency_keys table: one row per key and caller, with the first answer once known. */
export class IdempotencyKeyRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
  ) {}

  /** Claims the key for this request, or says how an earlier request with it ended. */
  begin(scope: string, key: string, requestHash: string): Promise<Begin> {
    const now = this.clock.now();
    return this.tx.run(async (em) => {
      const [row] = await select<{
        request_hash: string;
        status: number | string | null;
        response: string | null;
        created_at: string;
      }>(
        em,
        'SELECT request_hash, status, response, created_at FROM idempotency_keys WHERE scope = $1 AND idempotency_key = $2',
        [scope, key],
      );
      if (row) {
        const abandoned =
          row.status === null && now.getTime() - Date.parse(row.created_at) > ABANDONED_AFTER_MS;
        if (!abandoned) {
          if (row.request_hash !== requestHash) return { kind: 'mismatch' };
          if (row.status === null) return { kind: 'in-progress' };
          return {
            kind: 'replay',
            response: {
              status: Number(row.status),
              body: JSON.parse(row.response ?? 'null') as unknown,
            },
          };
        }
        await execute(
          em,
          'DELETE FROM idempotency_keys WHERE scope = $1 AND idempotency_key = $2',
          [scope, key],
        );
      }
      // Racing first requests with one key (PostgreSQL runs them side by side): one inserts, the
      // others find the key taken and are told the first is still being processed.
      const inserted = await execute(
        em,
        `INSERT INTO idempotency_keys (scope, idempotency_key, request_hash, created_at)
         VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
        [scope, key, requestHash, now.toISOString()],
      );
      return inserted === 1 ? { kind: 'new' } : { kind: 'in-progress' };
    });
  }

  complete(scope: string, key: string, response: StoredResponse): Promise<number> {
    return this.tx.run((em) =>
      execute(
        em,
        'UPDATE idempotency_keys SET status = $1, response = $2 WHERE scope = $3 AND idempotency_key = $4',
        [response.status, JSON.stringify(response.body ?? null), scope, key],
      ),
    );
  }

  /** A server error is not an answer: the key is freed so that the client may retry. */
  release(scope: string, key: string): Promise<number> {
    return this.tx.run((em) =>
      execute(
        em,
        'DELETE FROM idempotency_keys WHERE scope = $1 AND idempotency_key = $2 AND status IS NULL',
        [scope, key],
      ),
    );
  }

  purgeOlderThan(cutoff: string): Promise<number> {
    return this.tx.run((em) =>
      execute(em, 'DELETE FROM idempotency_keys WHERE created_at < $1', [cutoff]),
    );
  }

  count(): Promise<number> {
    return select<{ n: number | string }>(
      this.dataSource.manager,
      'SELECT COUNT(*) AS n FROM idempotency_keys',
    ).then(([r]) => Number(r?.n ?? 0));
  }
}
