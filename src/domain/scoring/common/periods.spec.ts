import { completedYearsBy31DecP, formatIsoDate, parseIsoDate, periodsOf } from './periods';

const at = (text: string) => {
  const date = parseIsoDate(text);
  if (!date) throw new Error(text);
  return periodsOf(date);
};

describe('periods (§10)', () => {
  it.each(['2025-02-29', '2024-13-01', '2024-00-10', '24-01-01', '2024-1-1', '', 20240101])(
    'refuses %s as a date',
    (text) => {
      expect(parseIsoDate(text)).toBeNull();
    },
  );

  it('P is the asOf year − 1; the windows follow §10', () => {
    const periods = at('2026-05-01');
    expect(periods.p).toBe(2025);
    expect(formatIsoDate(periods.last3Years.from)).toBe('2023-05-01');
    expect(formatIsoDate(periods.last3Years.to)).toBe('2026-05-01');
    expect(formatIsoDate(periods.last2Years.from)).toBe('2024-01-01');
    expect(formatIsoDate(periods.last2Years.to)).toBe('2025-12-31');
  });

  it('the 3-year window from 29 Feb opens on 28 Feb', () => {
    expect(formatIsoDate(at('2024-02-29').last3Years.from)).toBe('2021-02-28');
  });

  it.each([
    ['2022-12-31', 3],
    ['2023-01-01', 2],
    ['2023-03-01', 2],
    ['2020-02-29', 5],
    ['2025-06-01', 0],
    ['2027-01-01', 0],
  ])('niche since %s counts %d completed years by 31 Dec 2025', (since, years) => {
    const date = parseIsoDate(since);
    expect(date && completedYearsBy31DecP(date, at('2026-05-01'))).toBe(years);
  });
});
