import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { Actor } from '../../domain/access/roles';
import { DomainError } from '../../domain/errors';
import type { UserEntity } from '../users/user.entity';
import { UsersService } from '../users/users.service';
import { LoginGuardService } from './login-guard.service';
import { PasswordHasher } from './password-hasher';

type TokenClaims = { sub: string; tv: number; role: string };

export type TokenResponse = { accessToken: string; tokenType: 'Bearer'; expiresIn: number };

export const toActor = (user: UserEntity): Actor => ({
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

const unauthenticated = () =>
  new DomainError('UNAUTHENTICATED', 'A valid bearer token is required');

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersService,
    private readonly jwt: JwtService,
    private readonly hasher: PasswordHasher,
    private readonly ttlSeconds: number,
    private readonly lockout: LoginGuardService,
  ) {}

  async issueToken(username: string, password: string): Promise<TokenResponse> {
    await this.lockout.assertNotLocked(username);
    const user = await this.users.findByUsername(username);
    // Same work and same answer for an unknown user, a wrong password and a disabled account.
    const ok = await this.hasher.verify(password, user?.passwordHash ?? null);
    if (!user || !ok || user.disabled) {
      await this.lockout.recordFailure(username);
      throw new DomainError('UNAUTHENTICATED', 'Wrong username or password');
    }
    await this.lockout.recordSuccess(username);
    const claims: TokenClaims = { sub: user.id, tv: user.tokenVersion, role: user.role };
    const accessToken = await this.jwt.signAsync(claims, {
      algorithm: 'HS256',
      expiresIn: this.ttlSeconds,
    });
    return { accessToken, tokenType: 'Bearer', expiresIn: this.ttlSeconds };
  }

  /** Verifies a bearer token and returns its actor; refused when disabled or superseded. */
  async authenticate(token: string): Promise<Actor> {
    let claims: TokenClaims;
    try {
      claims = await this.jwt.verifyAsync<TokenClaims>(token, { algorithms: ['HS256'] });
    } catch {
      throw unauthenticated();
    }
    if (typeof claims.sub !== 'string' || typeof claims.tv !== 'number') throw unauthenticated();
    const user = await this.users.findById(claims.sub);
    if (!user || user.disabled || user.tokenVersion !== claims.tv) throw unauthenticated();
    return toActor(user);
  }
}
