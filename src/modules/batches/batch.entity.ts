import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { TimestampColumn } from '../../infra/persistence/columns';

/**
 * One batch operation (an event sent to many applications, or a machine migration): who started
 * it, its progress while it runs, and each item's outcome once it is done.
 */
@Entity({ name: 'batches' })
@Index('ix_batches_actor', ['actorId', 'createdAt'])
export class BatchEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  /** `events` (POST /applications/batch-events) or `migration` (a machine migration). */
  @Column({ type: 'varchar', length: 16 })
  kind!: string;

  /** The event sent, or `<workflow>@<from>-><to>` for a migration. */
  @Column({ type: 'varchar', length: 128 })
  operation!: string;

  @Column({ name: 'actor_id', type: 'varchar', length: 64 })
  actorId!: string;

  @Column({ type: 'boolean' })
  atomic!: boolean;

  /** `running`, `done`, or `rolledBack` (an atomic batch with a refused item). */
  @Column({ type: 'varchar', length: 16 })
  status!: string;

  @Column({ type: 'integer' })
  total!: number;

  @Column({ type: 'integer' })
  ok!: number;

  @Column({ type: 'integer' })
  refused!: number;

  /** JSON: the request's parameters (ids or filter, comment; from and to for a migration). */
  @Column({ type: 'text', nullable: true })
  params!: string | null;

  /** JSON: each item's outcome, in the request's order; written when the batch ends. */
  @Column({ type: 'text', nullable: true })
  items!: string | null;

  @Column({ name: 'request_id', type: 'varchar', length: 128, nullable: true })
  requestId!: string | null;

  @TimestampColumn({ name: 'created_at' })
  createdAt!: string;

  @TimestampColumn({ name: 'updated_at' })
  updatedAt!: string;

  @TimestampColumn({ name: 'finished_at', nullable: true })
  finishedAt!: string | null;
}
