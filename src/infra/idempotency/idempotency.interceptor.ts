import { createHash } from 'node:crypto';
import {
  Injectable,
  SetMetadata,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { from, lastValueFrom, type Observable } from 'rxjs';
import type { Actor } from '../../domain/access/roles';
import { canonicalJson } from '../../domain/audit/hash-chain';
import { DomainError } from '../../domain/errors';
import { toProblem } from '../http/problem';
import { IdempotencyKeyRepository, type StoredResponse } from './idempotency-key.repository';

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;
const NO_IDEMPOTENCY = 'idempotency:off';

/** Routes whose responses must never be stored (they carry secrets, such as access tokens). */
export const NoIdempotency = () => SetMetadata(NO_IDEMPOTENCY, true);

// The response a retried request is answered with, set on the request by the interceptor.
const REPLAYED = Symbol('idempotentReplay');
type ReplayableRequest = FastifyRequest & { actor?: Actor; [REPLAYED]?: StoredResponse };

/**
 * Fastify onSend hook: a replayed request is answered with the first request's status and content
 * type (the interceptor hands back its body; the route itself would send its usual status).
 */
export const answerIdempotentReplay = async (
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<void> => {
  const replayed = (request as ReplayableRequest)[REPLAYED];
  if (!replayed) return;
  void reply
    .code(replayed.status)
    .header('Idempotent-Replayed', 'true')
    .header(
      'Content-Type',
      replayed.status >= 400 ? 'application/problem+json' : 'application/json; charset=utf-8',
    );
};

/**
 * `Idempotency-Key` on every mutating request: the first response (success or client error) is
 * stored; a retry with the same key and the same request gets it again and changes nothing more;
 * the same key with a different request is refused (422). Keys are scoped to the caller.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly store: IdempotencyKeyRepository,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const request = http.getRequest<ReplayableRequest>();
    const header = request.headers['idempotency-key'];
    if (
      !MUTATING.has(request.method) ||
      header === undefined ||
      this.reflector.getAllAndOverride<boolean>(NO_IDEMPOTENCY, [
        context.getHandler(),
        context.getClass(),
      ])
    ) {
      return next.handle();
    }
    const key = Array.isArray(header) ? header[0] : header;
    if (key === undefined || !KEY_PATTERN.test(key)) {
      throw new DomainError(
        'VALIDATION_FAILED',
        'Idempotency-Key must be 1–255 visible ASCII characters',
        {
          errors: [{ field: 'Idempotency-Key', message: 'must be 1–255 visible ASCII characters' }],
        },
      );
    }
    const scope = request.actor ? `user:${request.actor.id}` : `ip:${request.ip}`;
    const requestHash = createHash('sha256')
      .update(`${request.method} ${request.url}\n${canonicalJson(request.body ?? null)}`)
      .digest('hex');
    // The status the route answers with (set by Nest after interceptors run).
    const status =
      this.reflector.get<number | undefined>(HTTP_CODE_METADATA, context.getHandler()) ??
      (request.method === 'POST' ? 201 : 200);
    return from(this.run(request, scope, key, requestHash, next, status));
  }

  private async run(
    request: ReplayableRequest,
    scope: string,
    key: string,
    requestHash: string,
    next: CallHandler,
    status: number,
  ): Promise<unknown> {
    const begun = await this.store.begin(scope, key, requestHash);
    if (begun.kind === 'replay') {
      // Answered here: the stored body now, its status and content type by answerIdempotentReplay.
      request[REPLAYED] = begun.response;
      return begun.response.body;
    }
    if (begun.kind === 'mismatch') {
      throw new DomainError(
        'IDEMPOTENCY_KEY_REUSED',
        'This Idempotency-Key was used with a different request',
        { reasons: ['Use a new Idempotency-Key for a new request.'] },
      );
    }
    if (begun.kind === 'in-progress') {
      throw new DomainError(
        'DUPLICATE',
        'A request with this Idempotency-Key is still being processed',
      );
    }
    try {
      const body: unknown = await lastValueFrom(next.handle() as Observable<unknown>, {
        defaultValue: undefined,
      });
      await this.store.complete(scope, key, { status, body });
      return body;
    } catch (error) {
      const problem = toProblem(error, request.id);
      if (problem.status < 500)
        await this.store.complete(scope, key, { status: problem.status, body: problem });
      else await this.store.release(scope, key);
      throw error;
    }
  }
}
