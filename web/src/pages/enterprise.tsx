import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useDeferredValue, useMemo, useState } from 'react';
import type { FormEvent } from 'react';
import { api, unwrap, TIERS, type Application, type Facts, type Tier } from '../api/client';
import { useAuth } from '../auth/auth';
import { AssessmentExplanation } from '../components/assessment-explanation';
import { Empty, ErrorBox, Loading, QueryView } from '../components/states';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';
import { Link, navigate } from '../router';

type Section = 'applications' | 'applications/new' | 'notifications' | 'certificates';

export default function Enterprise({ section }: { section: Section }) {
  if (section === 'applications/new') return <NewApplication />;
  if (section === 'notifications') return <Notifications />;
  if (section === 'certificates') return <Certificates />;
  return <MyApplications />;
}

export const nextDeadline = (application: Pick<Application, 'deadlines'>): string | undefined =>
  application.deadlines.map((d) => d.dueAt).sort()[0];

const MyApplications = () => {
  const { t, label, dateTime } = useI18n();
  const { me } = useAuth();
  const query = useInfiniteQuery({
    queryKey: ['applications', 'mine', me?.enterpriseId],
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) =>
      unwrap(
        await api.GET('/api/v1/applications', {
          params: {
            query: {
              limit: 20,
              ...(pageParam ? { cursor: pageParam } : {}),
              ...(me?.enterpriseId ? { enterpriseId: me.enterpriseId } : {}),
            },
          },
        }),
      ),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <section>
      <h1>{t('apps.title')}</h1>
      <p>
        <Link to="/applications/new">{t('nav.newApplication')}</Link>
      </p>
      {query.isPending ? (
        <Loading />
      ) : query.error ? (
        <ErrorBox error={query.error} onRetry={() => void query.refetch()} />
      ) : items.length === 0 ? (
        <Empty />
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('apps.tier')}</th>
              <th scope="col">{t('apps.state')}</th>
              <th scope="col">{t('apps.nextDeadline')}</th>
              <th scope="col">{t('apps.updated')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((a) => (
              <tr key={a.id}>
                <td>
                  <Link to={`/applications/${a.id}`}>{label(a.tier)}</Link>
                </td>
                <td>
                  <span className="badge" data-testid="state">
                    {label(a.state)}
                  </span>
                </td>
                <td>{dateTime(nextDeadline(a))}</td>
                <td>{dateTime(a.updatedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {query.hasNextPage ? (
        <button type="button" onClick={() => void query.fetchNextPage()}>
          {t('common.more')}
        </button>
      ) : null}
    </section>
  );
};

type YearFields = {
  operatingRevenue: string;
  mainBusinessRevenue: string;
  rdExpense: string;
  netProfit: string;
  totalAssets: string;
  totalLiabilities: string;
  employees: string;
  rdEmployees: string;
};
const YEAR_FIELDS: (keyof YearFields)[] = [
  'operatingRevenue',
  'mainBusinessRevenue',
  'rdExpense',
  'netProfit',
  'totalAssets',
  'totalLiabilities',
  'employees',
  'rdEmployees',
];
const emptyYear = (): YearFields => ({
  operatingRevenue: '',
  mainBusinessRevenue: '',
  rdExpense: '',
  netProfit: '',
  totalAssets: '',
  totalLiabilities: '',
  employees: '',
  rdEmployees: '',
});

const SECTORS = [
  'industry',
  'software_it',
  'information_transmission',
  'wholesale',
  'retail',
  'construction',
  'transport',
  'agriculture',
  'other',
] as const;
const TITLES = [
  'high_tech_enterprise',
  'tech_innovation_demonstration',
  'ip_advantage',
  'ip_demonstration',
] as const;
const ELIGIBILITY = [
  ['registeredInMainland', true],
  ['independentLegalPerson', true],
  ['abnormalOrDishonestListed', false],
  ['prohibitedProducts', false],
  ['majorIncidentLast3Years', false],
] as const;
const RD_INSTITUTIONS = ['national', 'provincial', 'municipal', 'below_municipal'] as const;

type Form = {
  tier: Tier;
  callId: string;
  sector: (typeof SECTORS)[number];
  years: [YearFields, YearFields];
  classI: string;
  classII: string;
  nicheMarketSince: string;
  digitalLevel: string;
  rdInstitution: string;
  titles: string[];
  eligibility: Record<string, boolean>;
};

const num = (s: string): number | undefined => (s.trim() === '' ? undefined : Number(s));

/** The form as the API's facts: empty fields are left out. */
export const toFacts = (form: Form, lastYear: number): Facts => {
  const financials = form.years.map((y, i) => {
    const row: Record<string, number> = { year: lastYear - 1 + i };
    for (const field of YEAR_FIELDS) {
      const value = num(y[field]);
      if (value !== undefined && !Number.isNaN(value)) row[field] = value;
    }
    return row;
  });
  const classI = num(form.classI);
  const classII = num(form.classII);
  const digital = num(form.digitalLevel);
  return {
    sector: form.sector,
    financials: financials.filter((row) => Object.keys(row).length > 1) as Facts['financials'],
    ip: {
      ...(classI !== undefined ? { classI } : {}),
      ...(classII !== undefined ? { classII } : {}),
    },
    ...(form.nicheMarketSince ? { nicheMarketSince: form.nicheMarketSince } : {}),
    ...(digital === 1 || digital === 2 || digital === 3 || digital === 4
      ? { digitalLevel: digital }
      : {}),
    rdInstitution: (form.rdInstitution || null) as Facts['rdInstitution'],
    titles: form.titles as Facts['titles'],
    eligibility: form.eligibility,
  };
};

const NewApplication = () => {
  const { t, label } = useI18n();
  const { me } = useAuth();
  const queryClient = useQueryClient();
  const lastYear = new Date().getFullYear() - 1;
  const [form, setForm] = useState<Form>({
    tier: 'innovative_sme',
    callId: '',
    sector: 'industry',
    years: [emptyYear(), emptyYear()],
    classI: '',
    classII: '',
    nicheMarketSince: '',
    digitalLevel: '',
    rdInstitution: '',
    titles: [],
    eligibility: Object.fromEntries(ELIGIBILITY),
  });
  const facts = useMemo(() => toFacts(form, lastYear), [form, lastYear]);
  // The self-assessment follows the form as it is typed (deferred, cached per facts).
  const deferred = useDeferredValue(JSON.stringify({ tier: form.tier, facts }));
  const assessment = useQuery({
    queryKey: ['assessment', deferred],
    queryFn: async () => {
      const body = JSON.parse(deferred) as { tier: Tier; facts: Facts };
      return unwrap(await api.POST('/api/v1/assessments', { body }));
    },
    placeholderData: (previous) => previous,
  });
  const calls = useQuery({
    queryKey: ['calls', 'open'],
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/calls', { params: { query: { open: true } } })),
  });
  const create = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.POST('/api/v1/applications', {
          params: { header: { 'Idempotency-Key': crypto.randomUUID() } },
          body: {
            tier: form.tier,
            enterpriseId: me?.enterpriseId ?? '',
            facts,
            ...(form.callId ? { callId: form.callId } : {}),
          },
        }),
      ),
    onSuccess: async (application) => {
      await queryClient.invalidateQueries({ queryKey: ['applications'] });
      navigate(`/applications/${application.id}`);
    },
  });
  const setYear = (i: 0 | 1, field: keyof YearFields, value: string) => {
    const years: [YearFields, YearFields] = [{ ...form.years[0] }, { ...form.years[1] }];
    years[i][field] = value;
    setForm({ ...form, years });
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  return (
    <section>
      <h1>{t('new.title')}</h1>
      <div className="columns">
        <form className="stack card" onSubmit={submit} aria-label={t('new.title')}>
          <div className="row">
            <label>
              {t('new.tier')}
              <select
                value={form.tier}
                onChange={(e) => setForm({ ...form, tier: e.target.value as Tier })}
              >
                {TIERS.map((tier) => (
                  <option key={tier} value={tier}>
                    {label(tier)}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('new.call')}
              <select
                value={form.callId}
                onChange={(e) => setForm({ ...form, callId: e.target.value })}
              >
                <option value="">{t('new.noCall')}</option>
                {calls.data?.items
                  .filter((c) => c.tier === form.tier)
                  .map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.year} {label(c.tier)} {c.regionCode ?? ''}
                    </option>
                  ))}
              </select>
            </label>
            <label>
              {t('new.sector')}
              <select
                value={form.sector}
                onChange={(e) => setForm({ ...form, sector: e.target.value as Form['sector'] })}
              >
                {SECTORS.map((s) => (
                  <option key={s} value={s}>
                    {label(s)}
                  </option>
                ))}
              </select>
            </label>
          </div>
          {([0, 1] as const).map((i) => (
            <fieldset key={i}>
              <legend>{t('new.year', { year: lastYear - 1 + i })}</legend>
              <div className="grid">
                {YEAR_FIELDS.map((field) => (
                  <label key={field}>
                    {t(`new.${field}` as MessageKey)}
                    <input
                      name={`y${lastYear - 1 + i}.${field}`}
                      inputMode="decimal"
                      value={form.years[i][field]}
                      onChange={(e) => setYear(i, field, e.target.value)}
                    />
                  </label>
                ))}
              </div>
            </fieldset>
          ))}
          <fieldset>
            <legend>{t('new.ip')}</legend>
            <div className="grid">
              <label>
                {t('new.classI')}
                <input
                  name="classI"
                  inputMode="numeric"
                  value={form.classI}
                  onChange={(e) => setForm({ ...form, classI: e.target.value })}
                />
              </label>
              <label>
                {t('new.classII')}
                <input
                  name="classII"
                  inputMode="numeric"
                  value={form.classII}
                  onChange={(e) => setForm({ ...form, classII: e.target.value })}
                />
              </label>
              <label>
                {t('new.nicheMarketSince')}
                <input
                  name="nicheMarketSince"
                  type="date"
                  value={form.nicheMarketSince}
                  onChange={(e) => setForm({ ...form, nicheMarketSince: e.target.value })}
                />
              </label>
              <label>
                {t('new.digitalLevel')}
                <input
                  name="digitalLevel"
                  inputMode="numeric"
                  value={form.digitalLevel}
                  onChange={(e) => setForm({ ...form, digitalLevel: e.target.value })}
                />
              </label>
              <label>
                {t('new.rdInstitution')}
                <select
                  name="rdInstitution"
                  value={form.rdInstitution}
                  onChange={(e) => setForm({ ...form, rdInstitution: e.target.value })}
                >
                  <option value="">{t('common.none')}</option>
                  {RD_INSTITUTIONS.map((r) => (
                    <option key={r} value={r}>
                      {label(r)}
                    </option>
                  ))}
                </select>
              </label>
            </div>
          </fieldset>
          <fieldset>
            <legend>{t('new.titles')}</legend>
            {TITLES.map((title) => (
              <label key={title} className="check">
                <input
                  type="checkbox"
                  checked={form.titles.includes(title)}
                  onChange={(e) =>
                    setForm({
                      ...form,
                      titles: e.target.checked
                        ? [...form.titles, title]
                        : form.titles.filter((x) => x !== title),
                    })
                  }
                />
                {label(title)}
              </label>
            ))}
          </fieldset>
          <fieldset>
            <legend>{t('new.eligibility')}</legend>
            {ELIGIBILITY.map(([key]) => (
              <label key={key} className="check">
                <input
                  type="checkbox"
                  checked={form.eligibility[key] ?? false}
                  onChange={(e) =>
                    setForm({
                      ...form,
                      eligibility: { ...form.eligibility, [key]: e.target.checked },
                    })
                  }
                />
                {label(key)}
              </label>
            ))}
          </fieldset>
          {create.error ? <ErrorBox error={create.error} /> : null}
          <button
            type="submit"
            className="primary"
            disabled={create.isPending || !me?.enterpriseId}
          >
            {t('new.submit')}
          </button>
        </form>
        <aside className="card" aria-live="polite" aria-label={t('new.assessment')}>
          <h2>{t('new.assessment')}</h2>
          {assessment.data ? (
            <AssessmentExplanation assessment={assessment.data} />
          ) : assessment.error ? (
            <ErrorBox error={assessment.error} />
          ) : assessment.isPending ? (
            <Loading />
          ) : (
            <Empty>{t('assess.none')}</Empty>
          )}
          {assessment.data && assessment.error ? <ErrorBox error={assessment.error} /> : null}
        </aside>
      </div>
    </section>
  );
};

const Notifications = () => {
  const { t, dateTime, label, locale } = useI18n();
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: ['notifications', locale],
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/me/notifications', {
          params: { query: { limit: 50 }, header: { 'accept-language': locale } },
        }),
      ),
  });
  const markRead = useMutation({
    mutationFn: async (id: string) =>
      unwrap(await api.POST('/api/v1/me/notifications/{id}/read', { params: { path: { id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['notifications'] }),
  });
  return (
    <section>
      <h1>{t('notifications.title')}</h1>
      <QueryView query={query} isEmpty={(d) => d.items.length === 0}>
        {(data) => (
          <>
            <p>{t('notifications.unread', { count: data.unreadCount })}</p>
            <ul className="stack" style={{ listStyle: 'none', padding: 0 }}>
              {data.items.map((n) => (
                <li key={n.id} className="card">
                  <strong>{n.title}</strong>{' '}
                  {n.readAt ? null : <span className="badge warn">{t('notifications.new')}</span>}
                  <p>{n.body}</p>
                  <p className="muted small">
                    {dateTime(n.createdAt)}
                    {n.dueAt ? ` · ${t('notifications.due', { date: dateTime(n.dueAt) })}` : ''}
                  </p>
                  {n.requestedDocuments?.length ? (
                    <ul>
                      {n.requestedDocuments.map((d, i) => (
                        <li key={i}>
                          {label(d.kind)} {d.year ?? ''} {d.note ?? ''}
                        </li>
                      ))}
                    </ul>
                  ) : null}
                  <div className="row">
                    {n.subject.kind === 'application' ? (
                      <Link to={`/applications/${n.subject.id}`}>{t('common.open')}</Link>
                    ) : null}
                    {n.readAt ? null : (
                      <button type="button" onClick={() => markRead.mutate(n.id)}>
                        {t('notifications.markRead')}
                      </button>
                    )}
                  </div>
                </li>
              ))}
            </ul>
          </>
        )}
      </QueryView>
    </section>
  );
};

const Certificates = () => {
  const { t, label, date, dateTime } = useI18n();
  const { me } = useAuth();
  const query = useQuery({
    queryKey: ['certificates', me?.enterpriseId],
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/certificates', {
          params: {
            query: { limit: 50, ...(me?.enterpriseId ? { enterpriseId: me.enterpriseId } : {}) },
          },
        }),
      ),
  });
  return (
    <section>
      <h1>{t('certs.title')}</h1>
      <QueryView query={query} isEmpty={(d) => d.items.length === 0}>
        {(data) => (
          <table>
            <thead>
              <tr>
                <th scope="col">{t('apps.tier')}</th>
                <th scope="col">{t('certs.status')}</th>
                <th scope="col">{t('certs.validity')}</th>
                <th scope="col">{t('app.deadlines')}</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((c) => (
                <tr key={c.id} data-testid="certificate">
                  <td>
                    <Link to={`/applications/${c.applicationId}`}>{label(c.tier)}</Link>
                  </td>
                  <td>
                    <span className="badge">{label(c.status)}</span>
                  </td>
                  <td>{t('certs.valid', { from: date(c.validFrom), to: date(c.validTo) })}</td>
                  <td>
                    {c.annualUpdateDue
                      ? t('certs.annualDue', {
                          year: c.annualUpdateDue.year,
                          date: dateTime(c.annualUpdateDue.dueAt),
                        })
                      : t('certs.annualNone')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </QueryView>
    </section>
  );
};
