import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { Tier } from '../../domain/certification/tier';
import type {
  CertificateState,
  PersistedCertificateSnapshot,
} from '../../domain/certification/certificate.workflow';
import type { CertificateRecord } from '../../domain/certification/records';
import { DateColumn, JsonColumn, TimestampColumn } from '../../infra/persistence/columns';

/** A title held by an enterprise, with its own lifecycle machine (§7.2). */
@Entity({ name: 'certificates' })
@Index('ix_certificates_enterprise', ['enterpriseId', 'tier'])
@Index('ix_certificates_region_status', ['regionCode', 'status', 'id'])
@Index('ix_certificates_status_valid_to', ['status', 'validTo'])
export class CertificateEntity implements CertificateRecord {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'enterprise_id', type: 'varchar', length: 36 })
  enterpriseId!: string;

  @Column({ name: 'region_code', type: 'varchar', length: 6 })
  regionCode!: string;

  @Column({ type: 'varchar', length: 32 })
  tier!: Tier;

  @Column({ type: 'varchar', length: 32 })
  status!: CertificateState;

  @Column({ type: 'integer' })
  version!: number;

  @Column({ name: 'application_id', type: 'varchar', length: 36 })
  applicationId!: string;

  @DateColumn({ name: 'valid_from' })
  validFrom!: string;

  @DateColumn({ name: 'valid_to' })
  validTo!: string;

  @DateColumn({ name: 'bar_until', nullable: true })
  barUntil!: string | null;

  @Column({ name: 'machine_id', type: 'varchar', length: 64 })
  machineId!: string;

  @Column({ name: 'machine_version', type: 'integer' })
  machineVersion!: number;

  @JsonColumn()
  snapshot!: PersistedCertificateSnapshot;

  @TimestampColumn({ name: 'created_at' })
  createdAt!: string;

  @TimestampColumn({ name: 'updated_at' })
  updatedAt!: string;
}
