import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { TIERS, type Tier } from '../../../domain/certification/tier';
import type {
  ClusterMemberRecord,
  ClusterRecord,
  TargetRecord,
} from '../../../domain/statistics/targets-and-clusters';
import { PageQueryDto } from '../../../infra/pagination/pagination';
import { IsRegionCode } from '../../../infra/validation/validators';

export class TargetPathDto {
  @ApiProperty({ example: 2026 })
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year!: number;

  @ApiProperty({ enum: TIERS }) @IsIn(TIERS) tier!: Tier;

  @ApiProperty({ example: '130100' }) @IsRegionCode() regionCode!: string;
}

export class SetTargetDto {
  @ApiProperty({ example: 120 }) @IsInt() @Min(0) @Max(10_000_000) count!: number;
}

export class ListTargetsQueryDto extends PageQueryDto {
  @ApiProperty({ required: false, example: 2026 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year?: number;

  @ApiProperty({ required: false }) @IsOptional() @IsRegionCode() regionCode?: string;
}

export class CreateClusterDto {
  @ApiProperty({ example: '临西县轴承产业集群' })
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  @Matches(/\S/)
  name!: string;

  @ApiProperty({ example: '130535' }) @IsRegionCode() regionCode!: string;

  @ApiProperty({ required: false, example: 'bearings' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  industry?: string;
}

export class JoinClusterDto {
  @ApiProperty() @IsUUID() enterpriseId!: string;
  @ApiProperty({ required: false, default: false }) @IsOptional() @IsBoolean() leader?: boolean;
}

export class ListClustersQueryDto extends PageQueryDto {
  @ApiProperty({ required: false }) @IsOptional() @IsRegionCode() regionCode?: string;
}

export class ClusterStatisticsQueryDto {
  @ApiProperty({ example: 2026 })
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year!: number;
}

export type TargetView = {
  year: number;
  tier: Tier;
  regionCode: string;
  count: number;
  setBy: string;
  setAt: string;
  version: number;
};

export const toTargetView = (t: TargetRecord): TargetView => ({
  year: t.year,
  tier: t.tier,
  regionCode: t.regionCode,
  count: t.count,
  setBy: t.setBy,
  setAt: t.setAt,
  version: t.version,
});

export type ClusterView = {
  id: string;
  name: string;
  regionCode: string;
  industry?: string;
  createdBy: string;
  createdAt: string;
};

export const toClusterView = (c: ClusterRecord): ClusterView => ({
  id: c.id,
  name: c.name,
  regionCode: c.regionCode,
  ...(c.industry !== null ? { industry: c.industry } : {}),
  createdBy: c.createdBy,
  createdAt: c.createdAt,
});

export type ClusterMemberView = {
  clusterId: string;
  enterpriseId: string;
  leader: boolean;
  decidedBy: string;
  joinedAt: string;
};

export const toMemberView = (m: ClusterMemberRecord): ClusterMemberView => ({
  clusterId: m.clusterId,
  enterpriseId: m.enterpriseId,
  leader: m.leader,
  decidedBy: m.decidedBy,
  joinedAt: m.joinedAt,
});
