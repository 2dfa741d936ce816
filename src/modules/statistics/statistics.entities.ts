// The statistics area's tables: the projection of the audit log (applications, stage visits,
// certificates, overdue annual updates, and how far the log has been read), the targets, and the
// industrial clusters with their members. Only statistics.repository.ts names them in SQL.
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { TimestampColumn } from '../../infra/persistence/columns';

@Entity({ name: 'stat_cursor' })
export class StatCursorEntity {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  name!: string;

  /** The last audit event folded into the projection. */
  @Column({ name: 'last_seq', type: 'integer' })
  lastSeq!: number;
}

@Entity({ name: 'stat_applications' })
export class StatApplicationEntity {
  @PrimaryColumn({ name: 'application_id', type: 'varchar', length: 36 })
  applicationId!: string;

  @Column({ name: 'enterprise_id', type: 'varchar', length: 36 })
  enterpriseId!: string;

  @Column({ name: 'region_code', type: 'varchar', length: 6 })
  regionCode!: string;

  @Column({ type: 'varchar', length: 32 })
  tier!: string;

  /** 1 for a re-review (a renewal, not a new title), else 0. */
  @Column({ name: 're_review', type: 'integer' })
  reReview!: number;

  @TimestampColumn({ name: 'created_at' })
  createdAt!: string;

  @Column({ name: 'created_year', type: 'integer' })
  createdYear!: number;

  @Column({ type: 'varchar', length: 32 })
  state!: string;

  @TimestampColumn({ name: 'submitted_at', nullable: true })
  submittedAt!: string | null;

  @TimestampColumn({ name: 'recommended_at', nullable: true })
  recommendedAt!: string | null;

  @TimestampColumn({ name: 'noticed_at', nullable: true })
  noticedAt!: string | null;

  @TimestampColumn({ name: 'certified_at', nullable: true })
  certifiedAt!: string | null;

  @Column({ name: 'certified_year', type: 'integer', nullable: true })
  certifiedYear!: number | null;

  @Column({ type: 'integer' })
  returned!: number;

  @Column({ type: 'integer' })
  objected!: number;

  @Column({ type: 'varchar', length: 16, nullable: true })
  stage!: string | null;

  @TimestampColumn({ name: 'stage_entered_at', nullable: true })
  stageEnteredAt!: string | null;

  @Column({ name: 'stage_entered_seq', type: 'integer', nullable: true })
  stageEnteredSeq!: number | null;
}

/**
 * Counters per year, county and tier: `state:<state>` and `funnel:<stage>` of the applications
 * created that year, `certified` (new titles certified that year), `revoked`, `overdue`, and
 * `liveValidTo` (titles in force whose validity ends that year; year 0: `cert:<status>` now).
 * Maintained by the projector, so that a statistic reads a few hundred rows whatever the volume;
 * the index holds `n` too (a statistic reads the index alone).
 */
@Entity({ name: 'stat_counters' })
@Index('ix_stat_counters_n', ['year', 'regionCode', 'tier', 'metric', 'n'])
export class StatCounterEntity {
  @PrimaryColumn({ type: 'integer' })
  year!: number;

  @PrimaryColumn({ name: 'region_code', type: 'varchar', length: 6 })
  regionCode!: string;

  @PrimaryColumn({ type: 'varchar', length: 32 })
  tier!: string;

  @PrimaryColumn({ type: 'varchar', length: 48 })
  metric!: string;

  @Column({ type: 'integer' })
  n!: number;
}

/**
 * A histogram of completed stage visits: how many lasted `days` working days, by year they ended.
 * The index holds `n` too, so that the over-the-limit counts are read from it alone.
 */
@Entity({ name: 'stat_stage_days' })
@Index('ix_stat_stage_days_n', ['year', 'regionCode', 'tier', 'stage', 'days', 'n'])
export class StatStageDaysEntity {
  @PrimaryColumn({ type: 'integer' })
  year!: number;

  @PrimaryColumn({ name: 'region_code', type: 'varchar', length: 6 })
  regionCode!: string;

  @PrimaryColumn({ type: 'varchar', length: 32 })
  tier!: string;

  @PrimaryColumn({ type: 'varchar', length: 16 })
  stage!: string;

