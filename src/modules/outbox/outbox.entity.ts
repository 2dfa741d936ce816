import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { TimestampColumn } from '../../infra/persistence/columns';

/**
 * The transactional outbox: one row per domain event, written in the transaction of the transition
 * that caused it; the relay dispatches rows in (seq, idx) order and marks them.
 */
@Entity({ name: 'outbox' })
@Index('ux_outbox_position', ['seq', 'idx'], { unique: true })
@Index('ix_outbox_pending', ['dispatchedAt', 'seq'])
@Index('ix_outbox_subject', ['subjectId', 'seq'])
export class OutboxEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  /** The seq of the transition's audit event: commit order (the chain is appended under a lock). */
  @Column({ type: 'integer' })
  seq!: number;

  /** Position among the events of one transition. */
  @Column({ type: 'integer' })
  idx!: number;

  @Column({ type: 'varchar', length: 128 })
  type!: string;

  @Column({ name: 'subject_type', type: 'varchar', length: 32 })
  subjectType!: string;

  @Column({ name: 'subject_id', type: 'varchar', length: 36 })
  subjectId!: string;

  @Column({ type: 'text' })
  payload!: string;

  @TimestampColumn({ name: 'created_at' })
  createdAt!: string;

  @TimestampColumn({ name: 'dispatched_at', nullable: true })
  dispatchedAt!: string | null;
}
