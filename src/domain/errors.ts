// Stable codes of every refusal the engine can make. The HTTP layer maps each to a status
// (see shared/http/problem-status.ts); adding a code without a status fails to compile.
import type { Msg } from './i18n/message';
import { renderMsg } from './i18n/render';

export const DOMAIN_ERROR_CODES = [
  'VALIDATION_FAILED',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'INVALID_TRANSITION',
  'VERSION_CONFLICT',
  'DUPLICATE',
  'PRECONDITION_FAILED',
  'RULE_NOT_MET',
  'PREREQUISITE_NOT_MET',
  'APPLICATION_BARRED',
  'NO_OPEN_CALL',
  'CALL_CLOSED',
  'DOCUMENTS_MISSING',
  'DOCUMENTS_FROZEN',
  'IDEMPOTENCY_KEY_REUSED',
  'PAYLOAD_TOO_LARGE',
  'URI_TOO_LONG',
  'UNSUPPORTED_MEDIA_TYPE',
  'RATE_LIMITED',
  'SERVICE_UNAVAILABLE',
  'INTERNAL',
] as const;

export type DomainErrorCode = (typeof DOMAIN_ERROR_CODES)[number];

export type FieldError = { field: string; message: string };

/** A reason is a language-neutral message (rendered per request) or, from older code, a sentence. */
export type DomainErrorDetails = {
  errors?: FieldError[];
  allowedEvents?: string[];
  reasons?: (string | Msg)[];
};

export class DomainError extends Error {
  /** The detail as a language-neutral message, when the thrower gave one (`message` is its English). */
  readonly detailMsg: Msg | undefined;

  constructor(
    readonly code: DomainErrorCode,
    message: string | Msg,
    readonly details: DomainErrorDetails = {},
  ) {
    super(typeof message === 'string' ? message : renderMsg(message, 'en'));
    this.detailMsg = typeof message === 'string' ? undefined : message;
    this.name = 'DomainError';
  }
}

export const isDomainError = (e: unknown): e is DomainError => e instanceof DomainError;
