import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import {
  CERTIFICATE_STATES,
  type CertificateState,
} from '../../../domain/certification/certificate.workflow';
import {
  REVOCATION_GROUNDS,
  type RevocationGround,
} from '../../../domain/certification/certificate.machine';
import { TIERS, type Tier } from '../../../domain/certification/tier';
import { PageQueryDto } from '../../../infra/pagination/pagination';
import { IsCreditCode, IsRegionCode } from '../../../infra/validation/validators';
import { CERTIFICATE_EVENT_DATA, IsEventData } from '../../applications/dto/event-data.dto';
import { FactsDto } from '../../applications/dto/facts.dto';

// Events the API takes; expiry, overdue notices, re-review opening and outcomes are the system's.
export const API_CERTIFICATE_EVENTS = [
  'annualUpdate.submit',
  'change.report',
  'change.accept',
  'change.reject',
  'reReview.submit',
  'revoke',
] as const;

const MAX_MONEY = 1e15;

/** The figures of an ended data year (annualUpdate.submit): integer yuan and head counts. */
export class AnnualReportDto {
  @IsInt() @Min(0) @Max(MAX_MONEY) operatingRevenue!: number;
  @IsInt() @Min(0) @Max(MAX_MONEY) mainBusinessRevenue!: number;
  @IsInt() @Min(0) @Max(MAX_MONEY) rdExpense!: number;
  @IsInt() @Min(-MAX_MONEY) @Max(MAX_MONEY) netProfit!: number;
  @IsInt() @Min(0) @Max(MAX_MONEY) totalAssets!: number;
  @IsInt() @Min(0) @Max(MAX_MONEY) totalLiabilities!: number;
  @IsInt() @Min(0) @Max(10_000_000) employees!: number;
  @IsInt() @Min(0) @Max(10_000_000) rdEmployees!: number;
}

export class CertificateEventDto {
  @ApiProperty({ enum: API_CERTIFICATE_EVENTS })
  @IsIn(API_CERTIFICATE_EVENTS, { message: 'type must be one of: $constraint1' })
  type!: (typeof API_CERTIFICATE_EVENTS)[number];

  @IsOptional() @IsString() @MinLength(1) @MaxLength(4000) comment?: string;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(1000, { each: true })
  reasons?: string[];

  /** annualUpdate.submit: the data year the update is for (default: the one due). */
  @IsOptional() @IsInt() @Min(2000) @Max(2100) year?: number;

  /** revoke: the ground (§5.6); fraud and violations bar new applications for 3 years. */
  @ApiProperty({ enum: REVOCATION_GROUNDS, required: false })
  @IsOptional()
  @IsIn(REVOCATION_GROUNDS)
  ground?: RevocationGround;

  /** annualUpdate.submit: the figures of the data year filed (required). */
  @IsOptional() @IsObject() @ValidateNested() @Type(() => AnnualReportDto) report?: AnnualReportDto;

  /** reReview.submit: the figures the re-review is judged on. */
  @IsOptional() @IsObject() @ValidateNested() @Type(() => FactsDto) facts?: FactsDto;

  /** The event's own data (change.report: what changed); other events take none. */
  @ApiProperty({ required: false, type: Object })
  @IsOptional()
  @IsObject()
  @IsEventData(CERTIFICATE_EVENT_DATA)
  data?: Record<string, unknown>;
}

export class ListCertificatesQueryDto extends PageQueryDto {
  @IsOptional() @IsUUID() enterpriseId?: string;
  @ApiProperty({ enum: TIERS, required: false }) @IsOptional() @IsIn(TIERS) tier?: Tier;
  @ApiProperty({ enum: CERTIFICATE_STATES, required: false })
  @IsOptional()
  @IsIn(CERTIFICATE_STATES)
  status?: CertificateState;
  @IsOptional() @IsRegionCode() regionCode?: string;
}

export class PublicRegisterQueryDto {
  @IsCreditCode() creditCode!: string;
}
