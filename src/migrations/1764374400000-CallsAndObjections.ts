import { Table, TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

export class CallsAndObjections1764374400000 implements MigrationInterface {
  name = 'CallsAndObjections1764374400000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'calls',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'tier', type: 'varchar', length: '32' },
          { name: 'region_code', type: 'varchar', length: '6', isNullable: true },
          { name: 'year', type: 'integer' },
          { name: 'opens_at', type: 'varchar', length: '24' },
          { name: 'closes_at', type: 'varchar', length: '24' },
          { name: 'rule_set', type: 'varchar', length: '16', isNullable: true },
          { name: 'notice_working_days', type: 'integer', isNullable: true },
          { name: 'created_by', type: 'varchar', length: '36' },
          { name: 'created_at', type: 'varchar', length: '24' },
        ],
        indices: [
          new TableIndex({ name: 'ix_calls_tier_opens', columnNames: ['tier', 'opens_at'] }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'objections',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'application_id', type: 'varchar', length: '36' },
          { name: 'name', type: 'varchar', length: '100' },
          { name: 'contact', type: 'varchar', length: '200' },
          { name: 'reason', type: 'text' },
          { name: 'evidence', type: 'text', isNullable: true },
          { name: 'status', type: 'varchar', length: '16' },
          { name: 'created_at', type: 'varchar', length: '24' },
          { name: 'decided_at', type: 'varchar', length: '24', isNullable: true },
        ],
        indices: [
          new TableIndex({
            name: 'ix_objections_application',
            columnNames: ['application_id', 'status'],
          }),
        ],
      }),
    );
    await q.addColumn(
      'applications',
      new TableColumn({ name: 're_review_of', type: 'varchar', length: '36', isNullable: true }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('applications', 're_review_of');
    await q.dropTable('objections');
    await q.dropTable('calls');
  }
}
