import { createAuthorities, loginAdmin, type Session } from './actors';
import type { FakeClock } from './fake-clock';
import { startTestApp, type TestApp } from './test-app';

/** Reviewers of every level, experts, auditors of Chang'an district (Hebei) and MIIT. */
export type Authorities = Awaited<ReturnType<typeof createAuthorities>>;

/**
 * The set-up most e2e files share: the whole app on a fresh database, the admin signed in, and
 * the authorities created. Use it in a beforeAll and close `t` in an afterAll.
 */
export const startWithAuthorities = async (
  options: { clock?: FakeClock; env?: Record<string, string> } = {},
): Promise<{ t: TestApp; admin: Session; a: Authorities }> => {
  const t = await startTestApp(options);
  const admin = await loginAdmin(t.http);
  return { t, admin, a: await createAuthorities(t.http, admin) };
};
