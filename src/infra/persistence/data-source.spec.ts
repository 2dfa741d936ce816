import { dataSourceOptions } from './data-source';

const postgres = (url: string, schema?: string) =>
  dataSourceOptions(
    { kind: 'postgres', url, poolSize: 10, connectTimeoutMs: 5000, ...(schema ? { schema } : {}) },
    [],
  ) as { extra?: { options?: string } };

describe('dataSourceOptions (PostgreSQL connection options)', () => {
  it.each([
    [
      'READ COMMITTED as every connection’s default',
      'postgres://u@h/db',
      undefined,
      '-c default_transaction_isolation=read\\ committed',
    ],
    [
      'and the schema as the search path',
      'postgres://u@h/db',
      'tenant_a',
      '-c default_transaction_isolation=read\\ committed -c search_path=tenant_a',
    ],
    [
      'after the options the URL gives (kept, not replaced)',
      'postgres://u@h/db?options=-c%20statement_timeout%3D5000',
      'tenant_a',
      '-c statement_timeout=5000 -c default_transaction_isolation=read\\ committed -c search_path=tenant_a',
    ],
    [
      'over a Unix socket',
      'postgres://u@%2Fvar%2Frun%2Fpostgresql/db',
      undefined,
      '-c default_transaction_isolation=read\\ committed',
    ],
  ])('%s', (_name, url, schema, expected) => {
    expect(postgres(url, schema).extra?.options).toBe(expected);
  });
});
