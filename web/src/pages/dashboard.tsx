import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { api, unwrap, type Schemas } from '../api/client';
import { useAuth } from '../auth/auth';
import { QueryView } from '../components/states';
import { useI18n } from '../i18n/i18n';

type TierProgress = Schemas['TierProgressSchema'];

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
  const { t, label } = useI18n();
  const share = tier.share ?? (tier.target ? tier.certified / tier.target : undefined);
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
      {share !== undefined ? (
        <div className="bar" aria-hidden="true">
          <span style={{ width: `${Math.min(100, share * 100)}%` }} />
        </div>
      ) : null}
      <div className="columns">
        <div>
          <h3>{t('dash.funnel')}</h3>
          <Bars
            caption={t('dash.funnel')}
            rows={tier.funnel.map((f) => ({ name: label(f.stage), value: f.count }))}
          />
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
