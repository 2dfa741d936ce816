import type { DomainErrorCode } from '../../domain/errors';

/** HTTP status of every domain error code; a code without a status does not compile. */
export const PROBLEM_STATUS = {
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  INVALID_TRANSITION: 409,
  VERSION_CONFLICT: 409,
  DUPLICATE: 409,
  PRECONDITION_FAILED: 412,
  PAYLOAD_TOO_LARGE: 413,
  URI_TOO_LONG: 414,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RULE_NOT_MET: 422,
  PREREQUISITE_NOT_MET: 422,
  APPLICATION_BARRED: 422,
  NO_OPEN_CALL: 422,
  CALL_CLOSED: 422,
  DOCUMENTS_MISSING: 422,
  DOCUMENTS_FROZEN: 409,
  IDEMPOTENCY_KEY_REUSED: 422,
  RATE_LIMITED: 429,
  SERVICE_UNAVAILABLE: 503,
  INTERNAL: 500,
} as const satisfies Record<DomainErrorCode, number>;

export const PROBLEM_TITLE: Record<DomainErrorCode, string> = {
  VALIDATION_FAILED: 'The request is not valid',
  UNAUTHENTICATED: 'Authentication required',
  FORBIDDEN: 'Not permitted for this role',
  NOT_FOUND: 'Not found',
  INVALID_TRANSITION: 'Event not allowed in the current state',
  VERSION_CONFLICT: 'The resource was changed by someone else',
  DUPLICATE: 'Already exists',
  PRECONDITION_FAILED: 'The resource version does not match If-Match',
  PAYLOAD_TOO_LARGE: 'Request body too large',
  URI_TOO_LONG: 'Request URI too long',
  UNSUPPORTED_MEDIA_TYPE: 'Unsupported content type',
  RULE_NOT_MET: 'A certification rule is not met',
  PREREQUISITE_NOT_MET: 'A prerequisite title is missing',
  APPLICATION_BARRED: 'The enterprise is barred from applying',
  NO_OPEN_CALL: 'No open call for this tier and region',
  CALL_CLOSED: 'The call is closed',
  DOCUMENTS_MISSING: 'Required documents are missing',
  DOCUMENTS_FROZEN: 'The documents are frozen while the application is under review',
  IDEMPOTENCY_KEY_REUSED: 'Idempotency key reused with a different request',
  RATE_LIMITED: 'Too many requests',
  SERVICE_UNAVAILABLE: 'The service is shutting down or unavailable; retry shortly',
  INTERNAL: 'Internal server error',
};

export const problemType = (code: DomainErrorCode): string =>
  `urn:sme-ladder:problem:${code.toLowerCase().replace(/_/g, '-')}`;
