import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 17, "fast at 1 M applications": the statistics' counters and stage-time histograms are
 * kept under the city's, the province's and the country's keys too ('1301', '13', ''; see
 * statisticsKeysOf), so that a province's statistic reads its own rows and its cities' rather
 * than every county's. The projector now writes the four keys; this back-fills the three rollups
 * from the county rows an existing projection holds.
 */
export class StatisticsRollups1765500000000 implements MigrationInterface {
  name = 'StatisticsRollups1765500000000';

  async up(q: QueryRunner): Promise<void> {
    for (const [key, group] of [
      ['SUBSTR(region_code, 1, 4)', 'SUBSTR(region_code, 1, 4), '],
      ['SUBSTR(region_code, 1, 2)', 'SUBSTR(region_code, 1, 2), '],
      ["''", ''],
    ]) {
      await q.query(
        `INSERT INTO stat_counters (year, region_code, tier, metric, n)
          SELECT year, ${key}, tier, metric, SUM(n) FROM stat_counters
            WHERE LENGTH(region_code) = 6 GROUP BY year, ${group}tier, metric`,
      );
      await q.query(
        `INSERT INTO stat_stage_days (year, region_code, tier, stage, days, n)
          SELECT year, ${key}, tier, stage, days, SUM(n) FROM stat_stage_days
            WHERE LENGTH(region_code) = 6 GROUP BY year, ${group}tier, stage, days`,
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DELETE FROM stat_counters WHERE LENGTH(region_code) < 6');
    await q.query('DELETE FROM stat_stage_days WHERE LENGTH(region_code) < 6');
  }
}
