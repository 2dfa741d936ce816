import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

const ts = (name: string, nullable = false) => ({
  name,
  type: 'varchar',
  length: '24',
  isNullable: nullable,
});

/**
 * Issue 17: the statistics projection of the audit log (rebuilt from the log when empty), the
 * targets per year, tier and region, and the industrial clusters with their members.
 */
export class Statistics1765300000000 implements MigrationInterface {
  name = 'Statistics1765300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'stat_cursor',
        columns: [
          { name: 'name', type: 'varchar', length: '32', isPrimary: true },
          { name: 'last_seq', type: 'integer' },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'stat_applications',
        columns: [
          { name: 'application_id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'enterprise_id', type: 'varchar', length: '36' },
          { name: 'region_code', type: 'varchar', length: '6' },
          { name: 'tier', type: 'varchar', length: '32' },
          { name: 're_review', type: 'integer' },
          ts('created_at'),
          { name: 'created_year', type: 'integer' },
          { name: 'state', type: 'varchar', length: '32' },
          ts('submitted_at', true),
          ts('recommended_at', true),
          ts('noticed_at', true),
          ts('certified_at', true),
          { name: 'certified_year', type: 'integer', isNullable: true },
          { name: 'returned', type: 'integer' },
          { name: 'objected', type: 'integer' },
          { name: 'stage', type: 'varchar', length: '16', isNullable: true },
          ts('stage_entered_at', true),
          { name: 'stage_entered_seq', type: 'integer', isNullable: true },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'stat_counters',
        columns: [
          { name: 'year', type: 'integer', isPrimary: true },
          { name: 'region_code', type: 'varchar', length: '6', isPrimary: true },
          { name: 'tier', type: 'varchar', length: '32', isPrimary: true },
          { name: 'metric', type: 'varchar', length: '48', isPrimary: true },
          { name: 'n', type: 'integer' },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'stat_stage_days',
        columns: [
          { name: 'year', type: 'integer', isPrimary: true },
          { name: 'region_code', type: 'varchar', length: '6', isPrimary: true },
          { name: 'tier', type: 'varchar', length: '32', isPrimary: true },
          { name: 'stage', type: 'varchar', length: '16', isPrimary: true },
          { name: 'days', type: 'integer', isPrimary: true },
          { name: 'n', type: 'integer' },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'stat_certificates',
        columns: [
          { name: 'certificate_id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'enterprise_id', type: 'varchar', length: '36' },
          { name: 'region_code', type: 'varchar', length: '6' },
          { name: 'tier', type: 'varchar', length: '32' },
          { name: 'application_id', type: 'varchar', length: '36', isNullable: true },
          { name: 'status', type: 'varchar', length: '32' },
          ts('issued_at'),
          { name: 'issued_year', type: 'integer' },
          { name: 'valid_to', type: 'varchar', length: '10' },
          ts('revoked_at', true),
          { name: 'revoked_year', type: 'integer', isNullable: true },
        ],
        indices: [
          new TableIndex({
            name: 'ix_stat_certificates_enterprise',
            columnNames: ['enterprise_id'],
          }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'targets',
        columns: [
          { name: 'year', type: 'integer', isPrimary: true },
          { name: 'tier', type: 'varchar', length: '32', isPrimary: true },
          { name: 'region_code', type: 'varchar', length: '6', isPrimary: true },
          { name: 'count', type: 'integer' },
          { name: 'set_by', type: 'varchar', length: '64' },
          ts('set_at'),
          { name: 'version', type: 'integer' },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'clusters',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'name', type: 'varchar', length: '200' },
          { name: 'region_code', type: 'varchar', length: '6' },
          { name: 'industry', type: 'varchar', length: '100', isNullable: true },
          { name: 'created_by', type: 'varchar', length: '64' },
          ts('created_at'),
        ],
        indices: [
          new TableIndex({
            name: 'uq_clusters_region_name',
            columnNames: ['region_code', 'name'],
            isUnique: true,
          }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'cluster_members',
        columns: [
          { name: 'cluster_id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'enterprise_id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'leader', type: 'integer' },
          { name: 'decided_by', type: 'varchar', length: '64' },
          ts('joined_at'),
        ],
        indices: [
          new TableIndex({
            name: 'ix_cluster_members_enterprise',
            columnNames: ['enterprise_id'],
          }),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'cluster_members',
      'clusters',
      'targets',
      'stat_certificates',
      'stat_stage_days',
      'stat_counters',
      'stat_applications',
      'stat_cursor',
    ]) {
      await q.dropTable(table);
    }
  }
}
