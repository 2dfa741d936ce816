import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { TIERS } from '../../domain/certification/tier';
import { RULE_SETS } from '../../domain/scoring/assessment';

/** A call for applications: a tier, a region, a year and its window. */
export class CallSchema {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: TIERS }) tier!: string;
  @ApiPropertyOptional({ example: '130000' }) regionCode?: string;
  @ApiProperty({ type: 'integer', example: 2026 }) year!: number;
  @ApiProperty({ format: 'date-time' }) opensAt!: string;
  @ApiProperty({ format: 'date-time' }) closesAt!: string;
  @ApiPropertyOptional({ enum: RULE_SETS }) ruleSet?: string;
  @ApiPropertyOptional({ type: 'integer' }) noticeWorkingDays?: number;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}
