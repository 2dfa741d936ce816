import type { MigrationInterface, QueryRunner } from 'typeorm';

const OPEN = "state NOT IN ('certified', 'rejected', 'withdrawn')";

/**
 * One open application per tier and enterprise, enforced by the database (a partial unique index,
 * the same statement on SQLite and PostgreSQL): under PostgreSQL's READ COMMITTED, racing creates
 * all passed the application's own check. A database that already holds duplicates is not changed:
 * the migration stops and names them (withdraw the extra drafts through the API, then start again).
 */
export class OneOpenApplicationPerTier1764900000000 implements MigrationInterface {
  name = 'OneOpenApplicationPerTier1764900000000';

  async up(q: QueryRunner): Promise<void> {
    const duplicates = (await q.query(
      `SELECT enterprise_id, tier, COUNT(*) AS n FROM applications WHERE ${OPEN}
        GROUP BY enterprise_id, tier HAVING COUNT(*) > 1`,
    )) as { enterprise_id: string; tier: string; n: number | string }[];
    if (duplicates.length > 0) {
      throw new Error(
        `Enterprises with more than one open application of a tier (withdraw the extra ones first): ${duplicates
          .map((d) => `${d.enterprise_id} ${d.tier} (${String(d.n)})`)
          .join(', ')}`,
      );
    }
    await q.query(
      `CREATE UNIQUE INDEX uq_applications_open_per_tier ON applications (enterprise_id, tier) WHERE ${OPEN}`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX uq_applications_open_per_tier');
  }
}
