import type { ReactNode } from 'react';
import { ApiError } from '../api/client';
import { useI18n } from '../i18n/i18n';

export const Loading = () => {
  const { t } = useI18n();
  return (
    <p role="status" aria-live="polite" className="muted">
      {t('state.loading')}
    </p>
  );
};

export const Empty = ({ children }: { children?: ReactNode }) => {
  const { t } = useI18n();
  return <p className="empty">{children ?? t('state.empty')}</p>;
};

/** A problem+json answer in words: title, detail, reasons, field errors and the request id. */
export const ErrorBox = ({ error, onRetry }: { error: unknown; onRetry?: () => void }) => {
  const { t } = useI18n();
  const problem = error instanceof ApiError ? error.problem : undefined;
  const title = problem?.title ?? t('state.error');
  const detail = problem?.detail ?? (error instanceof Error ? error.message : t('state.error'));
  return (
    <div role="alert" className="error">
      <strong>{title}</strong>
      {detail && detail !== title ? <p>{detail}</p> : null}
      {problem?.reasons?.length ? (
        <ul>
          {problem.reasons.map((reason) => (
            <li key={reason}>{reason}</li>
          ))}
        </ul>
      ) : null}
      {problem?.errors?.length ? (
        <ul>
          {problem.errors.map((e) => (
            <li key={`${e.field}:${e.message}`}>
              <code>{e.field}</code>: {e.message}
            </li>
          ))}
        </ul>
      ) : null}
      {problem?.requestId ? (
        <p className="muted small">
          {t('state.requestId')}: <code>{problem.requestId}</code>
        </p>
      ) : null}
      {onRetry ? (
        <button type="button" onClick={onRetry}>
          {t('state.retry')}
        </button>
      ) : null}
    </div>
  );
};

/** Loading, error or the content of one query. */
export const QueryView = <T,>({
  query,
  children,
  isEmpty,
}: {
  query: { isPending: boolean; error: unknown; data: T | undefined; refetch: () => unknown };
  children: (data: T) => ReactNode;
  isEmpty?: (data: T) => boolean;
}) => {
  if (query.isPending) return <Loading />;
  if (query.error || query.data === undefined)
    return <ErrorBox error={query.error} onRetry={() => void query.refetch()} />;
  if (isEmpty?.(query.data)) return <Empty />;
  return <>{children(query.data)}</>;
};
