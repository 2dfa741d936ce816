import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { TIERS, type Tier } from '../../../domain/certification/tier';
import { RULE_SETS, type RuleSetId } from '../../../domain/scoring/assessment';
import { PageQueryDto } from '../../../infra/pagination/pagination';
import { IsIsoInstant, IsRegionCode } from '../../../infra/validation/validators';
import type { CallRecord } from '../../../domain/certification/calls';

export class CreateCallDto {
  @ApiProperty({ enum: TIERS }) @IsIn(TIERS) tier!: Tier;

  /** A province code; omitted for a national call (MIIT's little-giant call). */
  @ApiProperty({ required: false, example: '130000' })
  @IsOptional()
  @IsRegionCode()
  regionCode?: string;

  @IsInt() @Min(2000) @Max(2100) year!: number;

  @ApiProperty({ example: '2026-04-25T00:00:00.000Z' }) @IsIsoInstant() opensAt!: string;
  @ApiProperty({ example: '2026-05-25T16:00:00.000Z' }) @IsIsoInstant() closesAt!: string;

  @ApiProperty({ enum: RULE_SETS, required: false })
  @IsOptional()
  @IsIn(RULE_SETS)
  ruleSet?: RuleSetId;

  /** §5.3: the notice length of this call, 5–7 working days by province. */
  @IsOptional() @IsInt() @Min(5) @Max(7) noticeWorkingDays?: number;
}

export class ListCallsQueryDto extends PageQueryDto {
  @ApiProperty({ enum: TIERS, required: false }) @IsOptional() @IsIn(TIERS) tier?: Tier;

  @ApiProperty({ required: false, type: Boolean })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    value === 'true' ? true : value === 'false' ? false : value,
  )
  @IsBoolean()
  open?: boolean;
}

export type CallView = {
  id: string;
  tier: string;
  regionCode?: string;
  year: number;
  opensAt: string;
  closesAt: string;
  ruleSet?: string;
  noticeWorkingDays?: number;
  createdAt: string;
};

export const toCallView = (c: CallRecord): CallView => ({
  id: c.id,
  tier: c.tier,
  ...(c.regionCode ? { regionCode: c.regionCode } : {}),
  year: Number(c.year),
  opensAt: c.opensAt,
  closesAt: c.closesAt,
  ...(c.ruleSet ? { ruleSet: c.ruleSet } : {}),
  ...(c.noticeWorkingDays !== null ? { noticeWorkingDays: Number(c.noticeWorkingDays) } : {}),
  createdAt: c.createdAt,
});
