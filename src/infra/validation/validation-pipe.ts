import { ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';
import { DomainError, type FieldError } from '../../domain/errors';

const flatten = (errors: ValidationError[], prefix = ''): FieldError[] =>
  errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({
      field,
      message: message.replace(/^property (\S+) should not exist$/, 'unknown field $1'),
    }));
    return [...own, ...flatten(error.children ?? [], field)];
  });

// Keys that class-transformer drops without a word (__proto__, constructor, toString and every
// other member of Object.prototype, and prototype): refused outright, at any depth, so that an
// unknown field is never silently ignored and nothing reaches an object's prototype.
// (The body parser has already bounded the depth and size of what is walked here.)
const POISONOUS_KEYS = new Set([...Object.getOwnPropertyNames(Object.prototype), 'prototype']);

/** The first field (by path) that must not pass: a poisonous key, or a string with a NUL byte. */
const forbiddenPath = (
  value: unknown,
  path: string,
  depth = 0,
): { field: string; message: string } | null => {
  // PostgreSQL cannot store NUL in text, and no field of this API has a use for it.
  if (typeof value === 'string') {
    return value.includes('\u0000')
      ? { field: path || 'body', message: `${path || 'body'} must not contain a NUL character` }
      : null;
  }
  if (value === null || typeof value !== 'object' || depth > 64) return null;
  for (const key of Object.keys(value)) {
    const here = path ? `${path}.${key}` : key;
    if (POISONOUS_KEYS.has(key)) return { field: here, message: `unknown field ${here}` };
    if (key.includes('\u0000')) return { field: here, message: 'field names must not contain NUL' };
    const found = forbiddenPath((value as Record<string, unknown>)[key], here, depth + 1);
    if (found) return found;
  }
  return null;
};

class StrictValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' || metadata.type === 'query') {
      const forbidden = forbiddenPath(value, '');
      if (forbidden) {
        throw new DomainError('VALIDATION_FAILED', `${forbidden.field}: ${forbidden.message}`, {
          errors: [forbidden],
        });
      }
    }
    return super.transform(value, metadata) as Promise<unknown>;
  }
}

/** Strict body validation: unknown fields, wrong types and bad values are a 400 with `errors`. */
export const createValidationPipe = (): ValidationPipe =>
  new StrictValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => {
      const fieldErrors = flatten(errors);
      return new DomainError(
        'VALIDATION_FAILED',
        fieldErrors.length === 1
          ? `${fieldErrors[0]!.field}: ${fieldErrors[0]!.message}`
          : `${fieldErrors.length} problems in the request`,
        { errors: fieldErrors },
      );
    },
  });
