import { applyDecorators, type Type } from '@nestjs/common';
import {
  ApiExtension,
  ApiExtraModels,
  ApiOperation,
  ApiResponse,
  getSchemaPath,
} from '@nestjs/swagger';
import type { DomainErrorCode } from '../../../domain/errors';

export const PROBLEMS_EXTENSION = 'x-ladder-problems';
export const HEADERS_EXTENSION = 'x-ladder-headers';

/** Protocol headers an operation reads or writes beyond the defaults (complete-document.ts). */
export type ProtocolHeader = 'if-match' | 'etag';

export type ApiOpOptions = {
  /** Stable operationId: what generated clients name the call (`listApplications`). */
  id: string;
  summary: string;
  description?: string;
  /** Problems this operation gives beyond the ones every operation of its kind can give. */
  problems?: DomainErrorCode[];
  headers?: ProtocolHeader[];
};

/**
 * The operation's contract: its stable id, its summary and what it can refuse with. The usual
 * problems (400, 401/403 when signed in, 404 with a path id, 413/415 with a body, 422 for a reused
 * idempotency key, 429, 500, 503) are added to every operation by completeDocument().
 */
export const ApiOp = (options: ApiOpOptions): MethodDecorator =>
  applyDecorators(
    ApiOperation({
      operationId: options.id,
      summary: options.summary,
      ...(options.description ? { description: options.description } : {}),
    }),
    ApiExtension(PROBLEMS_EXTENSION, options.problems ?? []),
    ApiExtension(HEADERS_EXTENSION, options.headers ?? []),
  );

/** A JSON answer of one schema class (200 by default). */
export const ApiJson = (
  type: Type<unknown>,
  options: { status?: number; description?: string; isArray?: boolean } = {},
): MethodDecorator =>
  applyDecorators(
    ApiExtraModels(type),
    ApiResponse({
      status: options.status ?? 200,
      description: options.description ?? 'OK',
      content: {
        'application/json': {
          schema: options.isArray
            ? { type: 'array', items: { $ref: getSchemaPath(type) } }
            : { $ref: getSchemaPath(type) },
        },
      },
    }),
  );

/** A page of a list: `{ items, nextCursor }`, with `limit`/`cursor` in the query. */
export const ApiPage = (
  type: Type<unknown>,
  options: { description?: string } = {},
): MethodDecorator =>
  applyDecorators(
    ApiExtraModels(type),
    ApiResponse({
      status: 200,
      description:
        options.description ??
        'One page, in a stable order; pass `nextCursor` as `cursor` for the next (null: the last page).',
      content: {
        'application/json': {
          schema: {
            type: 'object',
            required: ['items', 'nextCursor'],
            properties: {
              items: { type: 'array', items: { $ref: getSchemaPath(type) } },
              nextCursor: { type: 'string', nullable: true },
            },
          },
        },
      },
    }),
  );
