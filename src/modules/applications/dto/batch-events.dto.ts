import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import type { ApplicationEventType } from '../../../domain/certification/application.events';
import {
  APPLICATION_STATES,
  type ApplicationState,
} from '../../../domain/certification/application.machines';
import { BATCH_MAX_ITEMS } from '../../../domain/certification/batch';
import { TIERS, type Tier } from '../../../domain/certification/tier';
import { IsRegionCode } from '../../../infra/validation/validators';
import { API_EVENT_TYPES } from './application.dto';

/** The applications of a batch by what they are: a state and a tier, within a call or a region. */
export class BatchFilterDto {
  @ApiProperty({ enum: APPLICATION_STATES })
  @IsIn(APPLICATION_STATES)
  state!: ApplicationState;

  @ApiProperty({ enum: TIERS })
  @IsIn(TIERS)
  tier!: Tier;

  @IsOptional() @IsUUID() callId?: string;

  @IsOptional() @IsRegionCode() regionCode?: string;
}

export class BatchEventsDto {
  @ApiProperty({ enum: API_EVENT_TYPES })
  @IsIn(API_EVENT_TYPES, { message: 'type must be one of: $constraint1' })
  type!: ApplicationEventType;

  @ApiPropertyOptional({ type: [String], format: 'uuid', maxItems: BATCH_MAX_ITEMS })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(BATCH_MAX_ITEMS)
  @IsUUID(undefined, { each: true })
  ids?: string[];

  @ApiPropertyOptional({ type: BatchFilterDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => BatchFilterDto)
  filter?: BatchFilterDto;

  @IsOptional() @IsString() @MinLength(1) @MaxLength(4000) comment?: string;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(1000, { each: true })
  reasons?: string[];

  @ApiPropertyOptional({ description: 'All or nothing: one refused item rolls every item back' })
  @IsOptional()
  @IsBoolean()
  atomic?: boolean;
}
