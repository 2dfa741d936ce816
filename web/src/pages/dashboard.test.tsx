import { describe, expect, it } from 'vitest';
import type { Schemas } from '../api/client';
import { makeI18n } from '../i18n/i18n';
import { funnelChart, progressVsTargetChart } from './dashboard';

type TierProgress = Schemas['TierProgressSchema'];

const tier = (name: TierProgress['tier'], certified: number, target?: number): TierProgress => ({
  tier: name,
  certified,
  ...(target === undefined ? {} : { target }),
  byState: {},
  funnel: [
    { stage: 'created', count: 40 },
    { stage: 'submitted', count: 30 },
    { stage: 'recommended', count: 12 },
    { stage: 'noticed', count: 0 },
    { stage: 'certified', count: certified },
  ],
  dropOuts: [],
  stageDays: [],
  certificates: { active: 0, expiringThisYear: 0, revoked: 0, revokedThisYear: 0 },
  annualUpdatesOverdue: 0,
});

describe('dashboard charts', () => {
  const en = makeI18n('en');

  it('compares certified with the target per tier; a tier without a target has no target bar', () => {
    const option = progressVsTargetChart(
      [tier('innovative_sme', 7, 10), tier('specialized_sme', 2)],
      en,
    );
    expect((option.xAxis as { data: string[] }).data).toEqual([
      en.label('innovative_sme'),
      en.label('specialized_sme'),
    ]);
    const series = option.series as { name: string; data: (number | null)[] }[];
    expect(series.map((s) => [s.name, s.data])).toEqual([
      ['Certified', [7, 2]],
      ['Target', [10, null]],
    ]);
  });

  it("keeps the funnel's stages in the API's order, an empty stage included", () => {
    const [series] = funnelChart(tier('innovative_sme', 5), makeI18n('zh-CN')).series as {
      type: string;
      sort: string;
      data: { name: string; value: number }[];
    }[];
    expect(series!.type).toBe('funnel');
    expect(series!.sort).toBe('none');
    expect(series!.data.map((d) => d.value)).toEqual([40, 30, 12, 0, 5]);
  });
});
