import type { EntityManager } from 'typeorm';
import { databaseKindOf } from './database-kind';

// Hand-written SQL for the hot path (the ORM's query building costs more than the queries).
// Queries are written with PostgreSQL's $1, $2 … placeholders, numbered in order of appearance;
// on SQLite they become positional `?`.
const dialectOf = (em: EntityManager, sql: string): string =>
  databaseKindOf(em) === 'postgres' ? sql : sql.replace(/\$\d+/g, '?');

// SQLite drivers bind no booleans: store them as 1/0, as TypeORM does.
const bind = (em: EntityManager, params: unknown[]): unknown[] =>
  databaseKindOf(em) === 'postgres'
    ? params
    : params.map((p) => (typeof p === 'boolean' ? (p ? 1 : 0) : p));

export const select = async <T>(
  em: EntityManager,
  sql: string,
  params: unknown[] = [],
): Promise<T[]> => em.query<T[]>(dialectOf(em, sql), bind(em, params));

/** Runs a write and returns the number of rows it changed. Must run inside a transaction. */
export const execute = async (
  em: EntityManager,
  sql: string,
  params: unknown[] = [],
): Promise<number> => {
  if (!em.queryRunner) throw new Error('execute() must run inside a transaction');
  const result = await em.queryRunner.query(dialectOf(em, sql), bind(em, params), true);
  return result.affected ?? 0;
};
