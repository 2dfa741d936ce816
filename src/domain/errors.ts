// Stable codes of every refusal the engine can make. The HTTP layer maps each to a status
// (see shared/http/problem-status.ts); adding a code without a status fails to compile.
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

export type DomainErrorDetails = {
  errors?: FieldError[];
  allowedEvents?: string[];
  reasons?: string[];
};

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly details: DomainErrorDetails = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const isDomainError = (e: unknown): e is DomainError => e instanceof DomainError;
