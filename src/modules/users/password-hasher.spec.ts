import { PasswordHasher } from './password-hasher';

describe('password hashes (security review L2)', () => {
  const current = new PasswordHasher(11);
  const older = new PasswordHasher(10);

  it('verifies a hash made at an older cost, and says it needs a rehash', async () => {
    const stored = await older.hash('the-right-password');
    expect(await current.verify('the-right-password', stored)).toBe(true);
    expect(await current.verify('a-wrong-password', stored)).toBe(false);
    expect(current.needsRehash(stored)).toBe(true);
    expect(current.needsRehash(await current.hash('the-right-password'))).toBe(false);
  });

  it('checks an older hash with the work of the current cost too (as for an unknown user)', async () => {
    const stored = await older.hash('the-right-password');
    const spy = jest.spyOn(current, 'verify');
    await current.verify('a-wrong-password', stored);
    // The extra check runs against the dummy, at the current cost.
    expect(spy.mock.calls.map((call) => call[1] === null)).toEqual([false, true]);
    spy.mockRestore();
  });

  it('refuses anything for an unknown user (the dummy)', async () => {
    expect(await current.verify('anything', null)).toBe(false);
  });
});
