import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Sign-in attempts are reserved before the password is checked (security review H2): the number in
 * flight per username, and since when (a reservation of a process that died expires).
 */
export class LoginReservations1764900200000 implements MigrationInterface {
  name = 'LoginReservations1764900200000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumns('login_attempts', [
      new TableColumn({ name: 'in_flight', type: 'integer', default: 0 }),
      new TableColumn({ name: 'in_flight_since', type: 'varchar', length: '24', isNullable: true }),
    ]);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('login_attempts', 'in_flight_since');
    await q.dropColumn('login_attempts', 'in_flight');
  }
}
