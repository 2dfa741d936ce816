import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { TimestampColumn } from '../../infra/persistence/columns';

/**
 * The transactional outbox: one row per domain event, written in the transaction of the transition
 * that caused it; the relay dispatches rows in (seq, idx) order and marks them. Keyed by that
 * position, with a partial index of the rows not dispatched yet: every transition writes here, so
 * the table carries no other index.
 */
@Entity({ name: 'outbox' })
@Index('ix_outbox_pending', ['seq', 'idx'], { where: 'dispatched_at IS NULL' })
export class OutboxEntity {
  /** The seq of the transition's audit event: commit order (the chain is appended under a lock). */
  @PrimaryColumn({ type: 'integer' })
  seq!: number;

  /** Position among the events of one transition. */
  @PrimaryColumn({ type: 'integer' })
  idx!: number;

  /** The event's id (UUIDv7), as webhooks, the broker and the inbox know it. */
  @Column({ type: 'varchar', length: 36 })
  id!: string;

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
