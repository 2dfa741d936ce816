import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { I18nTestProvider, makeI18n } from '../i18n/i18n';
import {
  ClusterView,
  leaderRows,
  memberChart,
  memberRows,
  progressionRows,
  type ClusterStatistics,
} from './clusters';

afterEach(cleanup);

const stats: ClusterStatistics = {
  id: '0190a5b2-0000-7000-8000-000000000001',
  name: 'Xingtai bearing cluster',
  regionCode: '130535',
  industry: 'bearings',
  createdBy: 'reviewer-1',
  createdAt: '2026-01-05T02:00:00.000Z',
  year: 2026,
  members: 6,
  leaders: 2,
  // The API's order (ladder from the bottom); the page shows the top first.
  tiers: [
    { tier: 'innovative_sme', members: 3 },
    { tier: 'specialized_sme', members: 1 },
    { tier: 'little_giant', members: 0 },
    { tier: null, members: 2 },
  ],
  leaderTitles: [
    {
      enterpriseId: 'e-a',
      name: 'Anping Bearings',
      titles: [
        {
          certificateId: 'c-1',
          tier: 'innovative_sme',
          status: 'active',
          validTo: '2027-03-31',
        },
      ],
    },
    {
      enterpriseId: 'e-b',
      name: null,
      titles: [
        {
          certificateId: 'c-2',
          tier: 'innovative_sme',
          status: 'active',
          validTo: '2026-06-30',
        },
        {
          certificateId: 'c-3',
          tier: 'specialized_sme',
          status: 'active',
          validTo: '2029-05-31',
        },
      ],
    },
  ],
  progressed: 2,
  progressions: [
    {
      enterpriseId: 'e-b',
      name: null,
      tier: 'specialized_sme',
      from: 'innovative_sme',
      at: '2026-06-01T02:00:00.000Z',
    },
    {
      enterpriseId: 'e-c',
      name: 'Linxi Precision',
      tier: 'innovative_sme',
      from: null,
      at: '2026-03-02T02:00:00.000Z',
    },
  ],
};

const en = makeI18n('en');
const zh = makeI18n('zh-CN');

describe('cluster page: data shaping', () => {
  it('lists members per tier from the top of the ladder, members without a title last', () => {
    expect(memberRows(stats, en)).toEqual([
      { tier: 'little_giant', name: en.label('little_giant'), members: 0 },
      { tier: 'specialized_sme', name: en.label('specialized_sme'), members: 1 },
      { tier: 'innovative_sme', name: en.label('innovative_sme'), members: 3 },
      { tier: null, name: 'No title yet', members: 2 },
    ]);
    // A tier the API left out counts no member.
    const partial = { ...stats, tiers: [{ tier: 'innovative_sme' as const, members: 4 }] };
    expect(memberRows(partial, en).map((r) => r.members)).toEqual([0, 0, 4, 0]);
  });

  it('draws the same rows as the table, in the same order, named in the language', () => {
    const option = memberChart(stats, zh);
    const yAxis = option.yAxis as { data: string[] };
    const [series] = option.series as { type: string; data: number[] }[];
    expect(yAxis.data).toEqual(memberRows(stats, zh).map((r) => r.name));
    expect(yAxis.data.at(-1)).toBe('尚无称号');
    expect(series).toMatchObject({ type: 'bar', data: [0, 1, 3, 2] });
  });

  it('puts the leader with the highest title first, its titles highest first', () => {
    const rows = leaderRows(stats, en);
    expect(rows.map((r) => r.name)).toEqual(['e-b', 'Anping Bearings']);
    expect(rows[0]!.titles).toEqual([
      `${en.label('specialized_sme')} (valid to 2029-05-31)`,
      `${en.label('innovative_sme')} (valid to 2026-06-30)`,
    ]);
  });

  it('orders the progressions by date; a first title enters the ladder', () => {
    expect(progressionRows(stats, en)).toEqual([
      {
        enterpriseId: 'e-c',
        name: 'Linxi Precision',
        from: 'Entered the ladder',
        to: en.label('innovative_sme'),
        at: en.date('2026-03-02T02:00:00.000Z'),
      },
      {
        enterpriseId: 'e-b',
        name: 'e-b',
        from: en.label('innovative_sme'),
        to: en.label('specialized_sme'),
        at: en.date('2026-06-01T02:00:00.000Z'),
      },
    ]);
  });
});

describe('cluster page: the view', () => {
  it('shows the summary, the table beside the chart, leaders and progressions in Chinese', () => {
    render(
      <I18nTestProvider locale="zh-CN">
        <ClusterView stats={stats} />
      </I18nTestProvider>,
    );
    expect(screen.getByTestId('cluster-summary').textContent).toBe(
      '成员 6 家，其中领跑企业 2 家；2026 年晋升 2 家。',
    );
    const table = screen.getByTestId('cluster-tiers');
    const cells = within(table)
      .getAllByRole('row')
      .slice(1)
      .map((row) => row.textContent);
    expect(cells).toEqual([
      `${zh.label('little_giant')}0`,
      `${zh.label('specialized_sme')}1`,
      `${zh.label('innovative_sme')}3`,
      '尚无称号2',
    ]);
    // The chart is a picture of the table: hidden from assistive technology.
    expect(screen.getByTestId('cluster-chart').getAttribute('aria-hidden')).toBe('true');
    expect(within(screen.getByTestId('cluster-leaders')).getAllByRole('row')).toHaveLength(3);
    expect(screen.getByTestId('cluster-progressions').textContent).toContain('首次进入梯度');
  });

  it('says so when there are no leaders or progressions', () => {
    render(
      <I18nTestProvider locale="en">
        <ClusterView stats={{ ...stats, leaderTitles: [], progressions: [], progressed: 0 }} />
      </I18nTestProvider>,
    );
    expect(screen.getByText('No leader enterprise named yet.')).toBeTruthy();
    expect(screen.getByText('No member moved up this year.')).toBeTruthy();
    expect(screen.queryByTestId('cluster-leaders')).toBeNull();
  });
});
