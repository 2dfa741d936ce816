import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { TIERS } from '../../domain/certification/tier';
import { RULE_SETS } from '../../domain/scoring/assessment';
import { MessageSchema } from '../../infra/http/openapi/common.schema';

export class IndicatorResultSchema {
  @ApiProperty({ example: 'rdIntensity' }) key!: string;
  @ApiProperty({
    nullable: true,
    oneOf: [{ type: 'number' }, { type: 'string' }, { type: 'boolean' }],
    description: 'The derived metric the band was chosen on; null when the fact is missing',
  })
  value!: number | string | boolean | null;
  @ApiProperty() points!: number;
  @ApiProperty() max!: number;
  @ApiProperty({ type: String, nullable: true, example: '3–5%' }) band!: string | null;
  @ApiPropertyOptional() detail?: string;
  @ApiPropertyOptional({ description: "The rule's name, in the request's language" })
  name?: string;
  @ApiPropertyOptional({ type: MessageSchema }) detailCode?: MessageSchema;
  @ApiPropertyOptional({ type: MessageSchema }) bandCode?: MessageSchema;
}

export class DimensionResultSchema {
  @ApiProperty({ example: 'innovation' }) key!: string;
  @ApiProperty() score!: number;
  @ApiProperty() max!: number;
  @ApiPropertyOptional() min?: number;
  @ApiPropertyOptional({ description: "The dimension's name, in the request's language" })
  name?: string;
  @ApiProperty({ type: [IndicatorResultSchema] }) indicators!: IndicatorResultSchema[];
}

export class ConditionResultSchema {
  @ApiProperty({ example: 'eligibility.registeredInMainland' }) key!: string;
  @ApiProperty() met!: boolean;
  @ApiProperty() detail!: string;
  @ApiPropertyOptional({ description: "The condition's name, in the request's language" })
  name?: string;
  @ApiPropertyOptional({ type: MessageSchema }) detailCode?: MessageSchema;
  @ApiPropertyOptional({
    type: 'array',
    items: { $ref: '#/components/schemas/ConditionResultSchema' },
    description: 'The sub-tests the condition is made of',
  })
  parts?: ConditionResultSchema[];
}

/** Why an enterprise passes or fails a tier: the dimensions, requirements and reasons. */
export class AssessmentSchema {
  @ApiProperty({ enum: TIERS }) tier!: string;
  @ApiProperty({ enum: RULE_SETS }) ruleSet!: string;
  @ApiProperty({ format: 'date' }) asOf!: string;
  @ApiProperty() eligible!: boolean;
  @ApiProperty({ enum: ['direct', 'score'], nullable: true, type: String }) route!: string | null;
  @ApiProperty({ type: Number, nullable: true }) score!: number | null;
  @ApiProperty({ type: Number, nullable: true }) passMark!: number | null;
  @ApiProperty({ type: [DimensionResultSchema] }) dimensions!: DimensionResultSchema[];
  @ApiProperty({ type: [ConditionResultSchema] }) directQualifications!: ConditionResultSchema[];
  @ApiProperty({ type: [ConditionResultSchema] }) requirements!: ConditionResultSchema[];
  @ApiProperty({ type: [String], description: "Why, in the request's language" })
  reasons!: string[];
  @ApiPropertyOptional({ type: [MessageSchema], description: 'The same reasons, language-neutral' })
  reasonCodes?: MessageSchema[];
}
