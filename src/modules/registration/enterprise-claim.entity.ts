import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { JsonColumn, TimestampColumn } from '../../infra/persistence/columns';
import type { ClaimStatus, EnterpriseClaimRecord } from './enterprise-claim.record';

@Entity({ name: 'enterprise_claims' })
@Index('ix_enterprise_claims_region', ['regionCode', 'status', 'id'])
@Index('ix_enterprise_claims_enterprise', ['enterpriseId'])
export class EnterpriseClaimEntity implements EnterpriseClaimRecord {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'enterprise_id', type: 'varchar', length: 36 })
  enterpriseId!: string;

  @Column({ name: 'region_code', type: 'varchar', length: 6 })
  regionCode!: string;

  @Column({ name: 'credit_code', type: 'varchar', length: 18 })
  creditCode!: string;

  @Column({ name: 'claimant_name', type: 'varchar', length: 100 })
  claimantName!: string;

  @Column({ name: 'claimant_contact', type: 'varchar', length: 200 })
  claimantContact!: string;

  @Column({ type: 'text' })
  statement!: string;

  @Column({ type: 'varchar', length: 64 })
  username!: string;

  @Column({ name: 'password_hash', type: 'varchar', length: 255 })
  passwordHash!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: ClaimStatus;

  @TimestampColumn({ name: 'created_at' })
  createdAt!: string;

  @TimestampColumn({ name: 'decided_at', nullable: true })
  decidedAt!: string | null;

  @Column({ name: 'decided_by', type: 'varchar', length: 36, nullable: true })
  decidedBy!: string | null;

  @JsonColumn({ nullable: true })
  reasons!: string[] | null;
}
