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
    return timingSafeEqual(actual, expected) && stored !== null;
  }

  private options(log2Cost: number, r: number, p: number): ScryptOptions {
    const N = 2 ** log2Cost;
    return { N, r, p, maxmem: 256 * N * r + 1024 * 1024 };
  }
}
