// Column types valid on both SQLite and PostgreSQL. Instants are stored as fixed-width ISO 8601
// UTC text (`2026-05-01T08:00:00.000Z`): they sort and compare as text, round-trip byte for byte
// (the audit hash chain depends on it), and mean the same on both databases.
import { Column, type ColumnOptions, type ValueTransformer } from 'typeorm';

export const TIMESTAMP_LENGTH = 24;

export const TimestampColumn = (options: ColumnOptions = {}): PropertyDecorator =>
  Column({ type: 'varchar', length: TIMESTAMP_LENGTH, ...options });

export const DateColumn = (options: ColumnOptions = {}): PropertyDecorator =>
  Column({ type: 'varchar', length: 10, ...options });

const json: ValueTransformer = {
  to: (value: unknown) => (value === undefined || value === null ? null : JSON.stringify(value)),
  from: (value: unknown) => (typeof value === 'string' ? (JSON.parse(value) as unknown) : value),
};

/** JSON kept as text (portable; PostgreSQL could use jsonb, but the bytes are then reordered). */
export const JsonColumn = (options: ColumnOptions = {}): PropertyDecorator =>
  Column({ type: 'text', transformer: json, ...options });
