import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Workflow } from '../api/client';
import { I18nTestProvider } from '../i18n/i18n';
import type { Locale } from '../i18n/messages';
import { ActionButtons } from './action-buttons';

afterEach(cleanup);

const workflow: Pick<Workflow, 'transitions'> = {
  transitions: [
    { from: 'submitted', event: 'review.start', to: 'localReview', roles: ['reviewer'] },
    { from: 'submitted', event: 'withdraw', to: 'withdrawn', roles: ['enterprise'] },
    { from: 'localReview', event: 'review.recommend', to: 'provincialReview', roles: ['reviewer'] },
    { from: 'localReview', event: 'review.return', to: 'returned', roles: ['reviewer'] },
    {
      from: 'localReview',
      event: 'review.reject',
      to: 'rejected',
      roles: ['reviewer'],
      guard: 'hasReasons',
    },
    { from: 'localReview', event: 'deadline.expired', to: 'rejected', roles: ['system'] },
    { from: 'localReview', event: 'withdraw', to: 'withdrawn', roles: ['enterprise'] },
  ],
};

const show = (
  state: 'submitted' | 'localReview',
  allowedEvents: ('review.start' | 'review.return' | 'review.recommend')[],
  onAction = vi.fn(),
  locale: Locale = 'en',
) =>
  render(
    <I18nTestProvider locale={locale}>
      <ActionButtons
        workflow={workflow}
        application={{ state, allowedEvents }}
        role="reviewer"
        onAction={onAction}
      />
    </I18nTestProvider>,
  );

const button = (name: string) => screen.getByRole<HTMLButtonElement>('button', { name });

describe('ActionButtons', () => {
  it('enables the allowed events and sends the one clicked', () => {
    const onAction = vi.fn();
    show('localReview', ['review.return'], onAction);
    expect(button('Return').disabled).toBe(false);
    fireEvent.click(button('Return'));
    expect(onAction).toHaveBeenCalledWith('review.return');
  });

  it('shows the others disabled, each with its reason, and never the scheduler’s events', () => {
    const onAction = vi.fn();
    show('localReview', ['review.return'], onAction);
    const recommend = button('Recommend');
    expect(recommend.disabled).toBe(true);
    const reason = document.getElementById(recommend.getAttribute('aria-describedby') ?? '');
    expect(reason?.textContent).toBe('Not available: not in your jurisdiction or stage');
    expect(screen.getByText('Not available: needs hasReasons')).toBeTruthy();
    expect(screen.getByText('Not available: only enterprise may do this')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Deadline expired' })).toBeNull();
    fireEvent.click(recommend);
    expect(onAction).not.toHaveBeenCalled();
  });

  it('lists only the current state’s events, in Chinese too', () => {
    show('submitted', ['review.start'], vi.fn(), 'zh-CN');
    expect(button('开始审核').disabled).toBe(false);
    expect(button('撤回').disabled).toBe(true);
    expect(screen.queryByRole('button', { name: '推荐' })).toBeNull();
    expect(screen.getByText('不可用：仅限 企业')).toBeTruthy();
  });
});
