import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

const id = { name: 'id', type: 'varchar', length: '36', isPrimary: true };
const timestamp = (name: string, isNullable = false) => ({
  name,
  type: 'varchar',
  length: '24',
  isNullable,
});

/**
 * Issue 15: the transactional outbox (one row per domain event, written with the transition),
 * webhook subscriptions and their deliveries, and the enterprises' inbox.
 */
export class OutboxAndWebhooks1765200000000 implements MigrationInterface {
  name = 'OutboxAndWebhooks1765200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'outbox',
        columns: [
          id,
          { name: 'seq', type: 'integer' },
          { name: 'idx', type: 'integer' },
          { name: 'type', type: 'varchar', length: '128' },
          { name: 'subject_type', type: 'varchar', length: '32' },
          { name: 'subject_id', type: 'varchar', length: '36' },
          { name: 'payload', type: 'text' },
          timestamp('created_at'),
          timestamp('dispatched_at', true),
        ],
        indices: [
          new TableIndex({
            name: 'ux_outbox_position',
            columnNames: ['seq', 'idx'],
            isUnique: true,
          }),
          new TableIndex({ name: 'ix_outbox_pending', columnNames: ['dispatched_at', 'seq'] }),
          new TableIndex({ name: 'ix_outbox_subject', columnNames: ['subject_id', 'seq'] }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'webhook_subscriptions',
        columns: [
          id,
          { name: 'url', type: 'varchar', length: '2048' },
          { name: 'events', type: 'text' },
          { name: 'tiers', type: 'text', isNullable: true },
          { name: 'region_code', type: 'varchar', length: '6', isNullable: true },
          { name: 'description', type: 'varchar', length: '500', isNullable: true },
          { name: 'secret', type: 'varchar', length: '64' },
          { name: 'disabled', type: 'boolean' },
          { name: 'created_by', type: 'varchar', length: '36' },
          timestamp('created_at'),
          timestamp('updated_at'),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'webhook_deliveries',
        columns: [
          id,
          { name: 'subscription_id', type: 'varchar', length: '36' },
          { name: 'event_id', type: 'varchar', length: '36' },
          { name: 'event_type', type: 'varchar', length: '128' },
          { name: 'event_seq', type: 'integer' },
          { name: 'event_idx', type: 'integer' },
          { name: 'subject_id', type: 'varchar', length: '36' },
          { name: 'payload', type: 'text' },
          { name: 'status', type: 'varchar', length: '16' },
          { name: 'attempt', type: 'integer', default: 0 },
          timestamp('next_attempt_at', true),
          timestamp('claimed_until', true),
          { name: 'response_status', type: 'integer', isNullable: true },
          { name: 'latency_ms', type: 'integer', isNullable: true },
          { name: 'last_error', type: 'varchar', length: '500', isNullable: true },
          { name: 'attempts', type: 'text' },
          timestamp('created_at'),
          timestamp('delivered_at', true),
        ],
        indices: [
          new TableIndex({
            name: 'ix_deliveries_due',
            columnNames: ['status', 'next_attempt_at'],
          }),
          new TableIndex({
            name: 'ix_deliveries_lane',
            columnNames: ['subscription_id', 'subject_id', 'event_seq'],
          }),
          new TableIndex({
            name: 'ux_deliveries_event',
            columnNames: ['subscription_id', 'event_id'],
            isUnique: true,
          }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'notifications',
        columns: [
          id,
          { name: 'enterprise_id', type: 'varchar', length: '36' },
          { name: 'type', type: 'varchar', length: '64' },
          { name: 'subject_type', type: 'varchar', length: '32' },
          { name: 'subject_id', type: 'varchar', length: '36' },
          { name: 'params', type: 'text' },
          { name: 'event_id', type: 'varchar', length: '36' },
          timestamp('created_at'),
          timestamp('read_at', true),
        ],
        indices: [
          new TableIndex({ name: 'ix_notifications_inbox', columnNames: ['enterprise_id', 'id'] }),
          new TableIndex({
            name: 'ux_notifications_event',
            columnNames: ['event_id'],
            isUnique: true,
          }),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'notifications',
      'webhook_deliveries',
      'webhook_subscriptions',
      'outbox',
    ]) {
      await q.dropTable(table);
    }
  }
}
