import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { TimestampColumn } from '../../infra/persistence/columns';

/** One link of the global, append-only, hash-chained audit log. */
@Entity({ name: 'audit_events' })
@Index('ix_audit_subject', ['subjectType', 'subjectId', 'seq'])
@Index('ix_audit_enterprise', ['enterpriseId', 'seq'])
@Index('ix_audit_actor', ['actorId', 'seq'])
@Index('ix_audit_region', ['regionCode', 'seq'])
@Index('ix_audit_event', ['event', 'seq'])
@Index('ix_audit_at', ['at'])
export class AuditEventEntity {
  /** Global position in the chain; increases by exactly one per event. */
  @PrimaryColumn({ type: 'integer' })
  seq!: number;

  @TimestampColumn()
  at!: string;

  @Column({ name: 'actor_id', type: 'varchar', length: 64 })
  actorId!: string;

  @Column({ name: 'actor_role', type: 'varchar', length: 16 })
  actorRole!: string;

  @Column({ name: 'actor_level', type: 'varchar', length: 16, nullable: true })
  actorLevel!: string | null;

  @Column({ name: 'actor_region', type: 'varchar', length: 6, nullable: true })
  actorRegion!: string | null;

  @Column({ name: 'subject_type', type: 'varchar', length: 32 })
  subjectType!: string;

  @Column({ name: 'subject_id', type: 'varchar', length: 64 })
  subjectId!: string;

  @Column({ name: 'enterprise_id', type: 'varchar', length: 36, nullable: true })
  enterpriseId!: string | null;

  @Column({ name: 'region_code', type: 'varchar', length: 6, nullable: true })
  regionCode!: string | null;

  @Column({ type: 'varchar', length: 64 })
  event!: string;

  @Column({ name: 'from_state', type: 'varchar', length: 32, nullable: true })
  fromState!: string | null;

  @Column({ name: 'to_state', type: 'varchar', length: 32, nullable: true })
  toState!: string | null;

  @Column({ type: 'text', nullable: true })
  comment!: string | null;

  /** JSON text of the event's data; its canonical form (RFC 8785) is what is hashed. */
  @Column({ type: 'text', nullable: true })
  data!: string | null;

  @Column({ name: 'request_id', type: 'varchar', length: 128, nullable: true })
  requestId!: string | null;

  @Column({ name: 'prev_hash', type: 'varchar', length: 64 })
  prevHash!: string;

  @Column({ type: 'varchar', length: 64 })
  hash!: string;

  /** Keyed MAC of (seq, hash) (security review M9); null on events from before it existed. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  mac!: string | null;
}
