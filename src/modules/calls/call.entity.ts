import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { CallRecord } from '../../domain/certification/calls';
import type { Tier } from '../../domain/certification/tier';
import type { RuleSetId } from '../../domain/scoring/assessment';
import { TimestampColumn } from '../../infra/persistence/columns';

/** An application window of an authority for one tier and region (§0: the annual call). */
@Entity({ name: 'calls' })
@Index('ix_calls_tier_opens', ['tier', 'opensAt'])
export class CallEntity implements CallRecord {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 32 })
  tier!: Tier;

  /** A province (or null: national) whose enterprises the call covers. */
  @Column({ name: 'region_code', type: 'varchar', length: 6, nullable: true })
  regionCode!: string | null;

  @Column({ type: 'integer' })
  year!: number;

  @TimestampColumn({ name: 'opens_at' })
  opensAt!: string;

  @TimestampColumn({ name: 'closes_at' })
  closesAt!: string;

  @Column({ name: 'rule_set', type: 'varchar', length: 16, nullable: true })
  ruleSet!: RuleSetId | null;

  @Column({ name: 'notice_working_days', type: 'integer', nullable: true })
  noticeWorkingDays!: number | null;

  @Column({ name: 'created_by', type: 'varchar', length: 36 })
  createdBy!: string;

  @TimestampColumn({ name: 'created_at' })
  createdAt!: string;
}
