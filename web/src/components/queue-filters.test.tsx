import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Application } from '../api/client';
import { I18nTestProvider } from '../i18n/i18n';
import { sortQueue } from '../pages/queue';
import { QueueFilters, type QueueFilter } from './queue-filters';

afterEach(cleanup);

const show = (value: QueueFilter, onChange: (f: QueueFilter) => void) =>
  render(
    <I18nTestProvider locale="en">
      <QueueFilters value={value} onChange={onChange} />
    </I18nTestProvider>,
  );

describe('QueueFilters', () => {
  it('applies tier, state, region and due date together', () => {
    const onChange = vi.fn();
    show({}, onChange);
    fireEvent.change(screen.getByLabelText('Tier'), { target: { value: 'specialized_sme' } });
    fireEvent.change(screen.getByLabelText('State'), { target: { value: 'localReview' } });
    fireEvent.change(screen.getByLabelText('Region'), { target: { value: '130102' } });
    fireEvent.change(screen.getByLabelText('Due within'), { target: { value: '7' } });
    expect(onChange).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Apply' }));
    expect(onChange).toHaveBeenCalledWith({
      tier: 'specialized_sme',
      state: 'localReview',
      regionCode: '130102',
      dueWithinDays: 7,
    });
  });

  it('clears a filter set back to All', () => {
    const onChange = vi.fn();
    show({ tier: 'little_giant', state: 'submitted' }, onChange);
    fireEvent.change(screen.getByLabelText('Tier'), { target: { value: '' } });
    fireEvent.click(screen.getByRole('button', { name: 'Apply' }));
    expect(onChange).toHaveBeenCalledWith({ state: 'submitted' });
  });
});

const app = (id: string, state: Application['state'], dueAt?: string): Application =>
  ({
    id,
    state,
    deadlines: dueAt
      ? [{ id: `t-${id}`, event: 'deadline.expired', purpose: 'notice', dueAt }]
      : [],
    updatedAt: '2026-05-01T00:00:00.000Z',
  }) as Application;

describe('sortQueue', () => {
  const now = Date.parse('2026-05-10T00:00:00.000Z');
  const items = [
    app('late', 'localReview', '2026-05-30T00:00:00.000Z'),
    app('none', 'submitted'),
    app('soon', 'publicNotice', '2026-05-12T00:00:00.000Z'),
    app('done', 'certified'),
  ];

  it('puts the nearest deadline first and leaves out finished applications', () => {
    expect(sortQueue(items, {}, now).map((a) => a.id)).toEqual(['soon', 'late', 'none']);
  });

  it('keeps only deadlines within the chosen days', () => {
    expect(sortQueue(items, { dueWithinDays: 7 }, now).map((a) => a.id)).toEqual(['soon']);
  });
});
