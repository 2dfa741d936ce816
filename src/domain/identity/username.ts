// Usernames are unique by their skeleton, so that no one registers a lookalike of an existing
// account (`Admin`, `ADMIN`, `admin.` next to `admin`), and self-registration may not take the
// names an operator would expect to be staff's.

/** Case and the separators . _ - do not tell two usernames apart. */
export const usernameKeyOf = (username: string): string =>
  username.toLowerCase().replace(/[._-]/g, '');

/** Skeletons self-registered accounts may not take. */
const RESERVED_KEYS: ReadonlySet<string> = new Set(
  [
    'admin',
    'administrator',
    'root',
    'system',
    'sysadmin',
    'operator',
    'support',
    'security',
    'auditor',
    'reviewer',
    'expert',
    'miit',
    'smeladder',
    'public',
    'anonymous',
  ].map(usernameKeyOf),
);

export const isReservedUsername = (username: string): boolean =>
  RESERVED_KEYS.has(usernameKeyOf(username));
