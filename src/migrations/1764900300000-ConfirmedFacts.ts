import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * What the experts and the authority confirmed of the facts the rules reserve to them
 * (nicheMarketLeading, chainSupport, keyProductField, localFeaturePoints, the sector): the notice
 * is judged on these, not on the enterprise's claims (security review M10).
 */
export class ConfirmedFacts1764900300000 implements MigrationInterface {
  name = 'ConfirmedFacts1764900300000';

  async up(q: QueryRunner): Promise<void> {
    // Plain SQL: TypeORM's SQLite addColumn rebuilds the table, which would drop its indexes'
    // partial conditions' history; ALTER TABLE ADD COLUMN is the same statement on both.
    await q.query('ALTER TABLE applications ADD COLUMN confirmed_facts text NULL');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('applications', new TableColumn({ name: 'confirmed_facts', type: 'text' }));
  }
}
