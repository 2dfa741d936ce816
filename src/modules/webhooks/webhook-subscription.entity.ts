import { Column, Entity, PrimaryColumn } from 'typeorm';
import { TimestampColumn } from '../../infra/persistence/columns';

/** A webhook subscription: where to POST which events, and the secret they are signed with. */
@Entity({ name: 'webhook_subscriptions' })
export class WebhookSubscriptionEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 2048 })
  url!: string;

  /** JSON array of exact types or prefixes ending in `*`. */
  @Column({ type: 'text' })
  events!: string;

  @Column({ type: 'text', nullable: true })
  tiers!: string | null;

  @Column({ name: 'region_code', type: 'varchar', length: 6, nullable: true })
  regionCode!: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  description!: string | null;

  @Column({ type: 'varchar', length: 64 })
  secret!: string;

  @Column({ type: 'boolean' })
  disabled!: boolean;

  @Column({ name: 'created_by', type: 'varchar', length: 36 })
  createdBy!: string;

  @TimestampColumn({ name: 'created_at' })
  createdAt!: string;

  @TimestampColumn({ name: 'updated_at' })
  updatedAt!: string;
}
