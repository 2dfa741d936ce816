import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { APPLICATION_EVENT_TYPES } from '../../domain/certification/application.events';
import { APPLICATION_STATES } from '../../domain/certification/application.machines';
import { TIERS } from '../../domain/certification/tier';
import { RULE_SETS } from '../../domain/scoring/assessment';
import {
  ActorRefSchema,
  DeadlineSchema,
  SubjectRefSchema,
} from '../../infra/http/openapi/common.schema';
import { AssessmentSchema } from '../assessments/assessment.schema';
import { DocumentRequestSchema } from '../documents/document.schema';

/** An application for one tier (ETag: its version). */
export class ApplicationSchema {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) enterpriseId!: string;
  @ApiProperty({ example: '130102' }) regionCode!: string;
  @ApiProperty({ enum: TIERS }) tier!: string;
  @ApiProperty({ enum: APPLICATION_STATES }) state!: string;
  @ApiProperty({ type: 'integer' }) version!: number;
  @ApiProperty({ enum: RULE_SETS }) ruleSet!: string;
  @ApiProperty({ example: 'innovative-sme-application' }) machineId!: string;
  @ApiProperty({ type: 'integer' }) machineVersion!: number;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'The facts as submitted (FactsDto)',
  })
  facts!: Record<string, unknown>;
  @ApiProperty({ type: AssessmentSchema, nullable: true }) assessment!: AssessmentSchema | null;
  @ApiProperty({
    enum: APPLICATION_EVENT_TYPES,
    isArray: true,
    description: 'The events the caller may send now',
  })
  allowedEvents!: string[];
  @ApiProperty({ type: [DeadlineSchema] }) deadlines!: DeadlineSchema[];
  @ApiPropertyOptional({ format: 'uuid' }) callId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) certificateId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) reReviewOf?: string;
  @ApiPropertyOptional({
    type: DocumentRequestSchema,
    description: 'Returned for materials: the documents the reviewer asked for',
  })
  documentRequest?: DocumentRequestSchema;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

/** One event of a history or of the audit log. */
export class AuditEventSchema {
  @ApiProperty({ type: 'integer' }) seq!: number;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ type: ActorRefSchema }) actor!: ActorRefSchema;
  @ApiProperty({ type: SubjectRefSchema }) subject!: SubjectRefSchema;
  @ApiProperty({ type: String, nullable: true }) enterpriseId!: string | null;
  @ApiProperty({ type: String, nullable: true }) regionCode!: string | null;
  @ApiProperty({ example: 'review.recommend' }) event!: string;
  @ApiProperty({ type: String, nullable: true }) fromState!: string | null;
  @ApiProperty({ type: String, nullable: true }) toState!: string | null;
  @ApiProperty({ type: String, nullable: true }) comment!: string | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description: 'What the event carried (its schema per event type)',
  })
  data!: Record<string, unknown> | null;
  @ApiProperty({ type: String, nullable: true }) requestId!: string | null;
  @ApiProperty({ example: '0'.repeat(64) }) prevHash!: string;
  @ApiProperty() hash!: string;
  @ApiPropertyOptional({
    enum: [true],
    description: 'Shown to an enterprise with reviewers and internal comments removed',
  })
  redacted?: boolean;
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: "`data` with its messages in the request's language (`data` stays as hashed)",
  })
  localizedData?: Record<string, unknown>;
}
