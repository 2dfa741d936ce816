import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  AWARD_LEVELS,
  PRODUCT_FIELDS,
  RD_INSTITUTION_LEVELS,
  TITLES,
  type AwardLevel,
  type ProductField,
  type RdInstitutionLevel,
  type Title,
} from '../../../domain/certification/facts';
import { SECTORS, type Sector } from '../../../domain/certification/sectors';
import { IsCalendarDate } from '../../../infra/validation/validators';

// Money is integer yuan. 10^15 yuan is far beyond any SME and still exact in a double.
const MAX_MONEY = 1e15;
const MAX_COUNT = 10_000_000;
const Year = () => (target: object, key: string) => {
  IsInt()(target, key);
  Min(1949)(target, key);
  Max(2100)(target, key);
};
const Money =
  (min = 0) =>
  (target: object, key: string) => {
    IsOptional()(target, key);
    IsInt({ message: `${key} must be an integer amount of yuan` })(target, key);
    Min(min)(target, key);
    Max(MAX_MONEY)(target, key);
  };
const Count = () => (target: object, key: string) => {
  IsOptional()(target, key);
  IsInt()(target, key);
  Min(0)(target, key);
  Max(MAX_COUNT)(target, key);
};
const Percent = () => (target: object, key: string) => {
  IsOptional()(target, key);
  IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 6 })(target, key);
  Min(0)(target, key);
  Max(100)(target, key);
};

export class FinancialYearDto {
  @Year() year!: number;
  @Money() operatingRevenue?: number;
  @Money() mainBusinessRevenue?: number;
  @Money() rdExpense?: number;
  @Money(-MAX_MONEY) netProfit?: number;
  @Money() totalAssets?: number;
  @Money() totalLiabilities?: number;
  @Count() employees?: number;
  @Count() rdEmployees?: number;
}

export class IpCountsDto {
  @Count() classI?: number;
  @Count() selfDevelopedClassI?: number;
  @Count() highValueClassI?: number;
  @Count() classIApplied?: number;
  @Count() classII?: number;
}

export class AwardDto {
  @ApiProperty({ enum: AWARD_LEVELS }) @IsIn(AWARD_LEVELS) level!: AwardLevel;
  @Year() year!: number;
  @IsInt() @Min(1) @Max(10_000) rank!: number;
}

export class EquityFinancingDto {
  @IsCalendarDate() date!: string;
  @IsInt() @Min(1) @Max(MAX_MONEY) amount!: number;
}

export class RankedYearDto {
  @Year() year!: number;
  @IsInt() @Min(1) @Max(100_000) rank!: number;
}

export class DevelopmentScoreDto {
  @Year() year!: number;
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 4 })
  @Min(0)
  @Max(100)
  score!: number;
}

export class QualityDto {
  @IsOptional() @IsBoolean() award?: boolean;
  @IsOptional() @IsBoolean() qualitySystemCertified?: boolean;
  @IsOptional() @IsBoolean() ownBrand?: boolean;
  @IsOptional() @IsBoolean() standardDrafting?: boolean;
}

export class EligibilityDto {
  @IsOptional() @IsBoolean() registeredInMainland?: boolean;
  @IsOptional() @IsBoolean() independentLegalPerson?: boolean;
  @IsOptional() @IsBoolean() abnormalOrDishonestListed?: boolean;
  @IsOptional() @IsBoolean() prohibitedProducts?: boolean;
  @IsOptional() @IsBoolean() majorIncidentLast3Years?: boolean;
}

/** The figures of an application or assessment (API.md "Facts"). Every field is optional. */
export class FactsDto {
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => FinancialYearDto)
  financials?: FinancialYearDto[];

  @ApiProperty({ enum: SECTORS, required: false })
  @IsOptional()
  @IsIn(SECTORS)
  sector?: Sector;

  @IsOptional() @IsCalendarDate() nicheMarketSince?: string;

  @IsOptional() @ValidateNested() @Type(() => IpCountsDto) ip?: IpCountsDto;

  @IsOptional() @IsBoolean() strategicEmergingIndustry?: boolean;

  @ApiProperty({ enum: PRODUCT_FIELDS, required: false })
  @IsOptional()
  @IsIn(PRODUCT_FIELDS)
  productField?: ProductField;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => AwardDto)
  awards?: AwardDto[];

  @ApiProperty({ enum: TITLES, isArray: true, required: false })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(TITLES.length)
  @IsIn(TITLES, { each: true })
  titles?: Title[];

  @ApiProperty({ enum: RD_INSTITUTION_LEVELS, required: false, nullable: true })
  @IsOptional()
  @IsIn(RD_INSTITUTION_LEVELS)
  rdInstitution?: RdInstitutionLevel | null;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => EquityFinancingDto)
  equityFinancing?: EquityFinancingDto[];

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => RankedYearDto)
  makerInChina?: RankedYearDto[];

  @ApiProperty({ enum: [1, 2, 3, 4], required: false })
  @IsOptional()
  @IsIn([1, 2, 3, 4])
  digitalLevel?: 1 | 2 | 3 | 4;

  @IsOptional() @ValidateNested() @Type(() => QualityDto) quality?: QualityDto;

  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(15)
  localFeaturePoints?: number;

  @Percent() nationalMarketShare?: number;

  @IsOptional() @IsInt() @Min(1) @Max(100_000) nationalMarketRank?: number | null;

  @Percent() internationalMarketShare?: number;

  @IsOptional() @IsBoolean() nicheMarketLeading?: boolean;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => DevelopmentScoreDto)
  developmentScores?: DevelopmentScoreDto[];

  @IsOptional() @IsBoolean() reReview?: boolean;
  @IsOptional() @IsBoolean() chainSupport?: boolean;
  @IsOptional() @IsBoolean() keyProductField?: boolean;

  @IsOptional() @ValidateNested() @Type(() => EligibilityDto) eligibility?: EligibilityDto;
}
