import { useState } from 'react';
import type { FormEvent } from 'react';
import { TIERS, type AppState, type Tier } from '../api/client';
import { useI18n } from '../i18n/i18n';

export type QueueFilter = {
  tier?: Tier;
  state?: AppState;
  regionCode?: string;
  /** Only applications with a deadline within this many days. */
  dueWithinDays?: number;
};

export const QUEUE_STATES: readonly AppState[] = [
  'submitted',
  'localReview',
  'returned',
  'provincialReview',
  'onSiteCheck',
  'publicNotice',
  'objectionReview',
  'recommendedToMiit',
  'nationalReview',
  'nationalOnSiteCheck',
  'nationalNotice',
  'nationalObjectionReview',
];

const DUE_CHOICES = [3, 7, 14, 30];

export const QueueFilters = ({
  value,
  onChange,
}: {
  value: QueueFilter;
  onChange: (next: QueueFilter) => void;
}) => {
  const { t, label } = useI18n();
  const [draft, setDraft] = useState<QueueFilter>(value);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const region = draft.regionCode?.trim();
    onChange({
      ...(draft.tier ? { tier: draft.tier } : {}),
      ...(draft.state ? { state: draft.state } : {}),
      ...(region ? { regionCode: region } : {}),
      ...(draft.dueWithinDays ? { dueWithinDays: draft.dueWithinDays } : {}),
    });
  };
  return (
    <form className="row card" onSubmit={submit} aria-label={t('common.filters')}>
      <label>
        {t('apps.tier')}
        <select
          value={draft.tier ?? ''}
          onChange={(e) =>
            setDraft({ ...draft, tier: (e.target.value || undefined) as Tier | undefined })
          }
        >
          <option value="">{t('common.all')}</option>
          {TIERS.map((tier) => (
            <option key={tier} value={tier}>
              {label(tier)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('apps.state')}
        <select
          value={draft.state ?? ''}
          onChange={(e) =>
            setDraft({ ...draft, state: (e.target.value || undefined) as AppState | undefined })
          }
        >
          <option value="">{t('common.all')}</option>
          {QUEUE_STATES.map((state) => (
            <option key={state} value={state}>
              {label(state)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('apps.region')}
        <input
          value={draft.regionCode ?? ''}
          inputMode="numeric"
          pattern="\d{2,6}"
          onChange={(e) => setDraft({ ...draft, regionCode: e.target.value })}
        />
      </label>
      <label>
        {t('queue.due')}
        <select
          value={draft.dueWithinDays ?? ''}
          onChange={(e) =>
            setDraft({
              ...draft,
              dueWithinDays: e.target.value ? Number(e.target.value) : undefined,
            })
          }
        >
          <option value="">{t('queue.dueAny')}</option>
          {DUE_CHOICES.map((days) => (
            <option key={days} value={days}>
              {t('queue.dueDays', { days })}
            </option>
          ))}
        </select>
      </label>
      <button type="submit">{t('common.apply')}</button>
    </form>
  );
};
