import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { LRUCache } from 'lru-cache';
import type { Actor } from '../../domain/access/roles';
import { DomainError } from '../../domain/errors';
import type { UserRecord } from '../users/user.record';
import { UsersService } from '../users/users.service';
import { LoginGuardService } from './login-guard.service';
import { PasswordHasher } from '../users/password-hasher';
import { msg } from '../../domain/i18n/message';

type TokenClaims = { sub: string; tv: number; role: string };

export type TokenResponse = { accessToken: string; tokenType: 'Bearer'; expiresIn: number };

export const toActor = (user: UserRecord): Actor => ({
  kind: 'user',
  id: user.id,
  role: user.role,
  ...(user.enterpriseId ? { enterpriseId: user.enterpriseId } : {}),
  ...(user.jurisdictionLevel
    ? {
        jurisdiction: {
          level: user.jurisdictionLevel,
          ...(user.regionCode ? { regionCode: user.regionCode } : {}),
        },
      }
    : {}),
});

const unauthenticated = () => new DomainError('UNAUTHENTICATED', msg('problem.tokenRequired'));

type VerifiedClaims = { sub: string; tv: number; exp: number | undefined; nbf: number | undefined };

// Signature checks cost more than the rest of authentication: tokens this service has verified
// are kept (per instance, so per secret; lru-cache, least recently used first out). Expiry and not-before are checked
// again on every use, as jsonwebtoken checks them.
const VERIFIED_TOKENS_MAX = 10_000;
const stillValid = (claims: VerifiedClaims): boolean => {
  const now = Math.floor(Date.now() / 1000);
  return (
    (claims.exp === undefined || now < claims.exp) &&
    (claims.nbf === undefined || now >= claims.nbf)
  );
};

@Injectable()
export class AuthService {
  private readonly verifiedTokens = new LRUCache<string, VerifiedClaims>({
    max: VERIFIED_TOKENS_MAX,
  });

  constructor(
    private readonly users: UsersService,
    private readonly jwt: JwtService,
    private readonly hasher: PasswordHasher,
    private readonly ttlSeconds: number,
    private readonly lockout: LoginGuardService,
  ) {}

  async issueToken(username: string, password: string): Promise<TokenResponse> {
    const reservation = await this.lockout.reserve(username);
    let user: UserRecord | null;
    let ok = false;
    try {
      user = await this.users.findByUsername(username);
      // Same work and same answer for an unknown user, a wrong password and a disabled account.
      ok = (await this.hasher.verify(password, user?.passwordHash ?? null)) && !user?.disabled;
    } finally {
      await this.lockout.complete(reservation, ok);
    }
    if (!user || !ok) throw new DomainError('UNAUTHENTICATED', msg('problem.wrongPassword'));
    if (this.hasher.needsRehash(user.passwordHash)) {
      await this.users.rehash(user.id, await this.hasher.hash(password));
    }
    const claims: TokenClaims = { sub: user.id, tv: user.tokenVersion, role: user.role };
    const accessToken = await this.jwt.signAsync(claims, {
      algorithm: 'HS256',
      expiresIn: this.ttlSeconds,
    });
    return { accessToken, tokenType: 'Bearer', expiresIn: this.ttlSeconds };
  }

  /** Verifies a bearer token and returns its actor; refused when disabled or superseded. */
  async authenticate(token: string): Promise<Actor> {
    // A token whose signature has been checked is remembered by its exact text, with its expiry
    // (checked again on every use). The user is read on every request, so disabling an account or
    // bumping its token version still takes effect at once.
    let claims: VerifiedClaims | undefined = this.verifiedTokens.get(token);
    if (claims && !stillValid(claims)) {
      this.verifiedTokens.delete(token);
      claims = undefined;
    }
    if (!claims) {
      let verified: TokenClaims & { exp?: unknown; nbf?: unknown };
      try {
        verified = await this.jwt.verifyAsync<TokenClaims>(token, { algorithms: ['HS256'] });
      } catch {
        throw unauthenticated();
      }
      if (typeof verified.sub !== 'string' || typeof verified.tv !== 'number') {
        throw unauthenticated();
      }
      claims = {
        sub: verified.sub,
        tv: verified.tv,
        exp: typeof verified.exp === 'number' ? verified.exp : undefined,
        nbf: typeof verified.nbf === 'number' ? verified.nbf : undefined,
      };
      this.verifiedTokens.set(token, claims);
    }
    const user = await this.users.findById(claims.sub);
    if (!user || user.disabled || user.tokenVersion !== claims.tv) throw unauthenticated();
    return toActor(user);
  }
}
