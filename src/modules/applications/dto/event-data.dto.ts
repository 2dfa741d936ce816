// The `data` an event may carry, one schema per event type (security review M4): anything else is
// a 400. Validated at the HTTP edge with the event's own class; the size of any data is bounded.
import { Type, plainToInstance } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  registerDecorator,
  ValidateNested,
  validateSync,
  type ValidationArguments,
  type ValidationError,
  type ValidationOptions,
} from 'class-validator';
import { SECTORS, type Sector } from '../../../domain/certification/sectors';
import { IsCalendarDate } from '../../../infra/validation/validators';

/** The most any event's data may weigh, as JSON text. */
export const MAX_EVENT_DATA_BYTES = 16 * 1024;

export class ExpertReviewData {
  /** The panel's score, 0–100. */
  @IsOptional() @IsInt() @Min(0) @Max(100) score?: number;
  @IsOptional() @IsString() @MinLength(1) @MaxLength(4000) opinion?: string;
  @IsOptional() @IsIn(['approve', 'reject', 'revise']) recommendation?:
    'approve' | 'reject' | 'revise';
}

export class InspectionScheduleData {
  @IsOptional() @IsCalendarDate() scheduledFor?: string;
  @IsOptional() @IsString() @MaxLength(1000) note?: string;
}

export class InspectionRecordData {
  @IsOptional() @IsBoolean() passed?: boolean;
  @IsOptional() @IsString() @MaxLength(4000) findings?: string;
}

/**
 * The facts the rules reserve to the experts and the authority (security review M10): the experts
 * confirm the three judgments, the authority also the provincial local-feature points and the
 * sector of the size test.
 */
export class FactsConfirmationData {
  @IsOptional() @IsBoolean() nicheMarketLeading?: boolean;
  @IsOptional() @IsBoolean() chainSupport?: boolean;
  @IsOptional() @IsBoolean() keyProductField?: boolean;
  @IsOptional() @IsInt() @Min(0) @Max(15) localFeaturePoints?: number;
  @IsOptional() @IsIn(SECTORS) sector?: Sector;
}

export class RequestedDocument {
  @Matches(/^[a-z][a-z_]{1,39}$/) kind!: string;
  @IsOptional() @IsInt() @Min(2000) @Max(2100) year?: number;
  @IsOptional() @IsString() @MaxLength(1000) note?: string;
}

export class ReviewReturnData {
  /** The documents the enterprise is asked to add before it resubmits. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => RequestedDocument)
  requestedDocuments?: RequestedDocument[];
}

export class ChangeReportData {
  /** What changed (name, ownership, main business, address…). */
  @IsString() @MinLength(1) @MaxLength(4000) description!: string;
  @IsOptional() @IsCalendarDate() effectiveOn?: string;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any class of the table above
type DataClass = new () => any;

const firstProblem = (errors: ValidationError[], prefix: string): string | undefined => {
  for (const error of errors) {
    const field = `${prefix}.${error.property}`;
    const own = Object.values(error.constraints ?? {})[0];
    if (own)
      return `${field}: ${own.replace(/^property (\S+) should not exist$/, 'unknown field $1')}`;
    const nested = firstProblem(error.children ?? [], field);
    if (nested) return nested;
  }
  return undefined;
};

/** What is wrong with an event's data, or undefined: checked against the type's own class. */
export const eventDataProblem = (
  classes: Partial<Record<string, DataClass>>,
  type: unknown,
  data: unknown,
): string | undefined => {
  if (data === undefined) return undefined;
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return 'data must be an object';
  }
  if (JSON.stringify(data).length > MAX_EVENT_DATA_BYTES) {
    return `data must be at most ${MAX_EVENT_DATA_BYTES} bytes of JSON`;
  }
  const schema = typeof type === 'string' ? classes[type] : undefined;
  if (!schema) {
    return Object.keys(data).length === 0 ? undefined : `${String(type)} takes no data`;
  }
  const errors = validateSync(plainToInstance(schema, data) as object, {
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
  });
  return firstProblem(errors, 'data');
};

/** `data` validated by the class its sibling `type` names (no class: no data). */
export const IsEventData =
  (classes: Partial<Record<string, DataClass>>, options?: ValidationOptions): PropertyDecorator =>
  (target, propertyName) =>
    registerDecorator({
      name: 'isEventData',
      target: target.constructor,
      propertyName: propertyName as string,
      options: {
        message: (args: ValidationArguments) =>
          eventDataProblem(classes, (args.object as { type?: unknown }).type, args.value) ??
          'data is not valid',
        ...options,
      },
      validator: {
        validate: (value: unknown, args: ValidationArguments) =>
          eventDataProblem(classes, (args.object as { type?: unknown }).type, value) === undefined,
      },
    });

/** The data of each application event that takes any. */
export const APPLICATION_EVENT_DATA: Partial<Record<string, DataClass>> = {
  'expert.review.record': ExpertReviewData,
  'inspection.schedule': InspectionScheduleData,
  'inspection.record': InspectionRecordData,
  'inspection.report': InspectionRecordData,
  'facts.confirm': FactsConfirmationData,
  'review.return': ReviewReturnData,
};

/** The data of each certificate event that takes any. */
export const CERTIFICATE_EVENT_DATA: Partial<Record<string, DataClass>> = {
  'change.report': ChangeReportData,
};
