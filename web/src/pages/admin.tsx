import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { api, unwrap, TIERS, type Schemas, type Tier } from '../api/client';
import { ErrorBox, QueryView } from '../components/states';
import { useI18n } from '../i18n/i18n';
import { Link } from '../router';
import { chinaLocalToIso } from './audit';

type Section = 'users' | 'calls' | 'timers' | 'webhooks';

export default function Admin({ section }: { section: Section }) {
  if (section === 'calls') return <Calls />;
  if (section === 'timers') return <Timers />;
  if (section === 'webhooks') return <Webhooks />;
  return <Users />;
}

const ROLES = ['reviewer', 'expert', 'auditor', 'admin', 'enterprise'] as const;
const LEVELS = ['county', 'city', 'province', 'national'] as const;

const Users = () => {
  const { t, label, dateTime } = useI18n();
  const queryClient = useQueryClient();
  const users = useQuery({
    queryKey: ['users'],
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/users', { params: { query: { limit: 200 } } })),
  });
  const [form, setForm] = useState({
    username: '',
    password: '',
    role: 'reviewer' as (typeof ROLES)[number],
    level: 'county' as (typeof LEVELS)[number],
    regionCode: '',
  });
  const create = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.POST('/api/v1/users', {
          body: {
            username: form.username.trim(),
            password: form.password,
            role: form.role,
            ...(form.role === 'enterprise' || form.role === 'admin'
              ? {}
              : {
                  jurisdiction: {
                    level: form.level,
                    ...(form.level === 'national' ? {} : { regionCode: form.regionCode.trim() }),
                  },
                }),
          },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['users'] }),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  return (
    <section className="stack">
      <h1>{t('users.title')}</h1>
      <form className="row card" onSubmit={submit} aria-label={t('users.create')}>
        <label>
          {t('signIn.username')}
          <input
            required
            value={form.username}
            onChange={(e) => setForm({ ...form, username: e.target.value })}
          />
        </label>
        <label>
          {t('signIn.password')}
          <input
            type="password"
            required
            minLength={12}
            value={form.password}
            onChange={(e) => setForm({ ...form, password: e.target.value })}
          />
        </label>
        <label>
          {t('users.role')}
          <select
            value={form.role}
            onChange={(e) => setForm({ ...form, role: e.target.value as (typeof ROLES)[number] })}
          >
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {label(r)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('users.level')}
          <select
            value={form.level}
            onChange={(e) => setForm({ ...form, level: e.target.value as (typeof LEVELS)[number] })}
          >
            {LEVELS.map((l) => (
              <option key={l} value={l}>
                {label(l)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('apps.region')}
          <input
            value={form.regionCode}
            onChange={(e) => setForm({ ...form, regionCode: e.target.value })}
          />
        </label>
        <button type="submit" className="primary" disabled={create.isPending}>
          {t('users.create')}
        </button>
      </form>
      {create.error ? <ErrorBox error={create.error} /> : null}
      <QueryView query={users} isEmpty={(d) => d.items.length === 0}>
        {(d) => (
          <table>
            <thead>
              <tr>
                <th scope="col">{t('signIn.username')}</th>
                <th scope="col">{t('users.role')}</th>
                <th scope="col">{t('users.jurisdiction')}</th>
                <th scope="col">{t('users.disabled')}</th>
                <th scope="col">{t('apps.updated')}</th>
              </tr>
            </thead>
            <tbody>
              {d.items.map((u) => (
                <tr key={u.id}>
                  <td>{u.username}</td>
                  <td>{label(u.role)}</td>
                  <td>
                    {u.jurisdiction
                      ? `${label(u.jurisdiction.level)} ${u.jurisdiction.regionCode ?? ''}`
                      : '—'}
                  </td>
                  <td>{u.disabled ? t('common.yes') : t('common.no')}</td>
                  <td>{dateTime(u.updatedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </QueryView>
    </section>
  );
};

const Calls = () => {
  const { t, label, dateTime } = useI18n();
  const queryClient = useQueryClient();
  const calls = useQuery({
    queryKey: ['calls', 'all'],
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/calls', { params: { query: { limit: 100 } } })),
  });
  const [form, setForm] = useState({
    tier: 'innovative_sme' as Tier,
    year: String(new Date().getFullYear()),
    regionCode: '',
    opensAt: '',
    closesAt: '',
    noticeWorkingDays: '',
  });
  const create = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.POST('/api/v1/calls', {
          body: {
            tier: form.tier,
            year: Number(form.year),
            opensAt: chinaLocalToIso(form.opensAt) ?? '',
            closesAt: chinaLocalToIso(form.closesAt) ?? '',
            ...(form.regionCode.trim() ? { regionCode: form.regionCode.trim() } : {}),
            ...(form.noticeWorkingDays
              ? { noticeWorkingDays: Number(form.noticeWorkingDays) }
              : {}),
          },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['calls'] }),
  });
  return (
    <section className="stack">
      <h1>{t('calls.title')}</h1>
      <form
        className="row card"
        aria-label={t('calls.title')}
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate();
        }}
      >
        <label>
          {t('apps.tier')}
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
          {t('calls.year')}
          <input
            inputMode="numeric"
            size={5}
            value={form.year}
            onChange={(e) => setForm({ ...form, year: e.target.value })}
          />
        </label>
        <label>
          {t('apps.region')}
          <input
            size={7}
            value={form.regionCode}
            onChange={(e) => setForm({ ...form, regionCode: e.target.value })}
          />
        </label>
        <label>
          {t('calls.opensAt')}
          <input
            type="datetime-local"
            required
            value={form.opensAt}
            onChange={(e) => setForm({ ...form, opensAt: e.target.value })}
          />
        </label>
        <label>
          {t('calls.closesAt')}
          <input
            type="datetime-local"
            required
            value={form.closesAt}
            onChange={(e) => setForm({ ...form, closesAt: e.target.value })}
          />
        </label>
        <label>
          {t('calls.noticeDays')}
          <input
            inputMode="numeric"
            size={3}
            value={form.noticeWorkingDays}
            onChange={(e) => setForm({ ...form, noticeWorkingDays: e.target.value })}
          />
        </label>
        <button type="submit" className="primary" disabled={create.isPending}>
          {t('common.create')}
        </button>
      </form>
      {create.error ? <ErrorBox error={create.error} /> : null}
      <QueryView query={calls} isEmpty={(d) => d.items.length === 0}>
        {(d) => (
          <table>
            <thead>
              <tr>
                <th scope="col">{t('apps.tier')}</th>
                <th scope="col">{t('calls.year')}</th>
                <th scope="col">{t('apps.region')}</th>
                <th scope="col">{t('calls.opensAt')}</th>
                <th scope="col">{t('calls.closesAt')}</th>
              </tr>
            </thead>
            <tbody>
              {d.items.map((c) => (
                <tr key={c.id}>
                  <td>{label(c.tier)}</td>
                  <td>{c.year}</td>
                  <td>{c.regionCode ?? '—'}</td>
                  <td>{dateTime(c.opensAt)}</td>
                  <td>{dateTime(c.closesAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </QueryView>
    </section>
  );
};

/** Deadlines move only later, by at most this many days (the server's rule, shown beforehand). */
const MAX_EXTENSION_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

/** An ISO instant as a datetime-local value in China time. */
const isoToChinaLocal = (iso: string): string =>
  new Date(Date.parse(iso) + 8 * 60 * 60 * 1000).toISOString().slice(0, 16);

const Timers = () => {
  const { t, label, dateTime } = useI18n();
  const timers = useQuery({
    queryKey: ['timers'],
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/timers', { params: { query: { limit: 200, status: 'pending' } } }),
      ),
  });
  return (
    <section className="stack">
      <h1>{t('timers.title')}</h1>
      <p className="muted">{t('timers.bounds', { days: MAX_EXTENSION_DAYS })}</p>
      <QueryView query={timers} isEmpty={(d) => d.items.length === 0}>
        {(d) => (
          <table data-testid="timers">
            <thead>
              <tr>
                <th scope="col">{t('timers.purpose')}</th>
                <th scope="col">{t('timers.subject')}</th>
                <th scope="col">{t('timers.dueAt')}</th>
                <th scope="col">{t('timers.status')}</th>
                <th scope="col">{t('timers.move')}</th>
              </tr>
            </thead>
            <tbody>
              {d.items.map((timer) => (
                <tr key={timer.id} data-purpose={timer.purpose}>
                  <td>{label(timer.purpose)}</td>
                  <td>
                    {timer.subject.type === 'application' ? (
                      <Link to={`/applications/${timer.subject.id}`}>
                        {timer.subject.id.slice(0, 8)}
                      </Link>
                    ) : (
                      <span className="mono">{timer.subject.id.slice(0, 8)}</span>
                    )}
                  </td>
                  <td>{dateTime(timer.dueAt)}</td>
                  <td>{label(timer.status)}</td>
                  <td>
                    <MoveTimer timer={timer} />
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

const MoveTimer = ({ timer }: { timer: Schemas['TimerSchema'] }) => {
  const { t, dateTime } = useI18n();
  const queryClient = useQueryClient();
  const min = isoToChinaLocal(timer.dueAt);
  const max = isoToChinaLocal(
    new Date(Date.parse(timer.dueAt) + MAX_EXTENSION_DAYS * DAY_MS).toISOString(),
  );
  const [value, setValue] = useState(min);
  const move = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.PATCH('/api/v1/timers/{id}', {
          params: { path: { id: timer.id }, header: { 'Idempotency-Key': crypto.randomUUID() } },
          body: { dueAt: chinaLocalToIso(value) ?? '' },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['timers'] }),
  });
  return (
    <form
      className="row"
      aria-label={`${t('timers.move')} ${timer.purpose}`}
      onSubmit={(e) => {
        e.preventDefault();
        move.mutate();
      }}
    >
      <label>
        {t('timers.newDueAt')}
        <input
          type="datetime-local"
          min={min}
          max={max}
          value={value}
          onChange={(e) => setValue(e.target.value)}
        />
      </label>
      <button type="submit" disabled={move.isPending}>
        {t('timers.move')}
      </button>
      {move.error ? <ErrorBox error={move.error} /> : null}
      {move.data ? (
        <span role="status" className="ok">
          {t('timers.moved', { date: dateTime(move.data.dueAt) })}
        </span>
      ) : null}
    </form>
  );
};

const Webhooks = () => {
  const { t, label, dateTime } = useI18n();
  const queryClient = useQueryClient();
  const hooks = useQuery({
    queryKey: ['webhooks'],
    queryFn: async () => unwrap(await api.GET('/api/v1/webhooks')),
  });
  const [url, setUrl] = useState('');
  const [events, setEvents] = useState('application.*');
  const [selected, setSelected] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.POST('/api/v1/webhooks', {
          body: {
            url: url.trim(),
            events: events
              .split(',')
              .map((e) => e.trim())
              .filter(Boolean),
          },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['webhooks'] }),
  });
  return (
    <section className="stack">
      <h1>{t('webhooks.title')}</h1>
      <form
        className="row card"
        aria-label={t('webhooks.title')}
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate();
        }}
      >
        <label>
          {t('webhooks.url')}
          <input
            type="url"
            required
            size={40}
            value={url}
            onChange={(e) => setUrl(e.target.value)}
          />
        </label>
        <label>
          {t('webhooks.events')}
          <input required value={events} onChange={(e) => setEvents(e.target.value)} />
        </label>
        <button type="submit" className="primary" disabled={create.isPending}>
          {t('common.create')}
        </button>
      </form>
      {create.error ? <ErrorBox error={create.error} /> : null}
      {create.data?.secret ? (
        <p className="notice" role="status">
          {t('webhooks.secret', { secret: create.data.secret })}
        </p>
      ) : null}
      <QueryView query={hooks} isEmpty={(d) => d.items.length === 0}>
        {(d) => (
          <table>
            <thead>
              <tr>
                <th scope="col">{t('webhooks.url')}</th>
                <th scope="col">{t('timeline.event')}</th>
                <th scope="col">{t('users.disabled')}</th>
                <th scope="col">{t('webhooks.deliveries')}</th>
              </tr>
            </thead>
            <tbody>
              {d.items.map((h) => (
                <tr key={h.id}>
                  <td className="mono">{h.url}</td>
                  <td>{h.events.join(', ')}</td>
                  <td>{h.disabled ? t('common.yes') : t('common.no')}</td>
                  <td>
                    <button
                      type="button"
                      onClick={() => setSelected(h.id)}
                      aria-pressed={selected === h.id}
                    >
                      {t('webhooks.deliveries')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </QueryView>
      {selected ? <Deliveries id={selected} label={label} dateTime={dateTime} /> : null}
    </section>
  );
};

const Deliveries = ({
  id,
  label,
  dateTime,
}: {
  id: string;
  label: (code: string) => string;
  dateTime: (iso: string | undefined) => string;
}) => {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const deliveries = useQuery({
    queryKey: ['deliveries', id],
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/webhooks/{id}/deliveries', {
          params: { path: { id }, query: { limit: 100 } },
        }),
      ),
  });
  const redeliver = useMutation({
    mutationFn: async (deliveryId: string) =>
      unwrap(
        await api.POST('/api/v1/webhooks/{id}/deliveries/{deliveryId}/redeliver', {
          params: { path: { id, deliveryId } },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['deliveries', id] }),
  });
  return (
    <div className="card">
      <h2>{t('webhooks.deliveries')}</h2>
      {redeliver.error ? <ErrorBox error={redeliver.error} /> : null}
      <QueryView query={deliveries} isEmpty={(d) => d.items.length === 0}>
        {(d) => (
          <table>
            <thead>
              <tr>
                <th scope="col">{t('timeline.event')}</th>
                <th scope="col">{t('webhooks.status')}</th>
                <th scope="col">{t('webhooks.attempt')}</th>
                <th scope="col">{t('timeline.at')}</th>
                <th scope="col">{t('app.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {d.items.map((x) => (
                <tr key={x.id}>
                  <td>{x.eventType}</td>
                  <td>
                    {label(x.status)} {x.responseStatus ?? ''} {x.lastError ?? ''}
                  </td>
                  <td>{x.attempt}</td>
                  <td>{dateTime(x.createdAt)}</td>
                  <td>
                    <button type="button" onClick={() => redeliver.mutate(x.id)}>
                      {t('webhooks.redeliver')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </QueryView>
    </div>
  );
};
