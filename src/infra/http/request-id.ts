import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

const ACCEPTABLE = /^[A-Za-z0-9._:-]{1,128}$/;

/** Echo a client's X-Request-Id when it is sane; otherwise make one. */
export const requestIdOf = (request: IncomingMessage): string => {
  const given = request.headers['x-request-id'];
  const value = Array.isArray(given) ? given[0] : given;
  return value && ACCEPTABLE.test(value) ? value : randomUUID();
};

/**
 * The id the server gives every request, whatever the client sent: what the audit log records
 * (security review L7: a client-chosen id could imitate the scheduler's `timer:<id>`, and client ids
 * are not unique). Sent back as `X-Server-Request-Id`; the client's own id stays in `X-Request-Id`.
 */
export const SERVER_REQUEST_ID = Symbol('serverRequestId');
export type WithServerRequestId = { [SERVER_REQUEST_ID]?: string };

export const serverRequestIdOf = (request: object): string => {
  const holder = request as WithServerRequestId;
  holder[SERVER_REQUEST_ID] ??= randomUUID();
  return holder[SERVER_REQUEST_ID];
};
