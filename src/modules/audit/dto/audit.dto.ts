import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, Min } from 'class-validator';
import { IsIsoInstant, IsRegionCode } from '../../../infra/validation/validators';

export class AuditQueryDto {
  @IsOptional() @IsUUID() applicationId?: string;
  @IsOptional() @IsUUID() certificateId?: string;
  @IsOptional() @IsUUID() enterpriseId?: string;
  @IsOptional() @IsString() @Matches(/^[A-Za-z0-9:._-]{1,64}$/) actorId?: string;
  @ApiProperty({ required: false, example: 'review.start' })
  @IsOptional()
  @Matches(/^[a-z][A-Za-z0-9._]{0,63}$/)
  type?: string;
  @IsOptional() @IsIsoInstant() from?: string;
  @IsOptional() @IsIsoInstant() to?: string;
  @IsOptional() @IsRegionCode() regionCode?: string;
}

export class AuditListQueryDto extends AuditQueryDto {
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
  @IsOptional() @IsString() @Matches(/^[A-Za-z0-9_-]{1,200}$/) cursor?: string;
}

export class AuditExportQueryDto extends AuditQueryDto {
  @ApiProperty({ enum: ['ndjson', 'csv'], required: false })
  @IsOptional()
  @IsIn(['ndjson', 'csv'])
  format?: 'ndjson' | 'csv';
}

export class VerifyQueryDto {
  /** Start from the newest signed checkpoint instead of the first event. */
  @ApiProperty({ required: false, enum: ['genesis', 'checkpoint'] })
  @IsOptional()
  @IsIn(['genesis', 'checkpoint'])
  from?: 'genesis' | 'checkpoint';
}

export class BundleQueryDto {
  /** `zip`: the signed bundle and every document's file in one zip (bundle.json + documents/). */
  @ApiProperty({ required: false, enum: ['json', 'zip'] })
  @IsOptional()
  @IsIn(['json', 'zip'])
  format?: 'json' | 'zip';
}
