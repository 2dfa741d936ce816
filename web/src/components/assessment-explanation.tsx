import type { Assessment, Schemas } from '../api/client';
import { useI18n } from '../i18n/i18n';

type Condition = Schemas['ConditionResultSchema'];

const Conditions = ({ items }: { items: readonly Condition[] }) => {
  const { t } = useI18n();
  return (
    <ul>
      {items.map((c) => (
        <li key={c.key}>
          <span className={c.met ? 'ok' : 'bad'}>
            {c.met ? '✓' : '✗'}{' '}
            <span className="sr-only">{c.met ? t('assess.met') : t('assess.notMet')}</span>
          </span>{' '}
          {c.name ?? c.key}: {c.detail}
          {c.parts?.length ? <Conditions items={c.parts} /> : null}
        </li>
      ))}
    </ul>
  );
};

const formatValue = (value: string | number | boolean | null | undefined): string =>
  value === null || value === undefined
    ? '—'
    : typeof value === 'number'
      ? Number.isInteger(value)
        ? String(value)
        : value.toFixed(3)
      : String(value);

/** Why the firm passes or fails: the verdict, the reasons, and each dimension's indicators. */
export const AssessmentExplanation = ({ assessment }: { assessment: Assessment }) => {
  const { t, label } = useI18n();
  const total = assessment.dimensions.reduce((sum, d) => sum + d.max, 0);
  return (
    <section aria-label={t('app.assessment')} className="stack">
      <p>
        <strong className={assessment.eligible ? 'ok' : 'bad'} data-testid="verdict">
          {assessment.eligible ? t('assess.eligible') : t('assess.notEligible')}
        </strong>{' '}
        · {label(assessment.tier)} · {assessment.ruleSet}
        {assessment.route
          ? ` · ${t(assessment.route === 'direct' ? 'assess.route.direct' : 'assess.route.score')}`
          : ''}
      </p>
      {assessment.score !== null && assessment.score !== undefined ? (
        <p>
          {t('assess.score', {
            score: assessment.score,
            max: total,
            passMark: assessment.passMark ?? '—',
          })}
        </p>
      ) : null}
      {assessment.reasons.length ? (
        <div>
          <h3>{t('assess.reasons')}</h3>
          <ul>
            {assessment.reasons.map((reason) => (
              <li key={reason}>{reason}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {assessment.dimensions.map((d) => (
        <div key={d.key}>
          <h3>
            {d.name ?? d.key}: {d.score} / {d.max}
            {d.min !== undefined ? ` (≥ ${d.min})` : ''}
          </h3>
          <div className="bar" aria-hidden="true">
            <span style={{ width: `${d.max ? Math.min(100, (d.score / d.max) * 100) : 0}%` }} />
          </div>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('assess.indicator')}</th>
                <th scope="col">{t('assess.value')}</th>
                <th scope="col">{t('assess.band')}</th>
                <th scope="col">{t('assess.points')}</th>
              </tr>
            </thead>
            <tbody>
              {d.indicators.map((i) => (
                <tr key={i.key}>
                  <th scope="row">
                    {i.name ?? i.key}
                    {i.detail ? <div className="muted small">{i.detail}</div> : null}
                  </th>
                  <td>{formatValue(i.value)}</td>
                  <td>{i.band ?? '—'}</td>
                  <td>
                    {i.points} / {i.max}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
      {assessment.requirements.length ? (
        <div>
          <h3>{t('assess.requirements')}</h3>
          <Conditions items={assessment.requirements} />
        </div>
      ) : null}
      {assessment.directQualifications.length ? (
        <div>
          <h3>{t('assess.direct')}</h3>
          <Conditions items={assessment.directQualifications} />
        </div>
      ) : null}
    </section>
  );
};
