import { registerDecorator, type ValidationOptions } from 'class-validator';
import { creditCodeProblem } from '../../domain/identity/credit-code';
import { isKnownRegionCode } from '../regions/region-registry';

/** A real GB/T 2260 region code (province, prefecture or county). */
export const IsRegionCode =
  (options?: ValidationOptions): PropertyDecorator =>
  (target, propertyName) =>
    registerDecorator({
      name: 'isRegionCode',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: '$property must be a GB/T 2260 region code', ...options },
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' && /^\d{6}$/.test(value) && isKnownRegionCode(value),
      },
    });

const CREDIT_CODE_MESSAGES = {
  length: 'must be 18 characters',
  characters: 'contains characters not allowed by GB 32100',
  check_character: 'has a wrong check character (GB 32100)',
} as const;

/** An 18-character unified social credit code with a valid GB 32100 check character. */
export const IsCreditCode =
  (options?: ValidationOptions): PropertyDecorator =>
  (target, propertyName) =>
    registerDecorator({
      name: 'isCreditCode',
      target: target.constructor,
      propertyName: propertyName as string,
      options: {
        message: (args) => {
          const value: unknown = args.value;
          const problem = typeof value === 'string' ? creditCodeProblem(value) : 'length';
          return `${args.property} ${CREDIT_CODE_MESSAGES[problem ?? 'check_character']}`;
        },
        ...options,
      },
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' && creditCodeProblem(value) === null,
      },
    });

/** A real calendar date written YYYY-MM-DD (2026-02-30 is refused). */
export const IsCalendarDate =
  (options?: ValidationOptions): PropertyDecorator =>
  (target, propertyName) =>
    registerDecorator({
      name: 'isCalendarDate',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: '$property must be a real date written YYYY-MM-DD', ...options },
      validator: { validate: (value: unknown) => isCalendarDate(value) },
    });

export const isCalendarDate = (value: unknown): value is string => {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const parsed = new Date(`${value}T00:00:00.000Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value;
};

/** An ISO 8601 UTC instant as the API writes them: 2026-05-01T08:00:00.000Z. */
export const isIsoInstant = (value: unknown): value is string => {
  if (
    typeof value !== 'string' ||
    !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/.test(value)
  ) {
    return false;
  }
  const parsed = new Date(value);
  return !Number.isNaN(parsed.getTime()) && isCalendarDate(value.slice(0, 10));
};

export const IsIsoInstant =
  (options?: ValidationOptions): PropertyDecorator =>
  (target, propertyName) =>
    registerDecorator({
      name: 'isIsoInstant',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: '$property must be an ISO 8601 UTC timestamp', ...options },
      validator: { validate: (value: unknown) => isIsoInstant(value) },
    });
