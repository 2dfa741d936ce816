// Security review L2: after PASSWORD_HASH_COST is raised, a sign-in rehashes the password at the new
// cost, so that known and unknown usernames take the same time again.
import { UsersService } from '../../src/modules/users/users.service';
import { createUser, login, loginAdmin } from '../support/actors';
import { createTestDatabase } from '../support/test-database';
import { startTestApp } from '../support/test-app';

describe('password rehash on sign-in', () => {
  it('stores the hash at the current cost after a sign-in, and the password still works', async () => {
    const db = createTestDatabase({ persistent: true });
    try {
      const before = await startTestApp({ db, env: { PASSWORD_HASH_COST: '10' } });
      const admin = await loginAdmin(before.http);
      const user = await createUser(before.http, admin, 'auditor', { level: 'national' });
      const stored = (await before.app.get(UsersService).findByUsername(user.username))!;
      expect(stored.passwordHash.split('$')[1]).toBe('10');
      await before.close();

      const after = await startTestApp({ db, env: { PASSWORD_HASH_COST: '11' } });
      try {
        await login(after.http, user.username, 'a-long-enough-password');
        const rehashed = (await after.app.get(UsersService).findByUsername(user.username))!;
        expect(rehashed.passwordHash.split('$')[1]).toBe('11');
        expect(rehashed.tokenVersion).toBe(stored.tokenVersion);
        await login(after.http, user.username, 'a-long-enough-password');
      } finally {
        await after.close();
      }
    } finally {
      await db.drop();
    }
  }, 60_000);
});
