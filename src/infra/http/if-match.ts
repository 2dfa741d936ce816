import type { FastifyReply } from 'fastify';
import { DomainError } from '../../domain/errors';

/** `If-Match: "3"` (or W/"3", or 3) → 3; absent → undefined; anything else → 400. */
export const parseIfMatch = (header: string | undefined): number | undefined => {
  if (header === undefined) return undefined;
  const match = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(header);
  if (!match?.[1]) {
    throw new DomainError('VALIDATION_FAILED', 'If-Match must be an ETag such as "3"', {
      errors: [{ field: 'If-Match', message: 'must be an ETag such as "3"' }],
    });
  }
  return Number(match[1]);
};

/** Sets `ETag: "<version>"` on the reply of a versioned resource and passes the view on. */
export const withEtag = <V extends { version: number }>(reply: FastifyReply, view: V): V => {
  void reply.header('ETag', `"${view.version}"`);
  return view;
};
