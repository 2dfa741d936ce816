import { Table, TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Usernames unique by their skeleton (lower case, without . _ -), and claims of credit codes.
 * Accounts that already collide keep working: every one but the oldest gets its id appended to its
 * key, so that only new lookalikes are refused.
 */
export class RegistrationHardening1764900100000 implements MigrationInterface {
  name = 'RegistrationHardening1764900100000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn(
      'users',
      new TableColumn({ name: 'username_key', type: 'varchar', length: '120', isNullable: true }),
    );
    const users = (await q.query('SELECT id, username FROM users ORDER BY created_at, id')) as {
      id: string;
      username: string;
    }[];
    const taken = new Set<string>();
    for (const user of users) {
      let key = user.username.toLowerCase().replace(/[._-]/g, '');
      if (taken.has(key)) key = `${key}:${user.id}`;
      taken.add(key);
      await q.query(
        q.connection.driver.options.type === 'postgres'
          ? 'UPDATE users SET username_key = $1 WHERE id = $2'
          : 'UPDATE users SET username_key = ? WHERE id = ?',
        [key, user.id],
      );
    }
    await q.createIndex(
      'users',
      new TableIndex({
        name: 'uq_users_username_key',
        columnNames: ['username_key'],
        isUnique: true,
      }),
    );
    await q.createTable(
      new Table({
        name: 'enterprise_claims',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'enterprise_id', type: 'varchar', length: '36' },
          { name: 'region_code', type: 'varchar', length: '6' },
          { name: 'credit_code', type: 'varchar', length: '18' },
          { name: 'claimant_name', type: 'varchar', length: '100' },
          { name: 'claimant_contact', type: 'varchar', length: '200' },
          { name: 'statement', type: 'text' },
          { name: 'username', type: 'varchar', length: '64' },
          { name: 'password_hash', type: 'varchar', length: '255' },
          { name: 'status', type: 'varchar', length: '16' },
          { name: 'created_at', type: 'varchar', length: '24' },
          { name: 'decided_at', type: 'varchar', length: '24', isNullable: true },
          { name: 'decided_by', type: 'varchar', length: '36', isNullable: true },
          { name: 'reasons', type: 'text', isNullable: true },
        ],
        indices: [
          new TableIndex({
            name: 'ix_enterprise_claims_region',
            columnNames: ['region_code', 'status', 'id'],
          }),
          new TableIndex({
            name: 'ix_enterprise_claims_enterprise',
            columnNames: ['enterprise_id'],
          }),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('enterprise_claims');
    await q.dropIndex('users', 'uq_users_username_key');
    await q.dropColumn('users', 'username_key');
  }
}
