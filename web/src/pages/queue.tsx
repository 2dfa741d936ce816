import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap, type Application } from '../api/client';
import { QueueFilters, type QueueFilter } from '../components/queue-filters';
import { Empty, ErrorBox, Loading } from '../components/states';
import { useI18n } from '../i18n/i18n';
import { Link } from '../router';

const DAY_MS = 24 * 60 * 60 * 1000;

const nearest = (a: Application): string | undefined => a.deadlines.map((d) => d.dueAt).sort()[0];

/**
 * What waits for me: the API lists only what the caller's level, region and stage may see; the
 * states a reviewer acts on come first, then by the nearest deadline (none last).
 */
export const sortQueue = (
  items: readonly Application[],
  filter: QueueFilter,
  now: number,
): Application[] =>
  items
    .filter((a) => !['draft', 'certified', 'rejected', 'withdrawn'].includes(a.state))
    .filter((a) => {
      if (!filter.dueWithinDays) return true;
      const due = nearest(a);
      return due !== undefined && Date.parse(due) - now <= filter.dueWithinDays * DAY_MS;
    })
    .sort((x, y) => {
      const a = nearest(x) ?? '9999';
      const b = nearest(y) ?? '9999';
      return a < b ? -1 : a > b ? 1 : x.updatedAt < y.updatedAt ? -1 : 1;
    });

export default function Queue() {
  const { t, label, dateTime } = useI18n();
  const [filter, setFilter] = useState<QueueFilter>({});
  const query = useInfiniteQuery({
    queryKey: ['queue', filter.tier, filter.state, filter.regionCode],
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) =>
      unwrap(
        await api.GET('/api/v1/applications', {
          params: {
            query: {
              limit: 50,
              ...(pageParam ? { cursor: pageParam } : {}),
              ...(filter.tier ? { tier: filter.tier } : {}),
              ...(filter.state ? { state: filter.state } : {}),
              ...(filter.regionCode ? { regionCode: filter.regionCode } : {}),
            },
          },
        }),
      ),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  const items = sortQueue(query.data?.pages.flatMap((p) => p.items) ?? [], filter, Date.now());
  return (
    <section>
      <h1>{t('queue.title')}</h1>
      <QueueFilters value={filter} onChange={setFilter} />
      {query.isPending ? (
        <Loading />
      ) : query.error ? (
        <ErrorBox error={query.error} onRetry={() => void query.refetch()} />
      ) : items.length === 0 ? (
        <Empty />
      ) : (
        <>
          <p className="muted small" role="status">
            {t('queue.count', { count: items.length })}
          </p>
          <table data-testid="queue">
            <thead>
              <tr>
                <th scope="col">{t('apps.tier')}</th>
                <th scope="col">{t('apps.state')}</th>
                <th scope="col">{t('apps.region')}</th>
                <th scope="col">{t('apps.nextDeadline')}</th>
                <th scope="col">{t('apps.updated')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((a) => (
                <tr key={a.id} data-id={a.id}>
                  <td>
                    <Link to={`/applications/${a.id}`}>
                      {label(a.tier)} <span className="mono small">{a.id.slice(0, 8)}</span>
                    </Link>
                  </td>
                  <td>
                    <span className="badge">{label(a.state)}</span>
                  </td>
                  <td>{a.regionCode}</td>
                  <td>{dateTime(nearest(a))}</td>
                  <td>{dateTime(a.updatedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {query.hasNextPage ? (
        <button type="button" onClick={() => void query.fetchNextPage()}>
          {t('common.more')}
        </button>
      ) : null}
    </section>
  );
}
