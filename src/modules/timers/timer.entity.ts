import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { JsonColumn, TimestampColumn } from '../../infra/persistence/columns';

export type TimerStatus = 'pending' | 'fired' | 'cancelled';

/** A durable deadline: written in the transaction that opens it, fired later by the scheduler. */
@Entity({ name: 'timers' })
@Index('ix_timers_due', ['status', 'dueAt'])
@Index('ix_timers_subject', ['subjectType', 'subjectId', 'status'])
export class TimerEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'subject_type', type: 'varchar', length: 32 })
  subjectType!: string;

  @Column({ name: 'subject_id', type: 'varchar', length: 36 })
  subjectId!: string;

  @Column({ type: 'varchar', length: 64 })
  event!: string;

  @Column({ type: 'varchar', length: 32 })
  purpose!: string;

  @TimestampColumn({ name: 'due_at' })
  dueAt!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: TimerStatus;

  @TimestampColumn({ name: 'fired_at', nullable: true })
  firedAt!: string | null;

  @TimestampColumn({ name: 'cancelled_at', nullable: true })
  cancelledAt!: string | null;

  /** Lease of the scheduler instance that claimed it; an expired lease may be claimed again. */
  @TimestampColumn({ name: 'claimed_until', nullable: true })
  claimedUntil!: string | null;

  @Column({ name: 'claimed_by', type: 'varchar', length: 64, nullable: true })
  claimedBy!: string | null;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @JsonColumn({ nullable: true })
  data!: Record<string, unknown> | null;

  @TimestampColumn({ name: 'created_at' })
  createdAt!: string;
}
