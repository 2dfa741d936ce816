import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { TimestampColumn } from '../persistence/columns';

/** The first response to a mutating request sent with an Idempotency-Key. */
@Entity({ name: 'idempotency_keys' })
@Index('ix_idempotency_created', ['createdAt'])
export class IdempotencyKeyEntity {
  /** Who sent it: the user id, or the client address for anonymous requests. */
  @PrimaryColumn({ type: 'varchar', length: 80 })
  scope!: string;

  @PrimaryColumn({ name: 'idempotency_key', type: 'varchar', length: 255 })
  idempotencyKey!: string;

  /** sha256 of method, path and canonical body: the same key with another request is refused. */
  @Column({ name: 'request_hash', type: 'varchar', length: 64 })
  requestHash!: string;

  /** Null while the first request is still being processed. */
  @Column({ type: 'integer', nullable: true })
  status!: number | null;

  @Column({ type: 'text', nullable: true })
  response!: string | null;

  @TimestampColumn({ name: 'created_at' })
  createdAt!: string;
}
