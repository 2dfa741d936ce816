// A write refused by a unique index or key: PostgreSQL's 23505, SQLite's UNIQUE / PRIMARY KEY
// constraint (better-sqlite3 and sqlite3 name them differently). Repositories turn it into the
// domain's 409 DUPLICATE instead of letting it surface as a 500.
type DriverError = { code?: unknown; errno?: unknown; message?: unknown; driverError?: unknown };

export const isUniqueViolation = (error: unknown): boolean => {
  const e = error as DriverError | null;
  if (!e || typeof e !== 'object') return false;
  if (e.code === '23505') return true;
  if (e.code === 'SQLITE_CONSTRAINT_UNIQUE' || e.code === 'SQLITE_CONSTRAINT_PRIMARYKEY')
    return true;
  if (typeof e.message === 'string' && /UNIQUE constraint failed/.test(e.message)) return true;
  return e.driverError !== undefined && e.driverError !== error && isUniqueViolation(e.driverError);
};
