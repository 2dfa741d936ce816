import { LRUCache } from 'lru-cache';
import type { EntityManager } from 'typeorm';
import { databaseKindOf } from './database-kind';

// Hand-written SQL for the hot path (the ORM's query building costs more than the queries).
// Queries are written with PostgreSQL's $1, $2 … placeholders, numbered in order of appearance;
// on SQLite they become positional `?` (rewritten once per statement text, not on every call).
const sqliteText = new LRUCache<string, string>({ max: 1000 });
const dialectOf = (em: EntityManager, sql: string): string => {
  if (databaseKindOf(em) === 'postgres') return sql;
  let text = sqliteText.get(sql);
  if (text === undefined) {
    text = sql.replace(/\$\d+/g, '?');
    sqliteText.set(sql, text);
  }
  return text;
};

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

/** A hand-written statement and its parameters ($1, $2 … numbered from 1). */
export type Statement = { sql: string; params: unknown[] };

/** The statement's placeholders renumbered after `by` others (to follow another statement's). */
export const shiftPlaceholders = (sql: string, by: number): string =>
  sql.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + by}`);
