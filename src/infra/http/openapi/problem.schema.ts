import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DOMAIN_ERROR_CODES, type DomainErrorCode } from '../../../domain/errors';
import { MessageSchema } from './common.schema';

export class FieldErrorSchema {
  @ApiProperty({ example: 'creditCode' }) field!: string;
  @ApiProperty({ example: 'wrong check character (GB 32100)' }) message!: string;
}

/** RFC 9457 problem details, as every error is answered (`application/problem+json`). */
export class ProblemSchema {
  @ApiProperty({ example: 'urn:sme-ladder:problem:invalid-transition' }) type!: string;
  @ApiProperty({ example: 'Event not allowed in the current state' }) title!: string;
  @ApiProperty({ type: 'integer', example: 409 }) status!: number;
  @ApiProperty({ example: 'review.recommend is not allowed in state submitted' }) detail!: string;
  @ApiProperty({ enum: DOMAIN_ERROR_CODES, enumName: 'ProblemCode' }) code!: DomainErrorCode;
  @ApiProperty({ description: "The server's id of the request (X-Server-Request-Id)" })
  requestId!: string;
  @ApiPropertyOptional({ type: [FieldErrorSchema], description: 'VALIDATION_FAILED: each field' })
  errors?: FieldErrorSchema[];
  @ApiPropertyOptional({
    type: [String],
    description: 'INVALID_TRANSITION: the events the caller may send now',
  })
  allowedEvents?: string[];
  @ApiPropertyOptional({ type: [String], description: 'RULE_NOT_MET and others: why' })
  reasons?: string[];
  @ApiPropertyOptional({ type: [MessageSchema], description: 'The reasons, language-neutral' })
  reasonCodes?: MessageSchema[];
  @ApiPropertyOptional({ type: MessageSchema, description: 'The detail, language-neutral' })
  detailCode?: MessageSchema;
}
