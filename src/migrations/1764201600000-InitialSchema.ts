import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

const id = { name: 'id', type: 'varchar', length: '36', isPrimary: true };
const timestamp = (name: string, isNullable = false) => ({
  name,
  type: 'varchar',
  length: '24',
  isNullable,
});

export class InitialSchema1764201600000 implements MigrationInterface {
  name = 'InitialSchema1764201600000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'users',
        columns: [
          id,
          { name: 'username', type: 'varchar', length: '64' },
          { name: 'password_hash', type: 'varchar', length: '255' },
          { name: 'role', type: 'varchar', length: '16' },
          { name: 'enterprise_id', type: 'varchar', length: '36', isNullable: true },
          { name: 'jurisdiction_level', type: 'varchar', length: '16', isNullable: true },
          { name: 'region_code', type: 'varchar', length: '6', isNullable: true },
          { name: 'disabled', type: 'boolean' },
          { name: 'token_version', type: 'integer', default: 0 },
          timestamp('created_at'),
          timestamp('updated_at'),
        ],
        indices: [
          new TableIndex({ name: 'uq_users_username', columnNames: ['username'], isUnique: true }),
        ],
      }),
    );

    await q.createTable(
      new Table({
        name: 'enterprises',
        columns: [
          id,
          { name: 'credit_code', type: 'varchar', length: '18' },
          { name: 'name', type: 'varchar', length: '200' },
          { name: 'region_code', type: 'varchar', length: '6' },
          { name: 'sector', type: 'varchar', length: '32' },
          { name: 'established_on', type: 'varchar', length: '10' },
          timestamp('created_at'),
          timestamp('updated_at'),
        ],
        indices: [
          new TableIndex({
            name: 'uq_enterprises_credit_code',
            columnNames: ['credit_code'],
            isUnique: true,
          }),
          new TableIndex({ name: 'ix_enterprises_region_code', columnNames: ['region_code'] }),
        ],
      }),
    );

    await q.createTable(
      new Table({
        name: 'applications',
        columns: [
          id,
          { name: 'enterprise_id', type: 'varchar', length: '36' },
          { name: 'region_code', type: 'varchar', length: '6' },
          { name: 'tier', type: 'varchar', length: '32' },
          { name: 'state', type: 'varchar', length: '32' },
          { name: 'version', type: 'integer' },
          { name: 'rule_set', type: 'varchar', length: '16' },
          { name: 'machine_id', type: 'varchar', length: '64' },
          { name: 'machine_version', type: 'integer' },
          { name: 'snapshot', type: 'text' },
          { name: 'facts', type: 'text' },
          { name: 'assessment', type: 'text', isNullable: true },
          { name: 'call_id', type: 'varchar', length: '36', isNullable: true },
          { name: 'certificate_id', type: 'varchar', length: '36', isNullable: true },
          timestamp('created_at'),
          timestamp('updated_at'),
        ],
        indices: [
          new TableIndex({
            name: 'ix_applications_region_state',
            columnNames: ['region_code', 'state', 'id'],
          }),
          new TableIndex({
            name: 'ix_applications_enterprise',
            columnNames: ['enterprise_id', 'id'],
          }),
          new TableIndex({ name: 'ix_applications_state', columnNames: ['state', 'id'] }),
        ],
      }),
    );

    await q.createTable(
      new Table({
        name: 'audit_events',
        columns: [
          { name: 'seq', type: 'integer', isPrimary: true },
          timestamp('at'),
          { name: 'actor_id', type: 'varchar', length: '64' },
          { name: 'actor_role', type: 'varchar', length: '16' },
          { name: 'actor_level', type: 'varchar', length: '16', isNullable: true },
          { name: 'actor_region', type: 'varchar', length: '6', isNullable: true },
          { name: 'subject_type', type: 'varchar', length: '32' },
          { name: 'subject_id', type: 'varchar', length: '64' },
          { name: 'enterprise_id', type: 'varchar', length: '36', isNullable: true },
          { name: 'region_code', type: 'varchar', length: '6', isNullable: true },
          { name: 'event', type: 'varchar', length: '64' },
          { name: 'from_state', type: 'varchar', length: '32', isNullable: true },
          { name: 'to_state', type: 'varchar', length: '32', isNullable: true },
          { name: 'comment', type: 'text', isNullable: true },
          { name: 'data', type: 'text', isNullable: true },
          { name: 'request_id', type: 'varchar', length: '128', isNullable: true },
          { name: 'prev_hash', type: 'varchar', length: '64' },
          { name: 'hash', type: 'varchar', length: '64' },
        ],
        indices: [
          new TableIndex({
            name: 'ix_audit_subject',
            columnNames: ['subject_type', 'subject_id', 'seq'],
          }),
          new TableIndex({ name: 'ix_audit_enterprise', columnNames: ['enterprise_id', 'seq'] }),
          new TableIndex({ name: 'ix_audit_actor', columnNames: ['actor_id', 'seq'] }),
          new TableIndex({ name: 'ix_audit_region', columnNames: ['region_code', 'seq'] }),
          new TableIndex({ name: 'ix_audit_at', columnNames: ['at'] }),
        ],
      }),
    );

    await q.createTable(
      new Table({
        name: 'timers',
        columns: [
          id,
          { name: 'subject_type', type: 'varchar', length: '32' },
          { name: 'subject_id', type: 'varchar', length: '36' },
          { name: 'event', type: 'varchar', length: '64' },
          { name: 'purpose', type: 'varchar', length: '32' },
          timestamp('due_at'),
          { name: 'status', type: 'varchar', length: '16' },
          timestamp('fired_at', true),
          timestamp('cancelled_at', true),
          timestamp('claimed_until', true),
          { name: 'claimed_by', type: 'varchar', length: '64', isNullable: true },
          { name: 'attempts', type: 'integer', default: 0 },
          { name: 'data', type: 'text', isNullable: true },
          timestamp('created_at'),
        ],
        indices: [
          new TableIndex({ name: 'ix_timers_due', columnNames: ['status', 'due_at'] }),
          new TableIndex({
            name: 'ix_timers_subject',
            columnNames: ['subject_type', 'subject_id', 'status'],
          }),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['timers', 'audit_events', 'applications', 'enterprises', 'users']) {
      await q.dropTable(table);
    }
  }
}
