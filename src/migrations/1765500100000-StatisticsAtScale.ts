import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Issue 17, "fast at 1 M applications": a statistic read every stage-time histogram of its regions
 * and ran window functions over them (a few hundred rows at 10 k applications, thousands at 1 M).
 * Now the projector keeps each histogram's summary (visits, nearest-rank median and 90th
 * percentile) next to it, refreshed with the histograms it changes; this creates the table and
 * summarises the histograms an existing projection holds. The histograms' and the counters'
 * indexes also hold `n`, so that the over-the-limit counts (the limits are settings, read per
 * request) and the counters are read from the index alone.
 */
export class StatisticsAtScale1765500100000 implements MigrationInterface {
  name = 'StatisticsAtScale1765500100000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'stat_stage_summary',
        columns: [
          { name: 'year', type: 'integer', isPrimary: true },
          { name: 'region_code', type: 'varchar', length: '6', isPrimary: true },
          { name: 'tier', type: 'varchar', length: '32', isPrimary: true },
          { name: 'stage', type: 'varchar', length: '16', isPrimary: true },
          { name: 'count', type: 'integer' },
          { name: 'p50', type: 'integer', isNullable: true },
          { name: 'p90', type: 'integer', isNullable: true },
        ],
      }),
    );
    await q.createIndex(
      'stat_stage_days',
      new TableIndex({
        name: 'ix_stat_stage_days_n',
        columnNames: ['year', 'region_code', 'tier', 'stage', 'days', 'n'],
      }),
    );
    await q.createIndex(
      'stat_counters',
      new TableIndex({
        name: 'ix_stat_counters_n',
        columnNames: ['year', 'region_code', 'tier', 'metric', 'n'],
      }),
    );
    await q.query(
      `WITH c AS (
          SELECT year, region_code, tier, stage, days,
              SUM(n) OVER (PARTITION BY year, region_code, tier, stage ORDER BY days
                ROWS UNBOUNDED PRECEDING) AS cum,
              SUM(n) OVER (PARTITION BY year, region_code, tier, stage) AS total
            FROM stat_stage_days)
        INSERT INTO stat_stage_summary (year, region_code, tier, stage, count, p50, p90)
          SELECT year, region_code, tier, stage, MAX(total),
              MIN(CASE WHEN cum * 2 >= total THEN days END),
              MIN(CASE WHEN cum * 10 >= total * 9 THEN days END)
            FROM c GROUP BY year, region_code, tier, stage`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('stat_counters', 'ix_stat_counters_n');
    await q.dropIndex('stat_stage_days', 'ix_stat_stage_days_n');
    await q.dropTable('stat_stage_summary');
  }
}
