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
const POISONOUS_KEYS = new Set([...Object.getOwnPropertyNames(Object.prototype), 'prototype']);

const poisonousPath = (value: unknown, path: string, depth = 0): string | null => {
  if (value === null || typeof value !== 'object' || depth > 32) return null;
  for (const key of Object.keys(value)) {
    const here = path ? `${path}.${key}` : key;
    if (POISONOUS_KEYS.has(key)) return here;
    const found = poisonousPath((value as Record<string, unknown>)[key], here, depth + 1);
    if (found) return found;
  }
  return null;
};

class StrictValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' || metadata.type === 'query') {
      const field = poisonousPath(value, '');
      if (field) {
        throw new DomainError('VALIDATION_FAILED', `${field}: unknown field`, {
          errors: [{ field, message: `unknown field ${field}` }],
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
