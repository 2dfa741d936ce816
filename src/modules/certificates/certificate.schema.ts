import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  CERTIFICATE_EVENT_TYPES,
  REVOCATION_GROUNDS,
} from '../../domain/certification/certificate.machine';
import { CERTIFICATE_STATES } from '../../domain/certification/certificate.workflow';
import { TIERS } from '../../domain/certification/tier';
import { ApplicationSchema } from '../applications/application.schema';
import { EXAMPLE_CREDIT_CODE } from '../../infra/http/openapi/examples';

export class AnnualUpdateDueSchema {
  @ApiProperty({ type: 'integer', example: 2026 }) year!: number;
  @ApiProperty({ format: 'date-time' }) dueAt!: string;
  @ApiPropertyOptional({
    format: 'date-time',
    description: 'When the enterprise is reminded (ANNUAL_UPDATE_REMINDER_DAYS before dueAt)',
  })
  remindAt?: string;
}

/** A title granted by certification, with its lifecycle (ETag: its version). */
export class CertificateSchema {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) enterpriseId!: string;
  @ApiProperty({ example: '130102' }) regionCode!: string;
  @ApiProperty({ enum: TIERS }) tier!: string;
  @ApiProperty({ enum: CERTIFICATE_STATES }) status!: string;
  @ApiProperty({ type: 'integer' }) version!: number;
  @ApiProperty({ format: 'date' }) validFrom!: string;
  @ApiProperty({ format: 'date' }) validTo!: string;
  @ApiProperty({ format: 'uuid' }) applicationId!: string;
  @ApiPropertyOptional({
    format: 'date',
    description: 'After a revocation: no new application before',
  })
  barUntil?: string;
  @ApiPropertyOptional({ enum: REVOCATION_GROUNDS }) revokedGround?: string;
  @ApiProperty() reReviewForfeited!: boolean;
  @ApiPropertyOptional({ format: 'uuid' }) reReviewApplicationId?: string;
  @ApiProperty({ type: 'integer', isArray: true, description: 'Data years already filed' })
  annualUpdates!: number[];
  @ApiProperty({ type: AnnualUpdateDueSchema, nullable: true })
  annualUpdateDue!: AnnualUpdateDueSchema | null;
  @ApiProperty({ enum: CERTIFICATE_EVENT_TYPES, isArray: true }) allowedEvents!: string[];
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiPropertyOptional({
    type: ApplicationSchema,
    description: 'reReview.open: the re-review application it opened',
  })
  reReviewApplication?: ApplicationSchema;
}

/** An entry of the public register of titles. */
export class PublicCertificateSchema {
  @ApiProperty({ format: 'uuid' }) certificateId!: string;
  @ApiProperty() enterpriseName!: string;
  @ApiProperty({ example: EXAMPLE_CREDIT_CODE }) creditCode!: string;
  @ApiProperty({ example: '130102' }) regionCode!: string;
  @ApiProperty({ enum: TIERS }) tier!: string;
  @ApiProperty({ enum: CERTIFICATE_STATES }) status!: string;
  @ApiProperty({ format: 'date' }) validFrom!: string;
  @ApiProperty({ format: 'date' }) validTo!: string;
  @ApiProperty({ description: 'Whether the title is valid today' }) validToday!: boolean;
}
