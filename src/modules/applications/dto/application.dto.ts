import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsDefined,
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import {
  APPLICATION_EVENT_TYPES,
  type ApplicationEventType,
} from '../../../domain/certification/application.events';
import {
  APPLICATION_STATES,
  type ApplicationState,
} from '../../../domain/certification/application.machines';
import { TIERS, type Tier } from '../../../domain/certification/tier';
import { PageQueryDto } from '../../../infra/pagination/pagination';
import { IsRegionCode } from '../../../infra/validation/validators';
import { APPLICATION_EVENT_DATA, IsEventData } from './event-data.dto';
import { FactsDto } from './facts.dto';

export class CreateApplicationDto {
  @IsUUID() enterpriseId!: string;

  @ApiProperty({ enum: TIERS })
  @IsIn(TIERS)
  tier!: Tier;

  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => FactsDto)
  facts!: FactsDto;

  @IsOptional() @IsUUID() callId?: string;
}

export class UpdateApplicationDto {
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => FactsDto)
  facts!: FactsDto;
}

// Events the HTTP API accepts. deadline.expired and eligibility.lapse are the system's;
// objection.file comes from the public objections endpoint; deadlines move by PATCH /timers (whose
// bounds hold), never by an event sent here.
const NOT_FROM_THE_API: readonly string[] = [
  'deadline.expired',
  'eligibility.lapse',
  'objection.file',
  'deadline.reschedule',
];
export const API_EVENT_TYPES = APPLICATION_EVENT_TYPES.filter((t) => !NOT_FROM_THE_API.includes(t));

export class ApplicationEventDto {
  @ApiProperty({ enum: API_EVENT_TYPES })
  @IsIn(API_EVENT_TYPES, { message: 'type must be one of: $constraint1' })
  type!: ApplicationEventType;

  @IsOptional() @IsString() @MinLength(1) @MaxLength(4000) comment?: string;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(1000, { each: true })
  reasons?: string[];

  /** The event's own data (see APPLICATION_EVENT_DATA); events without a schema take none. */
  @ApiProperty({ required: false, type: Object })
  @IsOptional()
  @IsObject()
  @IsEventData(APPLICATION_EVENT_DATA)
  data?: Record<string, unknown>;
}

export class ListApplicationsQueryDto extends PageQueryDto {
  @ApiProperty({ enum: TIERS, required: false })
  @IsOptional()
  @IsIn(TIERS)
  tier?: Tier;

  @ApiProperty({ enum: APPLICATION_STATES, required: false })
  @IsOptional()
  @IsIn(APPLICATION_STATES)
  state?: ApplicationState;

  @IsOptional() @IsRegionCode() regionCode?: string;

  @IsOptional() @IsUUID() enterpriseId?: string;
}
