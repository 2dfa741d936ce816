import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import {
  api,
  DOCUMENT_KINDS,
  fetchBlob,
  unwrap,
  type AppEvent,
  type Application,
  type DocumentKind,
  type Schemas,
} from '../api/client';
import { useAuth } from '../auth/auth';
import { ActionButtons } from '../components/action-buttons';
import { AssessmentExplanation } from '../components/assessment-explanation';
import { StateDiagram } from '../components/state-diagram';
import { ErrorBox, QueryView } from '../components/states';
import { useI18n } from '../i18n/i18n';

type Document = Schemas['DocumentSchema'];

/** Events that carry reasons (and, for a return, the documents asked for). */
const NEEDS_FORM = new Set<AppEvent>([
  'review.return',
  'review.reject',
  'expert.review.record',
  'withdraw',
]);

export default function ApplicationPage({ id }: { id: string }) {
  const { t, label, dateTime } = useI18n();
  const application = useQuery({
    queryKey: ['application', id],
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/applications/{id}', { params: { path: { id } } })),
  });
  return (
    <QueryView query={application}>
      {(a) => (
        <article className="stack">
          <header>
            <h1>
              {label(a.tier)}{' '}
              <span className="badge" data-testid="application-state">
                {label(a.state)}
              </span>
            </h1>
            <p className="muted small">
              <span className="mono">{a.id}</span> · {t('apps.region')} {a.regionCode} ·{' '}
              {t('apps.updated')} {dateTime(a.updatedAt)}
            </p>
            {a.deadlines.length ? (
              <p>
                {t('app.deadlines')}:{' '}
                {a.deadlines.map((d) => `${label(d.purpose)} ${dateTime(d.dueAt)}`).join('; ')}
              </p>
            ) : null}
          </header>
          <Actions application={a} />
          <Diagram application={a} />
          <div className="columns">
            <div>
              <section className="card">
                <h2>{t('app.assessment')}</h2>
                {a.assessment ? (
                  <AssessmentExplanation assessment={a.assessment} />
                ) : (
                  <LiveAssessment application={a} />
                )}
              </section>
              <Documents application={a} />
            </div>
            <div>
              <section className="card">
                <h2>{t('app.facts')}</h2>
                <Facts facts={a.facts} />
              </section>
            </div>
          </div>
          <Timeline id={a.id} />
        </article>
      )}
    </QueryView>
  );
}

const LiveAssessment = ({ application }: { application: Application }) => {
  const query = useQuery({
    queryKey: ['assessment', application.id, application.version],
    queryFn: async () =>
      unwrap(
        await api.POST('/api/v1/assessments', {
          body: {
            tier: application.tier,
            facts: application.facts,
            regionCode: application.regionCode,
          },
        }),
      ),
  });
  return (
    <QueryView query={query}>
      {(assessment) => <AssessmentExplanation assessment={assessment} />}
    </QueryView>
  );
};

