import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { DateColumn, TimestampColumn } from '../../infra/persistence/columns';
import type { EnterpriseRecord } from './enterprise.record';

@Entity({ name: 'enterprises' })
export class EnterpriseEntity implements EnterpriseRecord {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Index('uq_enterprises_credit_code', { unique: true })
  @Column({ name: 'credit_code', type: 'varchar', length: 18 })
  creditCode!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Index('ix_enterprises_region_code')
  @Column({ name: 'region_code', type: 'varchar', length: 6 })
  regionCode!: string;

  @Column({ type: 'varchar', length: 32 })
  sector!: string;

  @DateColumn({ name: 'established_on' })
  establishedOn!: string;

  @TimestampColumn({ name: 'created_at' })
  createdAt!: string;

  @TimestampColumn({ name: 'updated_at' })
  updatedAt!: string;
}
