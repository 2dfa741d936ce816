import type { DataSource, EntityManager } from 'typeorm';

export type DatabaseKind = 'postgres' | 'sqlite';

export const databaseKindOf = (source: DataSource | EntityManager): DatabaseKind => {
  const type = 'connection' in source ? source.connection.options.type : source.options.type;
  return type === 'postgres' ? 'postgres' : 'sqlite';
};
