import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { TimestampColumn } from '../../infra/persistence/columns';

/** An enterprise's inbox entry, fed from the outbox; texts are rendered on read. */
@Entity({ name: 'notifications' })
@Index('ix_notifications_inbox', ['enterpriseId', 'id'])
@Index('ux_notifications_event', ['eventId'], { unique: true })
export class NotificationEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'enterprise_id', type: 'varchar', length: 36 })
  enterpriseId!: string;

  @Column({ type: 'varchar', length: 64 })
  type!: string;

  @Column({ name: 'subject_type', type: 'varchar', length: 32 })
  subjectType!: string;

  @Column({ name: 'subject_id', type: 'varchar', length: 36 })
  subjectId!: string;

  @Column({ type: 'text' })
  params!: string;

  @Column({ name: 'event_id', type: 'varchar', length: 36 })
  eventId!: string;

  @TimestampColumn({ name: 'created_at' })
  createdAt!: string;

  @TimestampColumn({ name: 'read_at', nullable: true })
  readAt!: string | null;
}
