import { DOMAIN_ERROR_CODES, type DomainErrorCode } from '../../domain/errors';
import { EN } from '../../domain/i18n/catalogue.en';

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

/** English titles (the catalogue's `problem.title.<CODE>`); answers carry them in the request's language. */
export const PROBLEM_TITLE = Object.fromEntries(
  DOMAIN_ERROR_CODES.map((code) => [code, EN[`problem.title.${code}`] ?? code]),
) as Record<DomainErrorCode, string>;

export const problemType = (code: DomainErrorCode): string =>
  `urn:sme-ladder:problem:${code.toLowerCase().replace(/_/g, '-')}`;
