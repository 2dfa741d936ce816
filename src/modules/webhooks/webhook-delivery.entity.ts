import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { TimestampColumn } from '../../infra/persistence/columns';

/** One event for one subscription: its attempts, until delivered or dead. */
@Entity({ name: 'webhook_deliveries' })
@Index('ix_deliveries_due', ['status', 'nextAttemptAt'])
@Index('ix_deliveries_lane', ['subscriptionId', 'subjectId', 'eventSeq'])
@Index('ux_deliveries_event', ['subscriptionId', 'eventId'], { unique: true })
export class WebhookDeliveryEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'subscription_id', type: 'varchar', length: 36 })
  subscriptionId!: string;

  @Column({ name: 'event_id', type: 'varchar', length: 36 })
  eventId!: string;

  @Column({ name: 'event_type', type: 'varchar', length: 128 })
  eventType!: string;

  @Column({ name: 'event_seq', type: 'integer' })
  eventSeq!: number;

  @Column({ name: 'event_idx', type: 'integer' })
  eventIdx!: number;

  @Column({ name: 'subject_id', type: 'varchar', length: 36 })
  subjectId!: string;

  /** The exact JSON body sent (and signed) on every attempt. */
  @Column({ type: 'text' })
  payload!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: string;

  @Column({ type: 'integer', default: 0 })
  attempt!: number;

  @TimestampColumn({ name: 'next_attempt_at', nullable: true })
  nextAttemptAt!: string | null;

  @TimestampColumn({ name: 'claimed_until', nullable: true })
  claimedUntil!: string | null;

  @Column({ name: 'response_status', type: 'integer', nullable: true })
  responseStatus!: number | null;

  @Column({ name: 'latency_ms', type: 'integer', nullable: true })
  latencyMs!: number | null;

  @Column({ name: 'last_error', type: 'varchar', length: 500, nullable: true })
  lastError!: string | null;

  /** JSON array of every attempt: { attempt, at, responseStatus?, latencyMs, error? }. */
  @Column({ type: 'text' })
  attempts!: string;

  @TimestampColumn({ name: 'created_at' })
  createdAt!: string;

  @TimestampColumn({ name: 'delivered_at', nullable: true })
  deliveredAt!: string | null;
}
