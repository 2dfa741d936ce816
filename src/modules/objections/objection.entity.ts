import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { ObjectionRecord, ObjectionStatus } from '../../domain/certification/records';
import { TimestampColumn } from '../../infra/persistence/columns';

/** A real-name objection filed during a public notice (§5.3 step 4). */
@Entity({ name: 'objections' })
@Index('ix_objections_application', ['applicationId', 'status'])
export class ObjectionEntity implements ObjectionRecord {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'application_id', type: 'varchar', length: 36 })
  applicationId!: string;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  /** Personal data: kept here for the authority, never logged, not copied into the audit log. */
  @Column({ type: 'varchar', length: 200 })
  contact!: string;

  @Column({ type: 'text' })
  reason!: string;

  @Column({ type: 'text', nullable: true })
  evidence!: string | null;

  @Column({ type: 'varchar', length: 16 })
  status!: ObjectionStatus;

  @TimestampColumn({ name: 'created_at' })
  createdAt!: string;

  @TimestampColumn({ name: 'decided_at', nullable: true })
  decidedAt!: string | null;
}
