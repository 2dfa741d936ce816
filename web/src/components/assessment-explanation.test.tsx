import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Assessment } from '../api/client';
import { I18nTestProvider } from '../i18n/i18n';
import type { Locale } from '../i18n/messages';
import { AssessmentExplanation } from './assessment-explanation';

afterEach(cleanup);

const assessment = (eligible: boolean): Assessment => ({
  tier: 'innovative_sme',
  ruleSet: 'v2022',
  asOf: '2026-05-01',
  eligible,
  route: 'score',
  score: eligible ? 75 : 40,
  passMark: 60,
  reasons: [
    eligible ? 'Scored 75 of 100 (pass mark 60)' : 'Scored 40 of 100, below the pass mark 60',
  ],
  dimensions: [
    {
      key: 'innovation',
      name: 'Innovation',
      score: eligible ? 30 : 5,
      max: 40,
      indicators: [
        {
          key: 'rdIntensity',
          name: 'R&D intensity',
          value: eligible ? 0.05 : 0.01,
          points: eligible ? 15 : 0,
          max: 15,
          band: eligible ? '5%+' : '< 1%',
          detail: 'R&D expense over revenue',
        },
      ],
    },
  ],
  requirements: [
    {
      key: 'eligibility.registeredInMainland',
      name: 'Registered in mainland',
      met: true,
      detail: 'yes',
    },
  ],
  directQualifications: [],
});

const show = (a: Assessment, locale: Locale = 'en') =>
  render(
    <I18nTestProvider locale={locale}>
      <AssessmentExplanation assessment={a} />
    </I18nTestProvider>,
  );

describe('AssessmentExplanation', () => {
  it('says the firm passes, with the reasons and each dimension’s indicators', () => {
    show(assessment(true));
    expect(screen.getByTestId('verdict').textContent).toBe('Passes');
    expect(screen.getByText('Scored 75 of 100 (pass mark 60)')).toBeTruthy();
    expect(screen.getByText('Score 75 of 40, pass mark 60')).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Innovation: 30 / 40' })).toBeTruthy();
    const row = screen.getByRole('row', { name: /R&D intensity/ });
    expect(within(row).getByText('5%+')).toBeTruthy();
    expect(within(row).getByText('15 / 15')).toBeTruthy();
    expect(within(row).getByText('0.050')).toBeTruthy();
  });

  it('says why a firm fails, in Chinese when the console is in Chinese', () => {
    show(assessment(false), 'zh-CN');
    expect(screen.getByTestId('verdict').textContent).toBe('不符合条件');
    expect(screen.getByText('Scored 40 of 100, below the pass mark 60')).toBeTruthy();
    const row = screen.getByRole('row', { name: /R&D intensity/ });
    expect(within(row).getByText('< 1%')).toBeTruthy();
    expect(within(row).getByText('0 / 15')).toBeTruthy();
    expect(screen.getByRole('heading', { name: '基本要求' })).toBeTruthy();
  });
});
