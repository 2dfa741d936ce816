import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

const TABLES = ['audit_events', 'audit_checkpoints'];

/**
 * The audit log is append-only in the database itself: triggers refuse UPDATE and DELETE (and
 * TRUNCATE on PostgreSQL) on the audit tables, whatever the application does.
 */
export class AuditAppendOnly1764460800000 implements MigrationInterface {
  name = 'AuditAppendOnly1764460800000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'audit_checkpoints',
        columns: [
          { name: 'seq', type: 'integer', isPrimary: true },
          { name: 'hash', type: 'varchar', length: '64' },
          { name: 'at', type: 'varchar', length: '24' },
          { name: 'key_id', type: 'varchar', length: '64' },
          { name: 'signature', type: 'varchar', length: '128' },
        ],
      }),
    );
    if (q.connection.options.type === 'postgres') {
      await q.query(`CREATE OR REPLACE FUNCTION ladder_append_only() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
          RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
        END $$`);
      for (const table of TABLES) {
        await q.query(`CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table}
          FOR EACH ROW EXECUTE FUNCTION ladder_append_only()`);
        await q.query(`CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table}
          FOR EACH STATEMENT EXECUTE FUNCTION ladder_append_only()`);
      }
    } else {
      for (const table of TABLES) {
        for (const op of ['UPDATE', 'DELETE']) {
          await q.query(`CREATE TRIGGER ${table}_no_${op.toLowerCase()} BEFORE ${op} ON ${table}
            BEGIN SELECT RAISE(ABORT, '${table} is append-only'); END`);
        }
      }
    }
  }

  async down(q: QueryRunner): Promise<void> {
    if (q.connection.options.type === 'postgres') {
      for (const table of TABLES) {
        await q.query(`DROP TRIGGER IF EXISTS ${table}_append_only ON ${table}`);
        await q.query(`DROP TRIGGER IF EXISTS ${table}_no_truncate ON ${table}`);
      }
      await q.query('DROP FUNCTION IF EXISTS ladder_append_only()');
    } else {
      for (const table of TABLES) {
        await q.query(`DROP TRIGGER IF EXISTS ${table}_no_update`);
        await q.query(`DROP TRIGGER IF EXISTS ${table}_no_delete`);
      }
    }
    await q.dropTable('audit_checkpoints');
  }
}
