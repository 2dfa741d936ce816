import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Role } from '../../domain/access/roles';
import { DomainError } from '../../domain/errors';
import { IS_PUBLIC, ROLES, type AuthenticatedRequest } from './auth.decorators';
import { AuthService } from './auth.service';
import { msg } from '../../domain/i18n/message';

/** Global guard, deny by default: every route needs a valid token unless marked @Public(). */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.headers.authorization;
    const match =
      typeof header === 'string' ? /^Bearer ([A-Za-z0-9._~+/-]+=*)$/.exec(header) : null;
    if (!match?.[1]) throw new DomainError('UNAUTHENTICATED', msg('problem.tokenRequired'));
    const actor = await this.auth.authenticate(match[1]);
    request.actor = actor;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, targets);
    if (roles && (actor.kind !== 'user' || !roles.includes(actor.role))) {
      throw new DomainError('FORBIDDEN', msg('problem.roleMayNot', { role: actor.role }));
    }
    return true;
  }
}
