import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/** Evidence documents of applications (API.md Wave 2, Documents): metadata; bytes in the store. */
export class Documents1765100000000 implements MigrationInterface {
  name = 'Documents1765100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'documents',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'application_id', type: 'varchar', length: '36' },
          { name: 'kind', type: 'varchar', length: '32' },
          { name: 'year', type: 'integer', isNullable: true },
          { name: 'note', type: 'text', isNullable: true },
          { name: 'file_name', type: 'varchar', length: '255' },
          { name: 'media_type', type: 'varchar', length: '64' },
          { name: 'size', type: 'bigint' },
          { name: 'sha256', type: 'varchar', length: '64' },
          { name: 'uploaded_by', type: 'varchar', length: '36' },
          { name: 'uploaded_at', type: 'varchar', length: '24' },
          { name: 'deleted_at', type: 'varchar', length: '24', isNullable: true },
          { name: 'deleted_by', type: 'varchar', length: '36', isNullable: true },
        ],
        indices: [
          new TableIndex({
            name: 'ix_documents_application',
            columnNames: ['application_id', 'id'],
          }),
          new TableIndex({ name: 'ix_documents_sha256', columnNames: ['sha256'] }),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('documents');
  }
}
