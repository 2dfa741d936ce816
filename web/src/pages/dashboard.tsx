import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import type { FormEvent } from 'react';
import { api, unwrap, type Schemas } from '../api/client';
import { useAuth } from '../auth/auth';
import { COLORS, funnel, groupedBars, type ChartOption } from '../charts/options';
import { Chart } from '../components/chart';
import { QueryView } from '../components/states';
import { useI18n, type I18n } from '../i18n/i18n';

type TierProgress = Schemas['TierProgressSchema'];

/** Certified against the target, per tier: grouped bars (a tier without a target has none). */
export const progressVsTargetChart = (
  tiers: readonly TierProgress[],
  { t, label }: Pick<I18n, 't' | 'label'>,
): ChartOption =>
  groupedBars({
    categories: tiers.map((tier) => label(tier.tier)),
    series: [
      {
        name: t('dash.certified'),
        values: tiers.map((tier) => tier.certified),
        color: COLORS.accent,
      },
      {
        name: t('dash.target'),
        values: tiers.map((tier) => tier.target ?? null),
        color: COLORS.target,
      },
    ],
  });

/** The funnel of a tier's applications, created to certified, in the API's order. */
export const funnelChart = (tier: TierProgress, { t, label }: Pick<I18n, 't' | 'label'>) =>
  funnel({
    name: t('dash.funnel'),
    stages: tier.funnel.map((f) => ({ name: label(f.stage), value: f.count })),
  });

const percent = (part: number, whole: number | undefined) =>
  whole ? `${Math.round((part / whole) * 100)}%` : '—';

