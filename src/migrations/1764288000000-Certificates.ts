import { Table, TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

export class Certificates1764288000000 implements MigrationInterface {
  name = 'Certificates1764288000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'certificates',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'enterprise_id', type: 'varchar', length: '36' },
          { name: 'region_code', type: 'varchar', length: '6' },
          { name: 'tier', type: 'varchar', length: '32' },
          { name: 'status', type: 'varchar', length: '32' },
          { name: 'version', type: 'integer' },
          { name: 'application_id', type: 'varchar', length: '36' },
          { name: 'valid_from', type: 'varchar', length: '10' },
          { name: 'valid_to', type: 'varchar', length: '10' },
          { name: 'bar_until', type: 'varchar', length: '10', isNullable: true },
          { name: 'machine_id', type: 'varchar', length: '64' },
          { name: 'machine_version', type: 'integer' },
          { name: 'snapshot', type: 'text' },
          { name: 'created_at', type: 'varchar', length: '24' },
          { name: 'updated_at', type: 'varchar', length: '24' },
        ],
        indices: [
          new TableIndex({
            name: 'ix_certificates_enterprise',
            columnNames: ['enterprise_id', 'tier'],
          }),
          new TableIndex({
            name: 'ix_certificates_region_status',
            columnNames: ['region_code', 'status', 'id'],
          }),
          new TableIndex({
            name: 'ix_certificates_status_valid_to',
            columnNames: ['status', 'valid_to'],
          }),
        ],
      }),
    );
    // The canonical hash of an application's facts, kept with them so decisions can cite it
    // without recomputing it on every event.
    await q.addColumn(
      'applications',
      new TableColumn({ name: 'facts_hash', type: 'varchar', length: '64', isNullable: true }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('applications', 'facts_hash');
    await q.dropTable('certificates');
  }
}
