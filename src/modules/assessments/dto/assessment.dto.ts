import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsIn, IsObject, IsOptional, ValidateNested } from 'class-validator';
import { TIERS, type Tier } from '../../../domain/certification/tier';
import { RULE_SETS, type RuleSetId } from '../../../domain/scoring/assessment';
import { IsCalendarDate, IsRegionCode } from '../../../infra/validation/validators';
import { FactsDto } from '../../applications/dto/facts.dto';

export class AssessmentRequestDto {
  @ApiProperty({ enum: TIERS })
  @IsIn(TIERS)
  tier!: Tier;

  @ApiProperty({ enum: RULE_SETS, required: false })
  @IsOptional()
  @IsIn(RULE_SETS)
  ruleSet?: RuleSetId;

  @ApiProperty({ required: false, example: '2026-05-01' })
  @IsOptional()
  @IsCalendarDate()
  asOf?: string;

  /** Whose provincial rules apply (SN9, pass mark); default: the caller's enterprise or region. */
  @ApiProperty({ required: false, example: '130000' })
  @IsOptional()
  @IsRegionCode()
  regionCode?: string;

  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => FactsDto)
  facts!: FactsDto;
}
