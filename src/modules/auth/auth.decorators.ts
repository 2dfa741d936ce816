import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { Actor, Role } from '../../domain/access/roles';
import { serverRequestIdOf } from '../../infra/http/request-id';

export const IS_PUBLIC = 'auth:public';
export const ROLES = 'auth:roles';

/** The route needs no token (self-registration, login, public notices). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** Only these roles may call the route; every other role gets 403. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES, roles);

export type AuthenticatedRequest = FastifyRequest & { actor?: Actor };

export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  const actor = ctx.switchToHttp().getRequest<AuthenticatedRequest>().actor;
  if (!actor) throw new Error('CurrentActor used on a public route');
  return actor;
});

/** The server's id of the request (what the audit log records; see serverRequestIdOf). */
export const RequestId = createParamDecorator((_: unknown, ctx: ExecutionContext): string =>
  serverRequestIdOf(ctx.switchToHttp().getRequest<FastifyRequest>()),
);
