// Industrial clusters of the user's jurisdiction (GET /clusters) and, for one, its statistics of a
// year (GET /statistics/clusters/{id}): members at each tier, leaders with their titles, the
// members that moved up the ladder, with a chart beside the table.
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import type { FormEvent } from 'react';
import { api, TIERS, unwrap, type Schemas, type Tier } from '../api/client';
import { COLORS, horizontalBars, type ChartOption } from '../charts/options';
import { Chart } from '../components/chart';
import { Empty, QueryView } from '../components/states';
import { useI18n, type I18n } from '../i18n/i18n';
import { Link } from '../router';

export type ClusterStatistics = Schemas['ClusterStatisticsSchema'];
type Words = Pick<I18n, 't' | 'label' | 'date'>;

const RANK: Record<Tier, number> = { innovative_sme: 1, specialized_sme: 2, little_giant: 3 };

/** Members at each tier, the ladder from the top down, then the members without a title. */
export const memberRows = (
  s: ClusterStatistics,
  { t, label }: Words,
): { tier: Tier | null; name: string; members: number }[] => {
  const count = (tier: Tier | null) => s.tiers.find((x) => x.tier === tier)?.members ?? 0;
  return [
    ...[...TIERS].reverse().map((tier) => ({ tier, name: label(tier), members: count(tier) })),
    { tier: null, name: t('clusters.noTitle'), members: count(null) },
  ];
};

/** The members-per-tier chart: one bar per row of memberRows, in its order. */
export const memberChart = (s: ClusterStatistics, words: Words): ChartOption => {
  const rows = memberRows(s, words);
  return horizontalBars({
    name: words.t('clusters.members'),
    categories: rows.map((r) => r.name),
    values: rows.map((r) => r.members),
    color: COLORS.accent,
  });
};

/** The leaders, highest title first (then by name), each with its titles in force named. */
export const leaderRows = (s: ClusterStatistics, { t, label, date }: Words) =>
  s.leaderTitles
    .map((l) => {
      const titles = [...l.titles].sort(
        (a, b) => RANK[b.tier] - RANK[a.tier] || a.validTo.localeCompare(b.validTo),
      );
      return {
        enterpriseId: l.enterpriseId,
        name: l.name ?? l.enterpriseId,
        highest: titles[0] ? RANK[titles[0].tier] : 0,
        titles: titles.map((x) =>
          t('clusters.validTo', { tier: label(x.tier), date: date(x.validTo) }),
        ),
      };
    })
    .sort((a, b) => b.highest - a.highest || a.name.localeCompare(b.name));

/** The year's progressions, in the order they happened: from (or "entered the ladder") → to. */
export const progressionRows = (s: ClusterStatistics, { t, label, date }: Words) =>
  [...s.progressions]
    .sort((a, b) => a.at.localeCompare(b.at))
    .map((p) => ({
      enterpriseId: p.enterpriseId,
      name: p.name ?? p.enterpriseId,
      from: p.from ? label(p.from) : t('clusters.entered'),
      to: label(p.tier),
      at: date(p.at),
    }));