  @PrimaryColumn({ type: 'integer' })
  days!: number;

  @Column({ type: 'integer' })
  n!: number;
}

/**
 * Each histogram of stat_stage_days summarised (its visits, nearest-rank median and 90th
 * percentile), refreshed by the projector with the histograms it changes: a statistic reads one
 * row per region, tier and stage rather than the histogram.
 */
@Entity({ name: 'stat_stage_summary' })
export class StatStageSummaryEntity {
  @PrimaryColumn({ type: 'integer' })
  year!: number;

  @PrimaryColumn({ name: 'region_code', type: 'varchar', length: 6 })
  regionCode!: string;

  @PrimaryColumn({ type: 'varchar', length: 32 })
  tier!: string;

  @PrimaryColumn({ type: 'varchar', length: 16 })
  stage!: string;

  @Column({ type: 'integer' })
  count!: number;

  @Column({ type: 'integer', nullable: true })
  p50!: number | null;

  @Column({ type: 'integer', nullable: true })
  p90!: number | null;
}

@Entity({ name: 'stat_certificates' })
@Index('ix_stat_certificates_enterprise', ['enterpriseId'])
export class StatCertificateEntity {
  @PrimaryColumn({ name: 'certificate_id', type: 'varchar', length: 36 })
  certificateId!: string;

  @Column({ name: 'enterprise_id', type: 'varchar', length: 36 })
  enterpriseId!: string;

  @Column({ name: 'region_code', type: 'varchar', length: 6 })
  regionCode!: string;

  @Column({ type: 'varchar', length: 32 })
  tier!: string;

  @Column({ name: 'application_id', type: 'varchar', length: 36, nullable: true })
  applicationId!: string | null;

  @Column({ type: 'varchar', length: 32 })
  status!: string;

  @TimestampColumn({ name: 'issued_at' })
  issuedAt!: string;

  @Column({ name: 'issued_year', type: 'integer' })
  issuedYear!: number;

  @Column({ name: 'valid_to', type: 'varchar', length: 10 })
  validTo!: string;

  @TimestampColumn({ name: 'revoked_at', nullable: true })
  revokedAt!: string | null;

  @Column({ name: 'revoked_year', type: 'integer', nullable: true })
  revokedYear!: number | null;
}

/** The number of new titles a region should reach in a year, per tier. */
@Entity({ name: 'targets' })
export class TargetEntity {
  @PrimaryColumn({ type: 'integer' })
  year!: number;

  @PrimaryColumn({ type: 'varchar', length: 32 })
  tier!: string;

  @PrimaryColumn({ name: 'region_code', type: 'varchar', length: 6 })
  regionCode!: string;

  @Column({ type: 'integer' })
  count!: number;

  @Column({ name: 'set_by', type: 'varchar', length: 64 })
  setBy!: string;

  @TimestampColumn({ name: 'set_at' })
  setAt!: string;

  @Column({ type: 'integer' })
  version!: number;
}

/** An industrial cluster: a named group of enterprises within a region. */
@Entity({ name: 'clusters' })
@Index('uq_clusters_region_name', ['regionCode', 'name'], { unique: true })
export class ClusterEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ name: 'region_code', type: 'varchar', length: 6 })
  regionCode!: string;

  @Column({ type: 'varchar', length: 100, nullable: true })
  industry!: string | null;

  @Column({ name: 'created_by', type: 'varchar', length: 64 })
  createdBy!: string;

  @TimestampColumn({ name: 'created_at' })
  createdAt!: string;
}

@Entity({ name: 'cluster_members' })
@Index('ix_cluster_members_enterprise', ['enterpriseId'])
export class ClusterMemberEntity {
  @PrimaryColumn({ name: 'cluster_id', type: 'varchar', length: 36 })
  clusterId!: string;

  @PrimaryColumn({ name: 'enterprise_id', type: 'varchar', length: 36 })
  enterpriseId!: string;

  /** 1 for a leader (领跑者) enterprise of the cluster, else 0. */
  @Column({ type: 'integer' })
  leader!: number;

  @Column({ name: 'decided_by', type: 'varchar', length: 64 })
  decidedBy!: string;

  @TimestampColumn({ name: 'joined_at' })
  joinedAt!: string;
}
