import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

const ts = (name: string, nullable = false) => ({
  name,
  type: 'varchar',
  length: '24',
  isNullable: nullable,
});

/** Issue 19: batch operations (events sent to many applications, machine migrations). */
export class Batches1765419000000 implements MigrationInterface {
  name = 'Batches1765419000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'batches',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'kind', type: 'varchar', length: '16' },
          { name: 'operation', type: 'varchar', length: '128' },
          { name: 'actor_id', type: 'varchar', length: '64' },
          { name: 'atomic', type: 'boolean' },
          { name: 'status', type: 'varchar', length: '16' },
          { name: 'total', type: 'integer' },
          { name: 'ok', type: 'integer' },
          { name: 'refused', type: 'integer' },
          { name: 'params', type: 'text', isNullable: true },
          { name: 'items', type: 'text', isNullable: true },
          { name: 'request_id', type: 'varchar', length: '128', isNullable: true },
          ts('created_at'),
          ts('updated_at'),
          ts('finished_at', true),
        ],
      }),
    );
    await q.createIndex(
      'batches',
      new TableIndex({ name: 'ix_batches_actor', columnNames: ['actor_id', 'created_at'] }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('batches');
  }
}