/** One cluster's statistics: the summary, the chart and its table, leaders, progressions. */
export const ClusterView = ({ stats }: { stats: ClusterStatistics }) => {
  const words = useI18n();
  const { t } = words;
  const option = useMemo(() => memberChart(stats, words), [stats, words]);
  const members = memberRows(stats, words);
  const leaders = leaderRows(stats, words);
  const progressions = progressionRows(stats, words);
  return (
    <section className="card" aria-labelledby="cluster-name" data-testid="cluster">
      <h2 id="cluster-name">{stats.name}</h2>
      <p data-testid="cluster-summary">
        {t('clusters.summary', {
          members: stats.members,
          leaders: stats.leaders,
          progressed: stats.progressed,
          year: stats.year,
        })}
      </p>
      <h3>{t('clusters.byTier')}</h3>
      <div className="chart-beside">
        <Chart option={option} height={200} testId="cluster-chart" />
        <table data-testid="cluster-tiers">
          <caption className="sr-only">{t('clusters.byTier')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('apps.tier')}</th>
              <th scope="col">{t('clusters.members')}</th>
            </tr>
          </thead>
          <tbody>
            {members.map((r) => (
              <tr key={r.tier ?? 'none'}>
                <th scope="row">{r.name}</th>
                <td>{r.members}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h3>{t('clusters.leaders')}</h3>
      {leaders.length ? (
        <table data-testid="cluster-leaders">
          <thead>
            <tr>
              <th scope="col">{t('apps.enterprise')}</th>
              <th scope="col">{t('clusters.titles')}</th>
            </tr>
          </thead>
          <tbody>
            {leaders.map((l) => (
              <tr key={l.enterpriseId}>
                <th scope="row">{l.name}</th>
                <td>{l.titles.length ? l.titles.join(' · ') : t('clusters.noTitle')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <Empty>{t('clusters.noLeaders')}</Empty>
      )}
      <h3>{t('clusters.progressions', { year: stats.year })}</h3>
      {progressions.length ? (
        <table data-testid="cluster-progressions">
          <thead>
            <tr>
              <th scope="col">{t('apps.enterprise')}</th>
              <th scope="col">{t('clusters.from')}</th>
              <th scope="col">{t('clusters.to')}</th>
              <th scope="col">{t('clusters.at')}</th>
            </tr>
          </thead>
          <tbody>
            {progressions.map((p) => (
              <tr key={`${p.enterpriseId}-${p.to}`}>
                <th scope="row">{p.name}</th>
                <td>{p.from}</td>
                <td>{p.to}</td>
                <td>{p.at}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <Empty>{t('clusters.noProgressions')}</Empty>
      )}
    </section>
  );
};

const ClusterStatisticsOf = ({ id, year }: { id: string; year: number }) => {
  const stats = useQuery({
    queryKey: ['cluster-statistics', id, year],
    queryFn: async () => {
      const data = unwrap(
        await api.GET('/api/v1/statistics/clusters/{id}', {
          params: { path: { id }, query: { year } },
          headers: { Accept: 'application/json' },
        }),
      );
      // The endpoint also speaks CSV; asked for JSON, a string is not an answer.
      if (typeof data === 'string') throw new Error(data);
      return data;
    },
  });
  return <QueryView query={stats}>{(s) => <ClusterView stats={s} />}</QueryView>;
};

export default function Clusters({ id }: { id?: string }) {
  const { t, date } = useI18n();
  const [year, setYear] = useState(new Date().getFullYear());
  const [draftYear, setDraftYear] = useState(String(year));
  const clusters = useInfiniteQuery({
    queryKey: ['clusters'],
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) =>
      unwrap(
        await api.GET('/api/v1/clusters', {
          params: { query: { limit: 100, ...(pageParam ? { cursor: pageParam } : {}) } },
        }),
      ),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const y = Number(draftYear);
    if (Number.isInteger(y)) setYear(y);
  };
  return (
    <section className="stack">
      <h1>{t('clusters.title')}</h1>
      <QueryView query={clusters}>
        {(data) => {
          const items = data.pages.flatMap((p) => p.items);
          if (!items.length) return <Empty>{t('clusters.empty')}</Empty>;
          return (
            <section className="card">
              <table data-testid="clusters">
                <thead>
                  <tr>
                    <th scope="col">{t('clusters.name')}</th>
                    <th scope="col">{t('apps.region')}</th>
                    <th scope="col">{t('clusters.industry')}</th>
                    <th scope="col">{t('clusters.createdAt')}</th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((c) => (
                    <tr key={c.id} data-id={c.id}>
                      <th scope="row">
                        <Link
                          to={`/clusters/${c.id}`}
                          aria-current={c.id === id ? 'page' : undefined}
                        >
                          {c.name}
                        </Link>
                      </th>
                      <td>{c.regionCode}</td>
                      <td>{c.industry ?? '—'}</td>
                      <td>{date(c.createdAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {clusters.hasNextPage ? (
                <button type="button" onClick={() => void clusters.fetchNextPage()}>
                  {t('common.more')}
                </button>
              ) : null}
            </section>
          );
        }}
      </QueryView>
      {id ? (
        <>
          <form className="row card" onSubmit={submit} aria-label={t('common.filters')}>
            <label>
              {t('calls.year')}
              <input
                inputMode="numeric"
                size={5}
                value={draftYear}
                onChange={(e) => setDraftYear(e.target.value)}
              />
            </label>
            <button type="submit">{t('common.apply')}</button>
          </form>
          <ClusterStatisticsOf id={id} year={year} />
        </>
      ) : (
        <p className="muted">{t('clusters.choose')}</p>
      )}
    </section>
  );
}
