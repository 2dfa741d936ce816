import { DataSource } from 'typeorm';
import type { CounterDelta } from '../../src/domain/statistics/projection';
import { StatisticsRollups1765500000000 } from '../../src/migrations/1765500000000-StatisticsRollups';
import { StatisticsAtScale1765500100000 } from '../../src/migrations/1765500100000-StatisticsAtScale';
import {
  StatisticsRepository,
  type StageDaysSample,
} from '../../src/modules/statistics/statistics.repository';
import { startTestApp, type TestApp } from '../support/test-app';

// The statistics keep each county's counters and stage times under its city's, province's and
// the country's keys too, and each stage-time histogram's summary; the migrations back-fill those
// from the county rows of a projection written before. Both ways must give the same tables.
describe('statistics rollups and stage summaries', () => {
  let t: TestApp;
  let ds: DataSource;
  beforeAll(async () => {
    t = await startTestApp();
    ds = t.app.get(DataSource);
  });
  afterAll(() => t.close());

  const deltas: CounterDelta[] = [
    { year: 2026, regionCode: '130102', tier: 'innovative_sme', metric: 'state:draft', n: 3 },
    { year: 2026, regionCode: '130104', tier: 'innovative_sme', metric: 'state:draft', n: 2 },
    { year: 2026, regionCode: '130203', tier: 'innovative_sme', metric: 'state:draft', n: 4 },
    { year: 2026, regionCode: '139001', tier: 'specialized_sme', metric: 'certified', n: 1 },
    { year: 2025, regionCode: '441900', tier: 'little_giant', metric: 'funnel:created', n: 7 },
    { year: 0, regionCode: '130102', tier: 'innovative_sme', metric: 'cert:active', n: 5 },
  ];
  const samples: StageDaysSample[] = [
    ...Array.from({ length: 3 }, () => ({
      year: 2026,
      regionCode: '130102',
      tier: 'innovative_sme',
      stage: 'local',
      days: 4,
    })),
    { year: 2026, regionCode: '130104', tier: 'innovative_sme', stage: 'local', days: 4 },
    { year: 2026, regionCode: '130104', tier: 'innovative_sme', stage: 'local', days: 9 },
    { year: 2026, regionCode: '441900', tier: 'innovative_sme', stage: 'notice', days: 6 },
  ];

  const read = async () => ({
    counters: (
      await ds.query<Record<string, unknown>[]>(
        'SELECT year, region_code, tier, metric, n FROM stat_counters ORDER BY year, region_code, tier, metric',
      )
    ).map((r) => ({ ...r, year: Number(r.year), n: Number(r.n) })),
    days: (
      await ds.query<Record<string, unknown>[]>(
        'SELECT year, region_code, tier, stage, days, n FROM stat_stage_days ORDER BY year, region_code, tier, stage, days',
      )
    ).map((r) => ({ ...r, year: Number(r.year), days: Number(r.days), n: Number(r.n) })),
    summaries: (
      await ds.query<Record<string, unknown>[]>(
        'SELECT year, region_code, tier, stage, count, p50, p90 FROM stat_stage_summary ORDER BY year, region_code, tier, stage',
      )
    ).map((r) => ({
      ...r,
      year: Number(r.year),
      count: Number(r.count),
      p50: Number(r.p50),
      p90: Number(r.p90),
    })),
  });

  it('are written by the projector and back-filled by the migration alike', async () => {
    const repository = t.app.get(StatisticsRepository);
    await ds.query('DELETE FROM stat_counters');
    await ds.query('DELETE FROM stat_stage_days');
    await ds.query('DELETE FROM stat_stage_summary');
    await ds.transaction(async (em) => {
      await repository.addCounters(em, deltas);
      await repository.addStageDays(em, samples);
    });
    const written = await read();
    expect(written.counters).toEqual(
      expect.arrayContaining([
        { year: 2026, region_code: '', tier: 'innovative_sme', metric: 'state:draft', n: 9 },
        { year: 2026, region_code: '13', tier: 'innovative_sme', metric: 'state:draft', n: 9 },
        { year: 2026, region_code: '1301', tier: 'innovative_sme', metric: 'state:draft', n: 5 },
        { year: 2026, region_code: '1302', tier: 'innovative_sme', metric: 'state:draft', n: 4 },
        { year: 2026, region_code: '1390', tier: 'specialized_sme', metric: 'certified', n: 1 },
        { year: 2025, region_code: '4419', tier: 'little_giant', metric: 'funnel:created', n: 7 },
      ]),
    );
    // Four keys each, the three counties of state:draft sharing their province and country keys
    // and two of them their city key: 24 - 5.
    expect(written.counters).toHaveLength(19);
    expect(written.days).toEqual(
      expect.arrayContaining([
        { year: 2026, region_code: '1301', tier: 'innovative_sme', stage: 'local', days: 4, n: 4 },
        { year: 2026, region_code: '', tier: 'innovative_sme', stage: 'local', days: 9, n: 1 },
      ]),
    );

    // Nearest rank over the visits 4, 4, 4, 4, 9 (the city) and 4, 9 (one county).
    expect(written.summaries).toEqual(
      expect.arrayContaining([
        {
          year: 2026,
          region_code: '1301',
          tier: 'innovative_sme',
          stage: 'local',
          count: 5,
          p50: 4,
          p90: 9,
        },
        {
          year: 2026,
          region_code: '130104',
          tier: 'innovative_sme',
          stage: 'local',
          count: 2,
          p50: 4,
          p90: 9,
        },
        {
          year: 2026,
          region_code: '4419',
          tier: 'innovative_sme',
          stage: 'notice',
          count: 1,
          p50: 6,
          p90: 6,
        },
      ]),
    );
    // local: 130102, 130104, 1301, 13, ''; notice: 441900, 4419, 44, ''.
    expect(written.summaries).toHaveLength(9);

    // A projection from before both migrations: the county rows only.
    const migrations = [new StatisticsRollups1765500000000(), new StatisticsAtScale1765500100000()];
    const runner = ds.createQueryRunner();
    try {
      for (const m of [...migrations].reverse()) await m.down(runner);
      expect(await read().catch(() => null)).toBeNull(); // no summary table
      expect(await ds.query('SELECT region_code FROM stat_counters')).toHaveLength(deltas.length);
      for (const m of migrations) await m.up(runner);
    } finally {
      await runner.release();
    }
    expect(await read()).toEqual(written);
  });
});
