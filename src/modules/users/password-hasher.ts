import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const scryptAsync = (password: string, salt: Buffer, length: number, options: ScryptOptions) =>
  new Promise<Buffer>((resolve, reject) =>
    scrypt(password, salt, length, options, (error, key) => (error ? reject(error) : resolve(key))),
  );

const KEY_LENGTH = 32;

/**
 * Memory-hard password hashes (scrypt). The stored string carries its parameters, so the cost can
 * be raised later without invalidating old hashes: `scrypt$<log2 N>$<r>$<p>$<salt>$<key>`.
 */
export class PasswordHasher {
  private readonly dummy: Promise<string>;

  constructor(private readonly log2Cost = 15) {
    // Verifying against a throwaway hash keeps unknown usernames as slow as wrong passwords.
    this.dummy = this.hash(randomBytes(16).toString('hex'));
  }

  async hash(password: string): Promise<string> {
    const salt = randomBytes(16);
    const key = await scryptAsync(password, salt, KEY_LENGTH, this.options(this.log2Cost, 8, 1));
    return ['scrypt', this.log2Cost, 8, 1, salt.toString('base64'), key.toString('base64')].join(
      '$',
    );
  }

  async verify(password: string, stored: string | null): Promise<boolean> {
    const encoded = stored ?? (await this.dummy);
    const [scheme, cost, r, p, salt, key] = encoded.split('$');
    if (scheme !== 'scrypt' || !cost || !r || !p || !salt || !key) return false;
    const expected = Buffer.from(key, 'base64');
    const actual = await scryptAsync(
      password,
      Buffer.from(salt, 'base64'),
      expected.length,
      this.options(Number(cost), Number(r), Number(p)),
    );
    // A hash made at a lower cost (before PASSWORD_HASH_COST was raised) answers faster than the
    // dummy an unknown username is checked against: do the difference, so that the time of a
    // sign-in does not tell known usernames from unknown ones (security review L2).
    if (Number(cost) < this.log2Cost) await this.verify(password, null);
    return timingSafeEqual(actual, expected) && stored !== null;
  }

  /** Whether a stored hash was made at another cost than the current one (rehash it on sign-in). */
  needsRehash(stored: string): boolean {
    return stored.split('$')[1] !== String(this.log2Cost);
  }

  private options(log2Cost: number, r: number, p: number): ScryptOptions {
    const N = 2 ** log2Cost;
    return { N, r, p, maxmem: 256 * N * r + 1024 * 1024 };
  }
}
