import { useInfiniteQuery, useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { api, fetchBlob, saveBlob, unwrap } from '../api/client';
import { Empty, ErrorBox, Loading } from '../components/states';
import { TIME_ZONE, useI18n } from '../i18n/i18n';
import { Link } from '../router';
import { Timeline } from './application';

type Filter = {
  type?: string;
  applicationId?: string;
  regionCode?: string;
  from?: string;
  to?: string;
};

/** A datetime-local value, read as China time, as an ISO instant. */
export const chinaLocalToIso = (value: string): string | undefined =>
  value ? new Date(`${value}:00+08:00`).toISOString() : undefined;

const exportQuery = (filter: Filter, format: 'ndjson' | 'csv'): string => {
  const params = new URLSearchParams({ format });
  for (const [key, value] of Object.entries(filter)) if (value) params.set(key, value);
  return `/api/v1/audit/events/export?${params.toString()}`;
};

export default function Audit({ applicationId }: { applicationId?: string }) {
  const { t } = useI18n();
  return (
    <section className="stack">
      <h1>{t('audit.title')}</h1>
      <VerifyChain />
      {applicationId ? <CaseView id={applicationId} /> : null}
      <EventSearch />
    </section>
  );
}

const VerifyChain = () => {
  const { t } = useI18n();
  const verify = useMutation({
    mutationFn: async () => unwrap(await api.GET('/api/v1/audit/verify')),
  });
  return (
    <div className="card">
      <button
        type="button"
        className="primary"
        onClick={() => verify.mutate()}
        disabled={verify.isPending}
      >
        {t('audit.verify')}
      </button>
      {verify.isPending ? <Loading /> : null}
      {verify.error ? <ErrorBox error={verify.error} /> : null}
      {verify.data ? (
        <div
          role="status"
          data-testid="verify-result"
          className={verify.data.ok ? 'notice' : 'error'}
        >
          {verify.data.ok
            ? t('audit.verifyOk', {
                count: verify.data.eventsChecked,
                head: verify.data.headHash.slice(0, 16),
              })
            : t('audit.verifyBroken', {
                seq: verify.data.firstInvalidSeq ?? '?',
                reason:
                  verify.data.invalidReason ??
                  verify.data.problems.map((p) => JSON.stringify(p)).join('; '),
              })}
        </div>
      ) : null}
    </div>
  );
};

const CaseView = ({ id }: { id: string }) => {
  const { t } = useI18n();
  const [done, setDone] = useState<string | null>(null);
  const bundle = useMutation({
    mutationFn: async () =>
      unwrap(await api.GET('/api/v1/audit/applications/{id}/bundle', { params: { path: { id } } })),
    onSuccess: (data) => {
      const file = `case-bundle-${id}.json`;
      saveBlob(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }), file);
      setDone(t('audit.bundleDone', { file }));
    },
  });
  return (
    <div className="stack">
      <h2>
        {t('audit.caseTimeline')} <span className="mono small">{id}</span>
      </h2>
      <div className="row">
        <Link to={`/applications/${id}`}>{t('apps.open')}</Link>
        <button type="button" onClick={() => bundle.mutate()} disabled={bundle.isPending}>
          {t('audit.bundle')}
        </button>
      </div>
      {bundle.error ? <ErrorBox error={bundle.error} /> : null}
      {done ? (
        <p className="notice" role="status">
          {done}
        </p>
      ) : null}
      <Timeline id={id} />
    </div>
  );
};

const EventSearch = () => {
  const { t, label, dateTime } = useI18n();
  const [filter, setFilter] = useState<Filter>({});
  const [draft, setDraft] = useState({
    type: '',
    applicationId: '',
    regionCode: '',
    from: '',
    to: '',
  });
  const [exportError, setExportError] = useState<unknown>();
  const query = useInfiniteQuery({
    queryKey: ['audit-events', filter],
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) =>
      unwrap(
        await api.GET('/api/v1/audit/events', {
          params: { query: { limit: 50, ...(pageParam ? { cursor: pageParam } : {}), ...filter } },
        }),
      ),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const next: Filter = {};
    if (draft.type.trim()) next.type = draft.type.trim();
    if (draft.applicationId.trim()) next.applicationId = draft.applicationId.trim();
    if (draft.regionCode.trim()) next.regionCode = draft.regionCode.trim();
    const from = chinaLocalToIso(draft.from);
    const to = chinaLocalToIso(draft.to);
    if (from) next.from = from;
    if (to) next.to = to;
    setFilter(next);
  };
  const download = async (format: 'ndjson' | 'csv') => {
    setExportError(undefined);
    try {
      saveBlob(await fetchBlob(exportQuery(filter, format)), `audit-events.${format}`);
    } catch (e) {
      setExportError(e);
    }
  };
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <div className="stack">
      <h2>{t('audit.search')}</h2>
      <form className="row card" onSubmit={submit} aria-label={t('audit.search')}>
        <label>
          {t('audit.type')}
          <input
            value={draft.type}
            placeholder="review.recommend"
            onChange={(e) => setDraft({ ...draft, type: e.target.value })}
          />
        </label>
        <label>
          {t('audit.applicationId')}
          <input
            value={draft.applicationId}
            onChange={(e) => setDraft({ ...draft, applicationId: e.target.value })}
          />
        </label>
        <label>
          {t('apps.region')}
          <input
            value={draft.regionCode}
            onChange={(e) => setDraft({ ...draft, regionCode: e.target.value })}
          />
        </label>
        <label>
          {t('audit.from')} ({TIME_ZONE})
          <input
            type="datetime-local"
            value={draft.from}
            onChange={(e) => setDraft({ ...draft, from: e.target.value })}
          />
        </label>
        <label>
          {t('audit.to')} ({TIME_ZONE})
          <input
            type="datetime-local"
            value={draft.to}
            onChange={(e) => setDraft({ ...draft, to: e.target.value })}
          />
        </label>
        <button type="submit">{t('common.apply')}</button>
      </form>
      <div className="row">
        <button type="button" onClick={() => void download('ndjson')}>
          {t('audit.exportNdjson')}
        </button>
        <button type="button" onClick={() => void download('csv')}>
          {t('audit.exportCsv')}
        </button>
      </div>
      {exportError ? <ErrorBox error={exportError} /> : null}
      {query.isPending ? (
        <Loading />
      ) : query.error ? (
        <ErrorBox error={query.error} onRetry={() => void query.refetch()} />
      ) : items.length === 0 ? (
        <Empty />
      ) : (
        <table data-testid="audit-events">
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">{t('timeline.at')}</th>
              <th scope="col">{t('timeline.event')}</th>
              <th scope="col">{t('timeline.actor')}</th>
              <th scope="col">{t('timeline.change')}</th>
              <th scope="col">{t('timeline.hash')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((e) => (
              <tr key={e.seq}>
                <td>{e.seq}</td>
                <td>{dateTime(e.at)}</td>
                <td>
                  {label(e.event)}
                  {e.subject.type === 'application' ? (
                    <div className="small">
                      <Link to={`/audit/applications/${e.subject.id}`}>
                        {t('audit.caseTimeline')}
                      </Link>
                    </div>
                  ) : null}
                </td>
                <td>{label(e.actor.role)}</td>
                <td>
                  {label(e.fromState)} → {label(e.toState)}
                </td>
                <td className="mono small">{e.hash.slice(0, 16)}…</td>
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
    </div>
  );
};
