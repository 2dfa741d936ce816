import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { Tier } from '../../domain/certification/tier';
import type {
  ApplicationState,
  PersistedApplicationSnapshot,
} from '../../domain/certification/application.machines';
import type { FactConfirmations, Facts } from '../../domain/certification/facts';
import type { ApplicationRecord } from '../../domain/certification/records';
import type { Assessment, RuleSetId } from '../../domain/scoring/assessment';
import { JsonColumn, TimestampColumn } from '../../infra/persistence/columns';

@Entity({ name: 'applications' })
@Index('ix_applications_region_state', ['regionCode', 'state', 'id'])
@Index('ix_applications_enterprise', ['enterpriseId', 'id'])
@Index('ix_applications_state', ['state', 'id'])
@Index('uq_applications_open_per_tier', ['enterpriseId', 'tier'], {
  unique: true,
  where: "state NOT IN ('certified', 'rejected', 'withdrawn')",
})
export class ApplicationEntity implements ApplicationRecord {
  /** UUIDv7: time-ordered, so it doubles as the keyset-pagination key. */
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'enterprise_id', type: 'varchar', length: 36 })
  enterpriseId!: string;

  /** The enterprise's region when the application was made: the reviewers' jurisdiction key. */
  @Column({ name: 'region_code', type: 'varchar', length: 6 })
  regionCode!: string;

  @Column({ type: 'varchar', length: 32 })
  tier!: Tier;

  @Column({ type: 'varchar', length: 32 })
  state!: ApplicationState;

  /** Optimistic concurrency: every change bumps it; a write with a stale value is refused. */
  @Column({ type: 'integer' })
  version!: number;

  @Column({ name: 'rule_set', type: 'varchar', length: 16 })
  ruleSet!: RuleSetId;

  @Column({ name: 'machine_id', type: 'varchar', length: 64 })
  machineId!: string;

  @Column({ name: 'machine_version', type: 'integer' })
  machineVersion!: number;

  @JsonColumn()
  snapshot!: PersistedApplicationSnapshot;

  @JsonColumn()
  facts!: Facts;

  /** sha256 of the canonical JSON of `facts`, cited by every decision's audit event. */
  @Column({ name: 'facts_hash', type: 'varchar', length: 64, nullable: true })
  factsHash!: string | null;

  @JsonColumn({ nullable: true })
  assessment!: Assessment | null;

  /** What the experts and the authority confirmed (security review M10). */
  @JsonColumn({ name: 'confirmed_facts', nullable: true })
  confirmedFacts!: FactConfirmations | null;

  @Column({ name: 'call_id', type: 'varchar', length: 36, nullable: true })
  callId!: string | null;

  @Column({ name: 'certificate_id', type: 'varchar', length: 36, nullable: true })
  certificateId!: string | null;

  /** For a re-review: the certificate it renews. */
  @Column({ name: 're_review_of', type: 'varchar', length: 36, nullable: true })
  reReviewOf!: string | null;

  @TimestampColumn({ name: 'created_at' })
  createdAt!: string;

  @TimestampColumn({ name: 'updated_at' })
  updatedAt!: string;
}
