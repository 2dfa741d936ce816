import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { api, unwrap } from '../api/client';
import { ErrorBox } from '../components/states';
import { useI18n } from '../i18n/i18n';
import { Link } from '../router';

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

export default function Register() {
  const { t, label } = useI18n();
  const [form, setForm] = useState({
    creditCode: '',
    name: '',
    regionCode: '',
    sector: 'industry' as (typeof SECTORS)[number],
    establishedOn: '',
    username: '',
    password: '',
  });
  const register = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.POST('/api/v1/enterprises', {
          body: {
            creditCode: form.creditCode.trim(),
            name: form.name.trim(),
            regionCode: form.regionCode.trim(),
            sector: form.sector,
            establishedOn: form.establishedOn,
            account: { username: form.username.trim(), password: form.password },
          },
        }),
      ),
  });
  const field = (key: keyof typeof form, text: string, type = 'text') => (
    <label>
      {text}
      <input
        name={key}
        type={type}
        required
        value={form[key]}
        onChange={(e) => setForm({ ...form, [key]: e.target.value })}
      />
    </label>
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    register.mutate();
  };
  return (
    <section className="card narrow">
      <h1>{t('register.title')}</h1>
      {register.isSuccess ? (
        <p className="notice" role="status">
          {t('register.done')} <Link to="/">{t('signIn.title')}</Link>
        </p>
      ) : (
        <form className="stack" onSubmit={submit} aria-label={t('register.title')}>
          {field('creditCode', t('register.creditCode'))}
          {field('name', t('register.name'))}
          {field('regionCode', t('register.regionCode'))}
          <label>
            {t('register.sector')}
            <select
              value={form.sector}
              onChange={(e) =>
                setForm({ ...form, sector: e.target.value as (typeof SECTORS)[number] })
              }
            >
              {SECTORS.map((s) => (
                <option key={s} value={s}>
                  {label(s)}
                </option>
              ))}
            </select>
          </label>
          {field('establishedOn', t('register.establishedOn'), 'date')}
          {field('username', t('signIn.username'))}
          {field('password', t('signIn.password'), 'password')}
          {register.error ? <ErrorBox error={register.error} /> : null}
          <button type="submit" className="primary" disabled={register.isPending}>
            {t('register.submit')}
          </button>
        </form>
      )}
    </section>
  );
}
