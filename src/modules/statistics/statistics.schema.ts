import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { TIERS } from '../../domain/certification/tier';

export class TargetSchema {
  @ApiProperty({ type: 'integer', example: 2026 }) year!: number;
  @ApiProperty({ enum: TIERS }) tier!: string;
  @ApiProperty({ example: '130000' }) regionCode!: string;
  @ApiProperty({ type: 'integer', example: 1000 }) count!: number;
  @ApiProperty() setBy!: string;
  @ApiProperty({ format: 'date-time' }) setAt!: string;
  @ApiProperty({ type: 'integer' }) version!: number;
}

export class ClusterSchema {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'Xingtai bearing cluster' }) name!: string;
  @ApiProperty({ example: '130500' }) regionCode!: string;
  @ApiPropertyOptional() industry?: string;
  @ApiProperty() createdBy!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class ClusterMemberSchema {
  @ApiProperty({ format: 'uuid' }) clusterId!: string;
  @ApiProperty({ format: 'uuid' }) enterpriseId!: string;
  @ApiProperty({ description: 'A leader enterprise of the cluster' }) leader!: boolean;
  @ApiProperty() decidedBy!: string;
  @ApiProperty({ format: 'date-time' }) joinedAt!: string;
  @ApiPropertyOptional({ description: "The enterprise's name" }) name?: string;
}

export class ClusterDetailSchema extends ClusterSchema {
  @ApiProperty({ type: [ClusterMemberSchema] }) members!: ClusterMemberSchema[];
}

export class CountSchema {
  @ApiProperty() stage!: string;
  @ApiProperty({ type: 'integer' }) count!: number;
}

export class DropOutSchema {
  @ApiProperty({ enum: ['returned', 'rejected', 'withdrawn', 'objected'] }) reason!: string;
  @ApiProperty({ type: 'integer' }) count!: number;
}

export class StageDaysSchema {
  @ApiProperty({ example: 'localReview' }) stage!: string;
  @ApiProperty({ type: 'integer' }) count!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Median, in working days' })
  p50!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: '90th percentile, in working days' })
  p90!: number | null;
  @ApiProperty({ type: 'integer', description: 'How many went over the statutory limit' })
  overLimit!: number;
  @ApiProperty({ type: 'integer', description: 'The limit, in working days' }) limit!: number;
}

export class CertificateCountsSchema {
  @ApiProperty({ type: 'integer' }) active!: number;
  @ApiProperty({ type: 'integer' }) expiringThisYear!: number;
  @ApiProperty({ type: 'integer' }) revoked!: number;
  @ApiProperty({ type: 'integer' }) revokedThisYear!: number;
}

export class TierProgressSchema {
  @ApiProperty({ enum: TIERS }) tier!: string;
  @ApiPropertyOptional({ type: 'integer' }) target?: number;
  @ApiPropertyOptional({
    type: 'integer',
    description: 'The targets of the regions directly under this one (compared, not added in)',
  })
  childTargets?: number;
  @ApiProperty({ type: 'integer' }) certified!: number;
  @ApiPropertyOptional({ description: 'certified / target' }) share?: number;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    description: 'Applications by state',
  })
  byState!: Record<string, number>;
  @ApiProperty({ type: [CountSchema] }) funnel!: CountSchema[];
  @ApiProperty({ type: [DropOutSchema] }) dropOuts!: DropOutSchema[];
  @ApiProperty({ type: [StageDaysSchema] }) stageDays!: StageDaysSchema[];
  @ApiProperty({ type: CertificateCountsSchema }) certificates!: CertificateCountsSchema;
  @ApiProperty({ type: 'integer' }) annualUpdatesOverdue!: number;
}

export class RegionProgressSchema {
  @ApiProperty({ type: String, nullable: true }) regionCode!: string | null;
  @ApiProperty() name!: string;
  @ApiProperty({ type: [TierProgressSchema] }) tiers!: TierProgressSchema[];
}

/** A year's progress of a region against its targets, per tier, and of each region under it. */
export class ProgressSchema {
  @ApiProperty({ type: 'integer' }) year!: number;
  @ApiProperty({ type: String, nullable: true, description: 'null: the whole country' })
  regionCode!: string | null;
  @ApiProperty() name!: string;
  @ApiProperty({ type: [TierProgressSchema] }) tiers!: TierProgressSchema[];
  @ApiProperty({ type: [RegionProgressSchema] }) children!: RegionProgressSchema[];
}

export class ClusterTierSchema {
  @ApiProperty({
    enum: TIERS,
    nullable: true,
    description: 'The highest title in force; null: members without one',
  })
  tier!: string | null;
  @ApiProperty({ type: 'integer' }) members!: number;
}

export class LeaderTitleSchema {
  @ApiProperty({ format: 'uuid' }) certificateId!: string;
  @ApiProperty({ enum: TIERS }) tier!: string;
  @ApiProperty({ example: 'active' }) status!: string;
  @ApiProperty({ format: 'date' }) validTo!: string;
}

export class ClusterLeaderSchema {
  @ApiProperty({ format: 'uuid' }) enterpriseId!: string;
  @ApiProperty({ type: String, nullable: true }) name!: string | null;
  @ApiProperty({ type: [LeaderTitleSchema], description: 'Its titles in force' })
  titles!: LeaderTitleSchema[];
}

export class ProgressionSchema {
  @ApiProperty({ format: 'uuid' }) enterpriseId!: string;
  @ApiProperty({ type: String, nullable: true }) name!: string | null;
  @ApiProperty({ enum: TIERS, description: 'The tier it reached' }) tier!: string;
  @ApiProperty({
    enum: TIERS,
    nullable: true,
    description: 'The highest tier it held before; null: it entered the ladder',
  })
  from!: string | null;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

/** A cluster in a year: members by their highest title, leaders' titles, progressions. */
export class ClusterStatisticsSchema extends ClusterSchema {
  @ApiProperty({ type: 'integer' }) year!: number;
  @ApiProperty({ type: 'integer' }) members!: number;
  @ApiProperty({ type: 'integer' }) leaders!: number;
  @ApiProperty({ type: [ClusterTierSchema] }) tiers!: ClusterTierSchema[];
  @ApiProperty({ type: [ClusterLeaderSchema] }) leaderTitles!: ClusterLeaderSchema[];
  @ApiProperty({ type: 'integer', description: 'Members that moved up a tier in the year' })
  progressed!: number;
  @ApiProperty({ type: [ProgressionSchema] }) progressions!: ProgressionSchema[];
}