const Facts = ({ facts }: { facts: Record<string, unknown> }) => {
  const { t, label } = useI18n();
  const financials = Array.isArray(facts.financials)
    ? (facts.financials as Record<string, unknown>[])
    : [];
  const rest = Object.entries(facts).filter(([key]) => key !== 'financials');
  return (
    <>
      {financials.length ? (
        <div className="scroll" tabIndex={0} role="region" aria-label={t('app.facts')}>
          <table>
            <thead>
              <tr>
                {Object.keys(financials[0] ?? {}).map((k) => (
                  <th key={k} scope="col">
                    {k}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {financials.map((row, i) => (
                <tr key={i}>
                  {Object.entries(row).map(([k, v]) => (
                    <td key={k}>
                      {typeof v === 'number' && k !== 'year'
                        ? v.toLocaleString()
                        : String(v as string | number)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <dl className="small">
        {rest.map(([key, value]) => (
          <div key={key}>
            <dt>
              <strong>{label(key)}</strong>
            </dt>
            <dd className="mono">
              {typeof value === 'object'
                ? JSON.stringify(value)
                : label(String(value as string | number | boolean))}
            </dd>
          </div>
        ))}
      </dl>
    </>
  );
};

const Actions = ({ application }: { application: Application }) => {
  const { t, label } = useI18n();
  const { me } = useAuth();
  const queryClient = useQueryClient();
  const workflow = useQuery({
    queryKey: ['workflow', application.machineId],
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/workflows/{id}', {
          params: { path: { id: application.machineId } },
        }),
      ),
    staleTime: Infinity,
  });
  const [open, setOpen] = useState<AppEvent | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const send = useMutation({
    mutationFn: async (body: Schemas['ApplicationEventDto']) =>
      unwrap(
        await api.POST('/api/v1/applications/{id}/events', {
          params: {
            path: { id: application.id },
            header: {
              'If-Match': `"${application.version}"`,
              'Idempotency-Key': crypto.randomUUID(),
            },
          },
          body,
        }),
      ),
    onSuccess: async (next, body) => {
      setOpen(null);
      setDone(t('actions.done', { event: label(body.type), state: label(next.state) }));
      queryClient.setQueryData(['application', application.id], next);
      await queryClient.invalidateQueries({ predicate: (q) => q.queryKey[0] !== 'application' });
    },
  });
  return (
    <section className="card" aria-labelledby="actions-title">
      <h2 id="actions-title">{t('app.actions')}</h2>
      {workflow.data && me ? (
        <ActionButtons
          workflow={workflow.data}
          application={application}
          role={me.role}
          busy={send.isPending}
          onAction={(event) => {
            setDone(null);
            send.reset();
            if (NEEDS_FORM.has(event)) setOpen(event);
            else send.mutate({ type: event });
          }}
        />
      ) : workflow.error ? (
        <ErrorBox error={workflow.error} />
      ) : null}
      {open ? (
        <EventForm
          event={open}
          busy={send.isPending}
          onCancel={() => setOpen(null)}
          onSend={(body) => send.mutate(body)}
        />
      ) : null}
      {send.error ? <ErrorBox error={send.error} /> : null}
      {done ? (
        <p className="notice" role="status">
          {done}
        </p>
      ) : null}
    </section>
  );
};

const EXPERT_DIMENSIONS = [
  'specialization',
  'refinement',
  'distinctiveness',
  'innovation',
] as const;

const EventForm = ({
  event,
  busy,
  onCancel,
  onSend,
}: {
  event: AppEvent;
  busy: boolean;
  onCancel: () => void;
  onSend: (body: Schemas['ApplicationEventDto']) => void;
}) => {
  const { t, label } = useI18n();
  const [comment, setComment] = useState('');
  const [reasons, setReasons] = useState('');
  const [requested, setRequested] = useState<DocumentKind[]>([]);
  const [scores, setScores] = useState<Record<string, string>>({});
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const lines = reasons
      .split('\n')
      .map((r) => r.trim())
      .filter(Boolean);
    const data: Record<string, unknown> = {};
    if (event === 'review.return' && requested.length)
      data.requestedDocuments = requested.map((kind) => ({ kind }));
    if (event === 'expert.review.record') {
      data.scores = Object.fromEntries(
        Object.entries(scores)
          .filter(([, v]) => v.trim() !== '')
          .map(([k, v]) => [k, Number(v)]),
      );
    }
    onSend({
      type: event,
      ...(comment.trim() ? { comment: comment.trim() } : {}),
      ...(lines.length ? { reasons: lines } : {}),
      ...(Object.keys(data).length ? { data } : {}),
    });
  };
  return (
    <form className="stack" onSubmit={submit} aria-label={label(event)}>
      <h3>{label(event)}</h3>
      {event === 'review.return' || event === 'review.reject' ? (
        <label>
          {t('actions.reasons')}
          <textarea
            name="reasons"
            rows={3}
            required
            value={reasons}
            onChange={(e) => setReasons(e.target.value)}
          />
        </label>
      ) : null}
      {event === 'review.return' ? (
        <fieldset>
          <legend>{t('actions.requestedDocuments')}</legend>
          {DOCUMENT_KINDS.map((kind) => (
            <label key={kind} className="check">
              <input
                type="checkbox"
                checked={requested.includes(kind)}
                onChange={(e) =>
                  setRequested(
                    e.target.checked ? [...requested, kind] : requested.filter((k) => k !== kind),
                  )
                }
              />
              {label(kind)}
            </label>
          ))}
        </fieldset>
      ) : null}
      {event === 'expert.review.record' ? (
        <fieldset>
          <legend>{t('actions.scores')}</legend>
          <div className="grid">
            {EXPERT_DIMENSIONS.map((d) => (
              <label key={d}>
                {d}
                <input
                  inputMode="numeric"
                  value={scores[d] ?? ''}
                  onChange={(e) => setScores({ ...scores, [d]: e.target.value })}
                />
              </label>
            ))}
          </div>
        </fieldset>
      ) : null}
      <label>
        {t('actions.comment')}
        <textarea
          name="comment"
          rows={2}
          value={comment}
          onChange={(e) => setComment(e.target.value)}
        />
      </label>
      <div className="row">
        <button type="submit" className="primary" disabled={busy}>
          {t('actions.send')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
};

const Diagram = ({ application }: { application: Application }) => {
  const { t } = useI18n();
  const workflow = useQuery({
    queryKey: ['workflow', application.machineId],
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/workflows/{id}', {
          params: { path: { id: application.machineId } },
        }),
      ),
    staleTime: Infinity,
  });
  return (
    <section className="card">
      <h2>{t('app.diagram')}</h2>
      <QueryView query={workflow}>
        {(w) => <StateDiagram workflow={w} current={application.state} />}
      </QueryView>
    </section>
  );
};

const Documents = ({ application }: { application: Application }) => {
  const { t, label, dateTime } = useI18n();
  const { me } = useAuth();
  const queryClient = useQueryClient();
  const id = application.id;
  const checklist = useQuery({
    queryKey: ['checklist', id, application.version],
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/applications/{id}/documents/checklist', {
          params: { path: { id } },
        }),
      ),
  });
  const documents = useQuery({
    queryKey: ['documents', id],
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/applications/{id}/documents', {
          params: { path: { id }, query: { limit: 100 } },
        }),
      ),
  });
  const [preview, setPreview] = useState<Document | null>(null);
  const [kind, setKind] = useState<DocumentKind>('commitment_letter');
  const [year, setYear] = useState('');
  const [note, setNote] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [uploaded, setUploaded] = useState<string | null>(null);
  const upload = useMutation({
    mutationFn: async () => {
      if (!file) throw new Error(t('docs.file'));
      const form = new FormData();
      form.append('kind', kind);
      if (year.trim()) form.append('year', year.trim());
      if (note.trim()) form.append('note', note.trim());
      form.append('file', file, file.name);
      return unwrap(
        await api.POST('/api/v1/applications/{id}/documents', {
          params: { path: { id }, header: { 'Idempotency-Key': crypto.randomUUID() } },
          body: { kind, file: '' },
          bodySerializer: () => form,
        }),
      );
    },
    onSuccess: async (doc) => {
      setUploaded(t('docs.uploaded', { name: doc.fileName }));
      setFile(null);
      await queryClient.invalidateQueries({ queryKey: ['documents', id] });
      await queryClient.invalidateQueries({ queryKey: ['checklist', id] });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setUploaded(null);
    upload.mutate();
  };
  return (
    <section className="card">
      <h2>{t('app.documents')}</h2>
      {application.documentRequest ? (
        <div className="notice">
          <strong>{t('app.requested')}</strong>
          <ul>
            {application.documentRequest.items.map((d, i) => (
              <li key={i}>
                {label(d.kind)} {d.year ?? ''} {d.note ?? ''}
              </li>
            ))}
          </ul>
          {application.documentRequest.dueAt ? (
            <p>{dateTime(application.documentRequest.dueAt)}</p>
          ) : null}
        </div>
      ) : null}
      <h3>{t('docs.checklist')}</h3>
      <QueryView query={checklist} isEmpty={(c) => c.items.length === 0}>
        {(c) => (
          <ul data-testid="checklist">
            {c.items.map((item, i) => (
              <li key={`${item.kind}-${item.year ?? ''}-${i}`}>
                <span className={item.met ? 'ok' : 'bad'}>
                  {item.met ? t('docs.met') : t('docs.missing')}
                </span>{' '}
                ·{' '}
                <strong>
                  {label(item.kind)} {item.year ?? ''}
                </strong>{' '}
                ({item.required ? t('docs.required') : t('docs.optional')}
                {item.requested ? `, ${t('docs.requestedTag')}` : ''}){' '}
                <span className="muted small">{item.reason}</span>
              </li>
            ))}
          </ul>
        )}
      </QueryView>
      <QueryView query={documents} isEmpty={(d) => d.items.length === 0}>
        {(d) => (
          <table>
            <thead>
              <tr>
                <th scope="col">{t('docs.name')}</th>
                <th scope="col">{t('docs.kind')}</th>
                <th scope="col">{t('docs.size')}</th>
                <th scope="col">{t('app.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {d.items.map((doc) => (
                <tr key={doc.id}>
                  <td>{doc.fileName}</td>
                  <td>
                    {label(doc.kind)} {doc.year ?? ''}
                  </td>
                  <td>{(doc.size / 1024).toFixed(1)} KB</td>
                  <td>
                    <button type="button" onClick={() => setPreview(doc)}>
                      {t('docs.preview')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </QueryView>
      {preview ? <Preview document={preview} onClose={() => setPreview(null)} /> : null}
      {me?.role === 'enterprise' ? (
        <form className="row" onSubmit={submit} aria-label={t('docs.upload')}>
          <label>
            {t('docs.kind')}
            <select
              name="kind"
              value={kind}
              onChange={(e) => setKind(e.target.value as DocumentKind)}
            >
              {DOCUMENT_KINDS.map((k) => (
                <option key={k} value={k}>
                  {label(k)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('docs.year')}
            <input
              name="year"
              inputMode="numeric"
              size={6}
              value={year}
              onChange={(e) => setYear(e.target.value)}
            />
          </label>
          <label>
            {t('docs.note')}
            <input name="note" value={note} onChange={(e) => setNote(e.target.value)} />
          </label>
          <label>
            {t('docs.file')}
            <input
              name="file"
              type="file"
              accept="application/pdf,image/jpeg,image/png,.ofd"
              required
              onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            />
          </label>
          <button type="submit" disabled={upload.isPending}>
            {t('docs.upload')}
          </button>
        </form>
      ) : null}
      {upload.error ? <ErrorBox error={upload.error} /> : null}
      {uploaded ? (
        <p className="notice" role="status">
          {uploaded}
        </p>
      ) : null}
    </section>
  );
};

/** The document's bytes, fetched with the token, shown inline (PDF in a frame, images as images). */
const Preview = ({ document: doc, onClose }: { document: Document; onClose: () => void }) => {
  const { t } = useI18n();
  const [url, setUrl] = useState<string | null>(null);
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    let created: string | null = null;
    fetchBlob(`/api/v1/applications/${doc.applicationId}/documents/${doc.id}/content`).then(
      (blob) => {
        created = URL.createObjectURL(new Blob([blob], { type: doc.mediaType }));
        setUrl(created);
      },
      setError,
    );
    return () => {
      if (created) URL.revokeObjectURL(created);
    };
  }, [doc]);
  return (
    <div className="stack">
      <div className="row">
        <strong>{doc.fileName}</strong>
        {url ? (
          <a href={url} download={doc.fileName}>
            {t('docs.download')}
          </a>
        ) : null}
        <button type="button" onClick={onClose}>
          {t('docs.closePreview')}
        </button>
      </div>
      {error ? <ErrorBox error={error} /> : null}
      {url && doc.mediaType.startsWith('image/') ? (
        <img className="preview-img" src={url} alt={doc.fileName} />
      ) : null}
      {url && doc.mediaType === 'application/pdf' ? (
        <iframe className="preview" src={url} title={doc.fileName} />
      ) : null}
    </div>
  );
};

export const Timeline = ({ id, showHashes = true }: { id: string; showHashes?: boolean }) => {
  const { t, label, dateTime } = useI18n();
  const history = useQuery({
    queryKey: ['history', id],
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/applications/{id}/history', {
          params: { path: { id }, query: { limit: 500 } },
        }),
      ),
  });
  return (
    <section className="card">
      <h2>{t('app.timeline')}</h2>
      <QueryView query={history} isEmpty={(h) => h.items.length === 0}>
        {(h) => (
          <table data-testid="timeline">
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">{t('timeline.at')}</th>
                <th scope="col">{t('timeline.event')}</th>
                <th scope="col">{t('timeline.actor')}</th>
                <th scope="col">{t('timeline.change')}</th>
                {showHashes ? <th scope="col">{t('timeline.hash')}</th> : null}
              </tr>
            </thead>
            <tbody>
              {h.items.map((e) => (
                <tr key={e.seq}>
                  <td>{e.seq}</td>
                  <td>{dateTime(e.at)}</td>
                  <td>
                    {label(e.event)}
                    {e.comment ? <div className="muted small">{e.comment}</div> : null}
                  </td>
                  <td>{label(e.actor.role)}</td>
                  <td>
                    {label(e.fromState)} → {label(e.toState)}
                  </td>
                  {showHashes ? (
                    <td className="mono small" title={`prev ${e.prevHash}`}>
                      {e.hash.slice(0, 16)}…
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </QueryView>
    </section>
  );
};