const ProgressVsTarget = ({ tiers }: { tiers: TierProgress[] }) => {
  const i18n = useI18n();
  const { t, label } = i18n;
  const option = useMemo(() => progressVsTargetChart(tiers, i18n), [tiers, i18n]);
  return (
    <section className="card" aria-labelledby="progress-vs-target">
      <h2 id="progress-vs-target">{t('dash.vsTarget')}</h2>
      <div className="chart-beside">
        <Chart option={option} testId="progress-chart" />
        <table data-testid="progress-table">
          <caption className="sr-only">{t('dash.vsTarget')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('apps.tier')}</th>
              <th scope="col">{t('dash.certified')}</th>
              <th scope="col">{t('dash.target')}</th>
              <th scope="col">{t('dash.share')}</th>
            </tr>
          </thead>
          <tbody>
            {tiers.map((tier) => (
              <tr key={tier.tier}>
                <th scope="row">{label(tier.tier)}</th>
                <td>{tier.certified}</td>
                <td>{tier.target ?? '—'}</td>
                <td>{percent(tier.certified, tier.target)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
};

/** Horizontal bars: the chart is the table's own numbers, drawn (the table stays readable). */
const Bars = ({ rows, caption }: { rows: { name: string; value: number }[]; caption: string }) => {
  const max = Math.max(1, ...rows.map((r) => r.value));
  return (
    <table className="bars">
      <caption className="sr-only">{caption}</caption>
      <tbody>
        {rows.map((r) => (
          <tr key={r.name}>
            <th scope="row">{r.name}</th>
            <td className="bar-cell">
              <div className="bar" aria-hidden="true">
                <span style={{ width: `${(r.value / max) * 100}%` }} />
              </div>
            </td>
            <td>{r.value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
};

const TierCard = ({ tier }: { tier: TierProgress }) => {
  const i18n = useI18n();
  const { t, label } = i18n;
  const share = tier.share ?? (tier.target ? tier.certified / tier.target : undefined);
  const funnelOption = useMemo(() => funnelChart(tier, i18n), [tier, i18n]);
  const created = tier.funnel[0]?.count;
  return (
    <section className="card" aria-label={label(tier.tier)}>
      <h2>{label(tier.tier)}</h2>
      <p data-testid="progress">
        {t('dash.progress', {
          certified: tier.certified,
          target: tier.target ?? '—',
          share: share === undefined ? '—' : `${Math.round(share * 100)}%`,
        })}
      </p>
      <div className="columns">
        <div>
          <h3>{t('dash.funnel')}</h3>
          <div className="chart-beside">
            {created ? (
              <Chart option={funnelOption} height={200} testId="funnel-chart" />
            ) : (
              <p className="muted">{t('dash.noApplications')}</p>
            )}
            <table>
              <caption className="sr-only">{t('dash.funnel')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('apps.state')}</th>
                  <th scope="col">{t('dash.count')}</th>
                  <th scope="col">{t('dash.ofCreated')}</th>
                </tr>
              </thead>
              <tbody>
                {tier.funnel.map((f) => (
                  <tr key={f.stage}>
                    <th scope="row">{label(f.stage)}</th>
                    <td>{f.count}</td>
                    <td>{percent(f.count, created)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <h3>{t('dash.dropOuts')}</h3>
          <Bars
            caption={t('dash.dropOuts')}
            rows={tier.dropOuts.map((d) => ({ name: label(d.reason), value: d.count }))}
          />
        </div>
        <div>
          <h3>{t('dash.stageDays')}</h3>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('apps.state')}</th>
                <th scope="col">p50</th>
                <th scope="col">p90</th>
                <th scope="col">{t('dash.limit')}</th>
                <th scope="col">{t('dash.overLimit')}</th>
              </tr>
            </thead>
            <tbody>
              {tier.stageDays.map((s) => (
                <tr key={s.stage}>
                  <th scope="row">{label(s.stage)}</th>
                  <td>{s.p50 ?? '—'}</td>
                  <td>{s.p90 ?? '—'}</td>
                  <td>{s.limit}</td>
                  <td className={s.overLimit ? 'bad' : undefined}>{s.overLimit}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="small">
            {t('dash.certificates', {
              active: tier.certificates.active,
              expiring: tier.certificates.expiringThisYear,
              revoked: tier.certificates.revoked,
              overdue: tier.annualUpdatesOverdue,
            })}
          </p>
        </div>
      </div>
    </section>
  );
};

export default function Dashboard() {
  const { t, label } = useI18n();
  const { me } = useAuth();
  const [year, setYear] = useState(new Date().getFullYear());
  const [regionCode, setRegionCode] = useState<string | undefined>(me?.jurisdiction?.regionCode);
  const [draftYear, setDraftYear] = useState(String(year));
  const progress = useQuery({
    queryKey: ['progress', year, regionCode],
    queryFn: async () => {
      const data = unwrap(
        await api.GET('/api/v1/statistics/progress', {
          params: { query: { year, ...(regionCode ? { regionCode } : {}) } },
          headers: { Accept: 'application/json' },
        }),
      );
      // The endpoint also speaks CSV; asked for JSON, a string is not an answer.
      if (typeof data === 'string') throw new Error(data);
      return data;
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const y = Number(draftYear);
    if (Number.isInteger(y)) setYear(y);
  };
  return (
    <section className="stack">
      <h1>{t('dash.title')}</h1>
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
        {regionCode !== me?.jurisdiction?.regionCode ? (
          <button type="button" onClick={() => setRegionCode(me?.jurisdiction?.regionCode)}>
            {t('dash.back')}
          </button>
        ) : null}
      </form>
      <QueryView query={progress}>
        {(p) => (
          <>
            <p>
              <strong>{p.name}</strong> {p.regionCode ?? ''} · {p.year}
            </p>
            <ProgressVsTarget tiers={p.tiers} />
            {p.tiers.map((tier) => (
              <TierCard key={tier.tier} tier={tier} />
            ))}
            {p.children.length ? (
              <section className="card">
                <h2>{t('dash.children')}</h2>
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t('apps.region')}</th>
                      {p.tiers.map((tier) => (
                        <th key={tier.tier} scope="col">
                          {label(tier.tier)}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {p.children.map((c) => (
                      <tr key={c.regionCode ?? c.name}>
                        <th scope="row">
                          {c.regionCode ? (
                            <button
                              type="button"
                              onClick={() => setRegionCode(c.regionCode ?? undefined)}
                            >
                              {c.name}
                            </button>
                          ) : (
                            c.name
                          )}
                        </th>
                        {p.tiers.map((tier) => {
                          const x = c.tiers.find((ct) => ct.tier === tier.tier);
                          return (
                            <td key={tier.tier}>
                              {x ? `${x.certified} / ${x.target ?? '—'}` : '—'}
                            </td>
                          );
                        })}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </section>
            ) : null}
          </>
        )}
      </QueryView>
    </section>
  );
}
