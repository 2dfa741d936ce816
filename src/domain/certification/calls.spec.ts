import { callYearProblem } from './calls';

describe('a call’s year is the year it opens (L9)', () => {
  it.each([
    ['opens in its year', 2026, '2026-04-01T00:00:00.000Z', null],
    ['opens at midnight of 1 January, China time', 2027, '2026-12-31T16:00:00.000Z', null],
    [
      'a year three years ahead',
      2029,
      '2026-12-02T00:00:00.000Z',
      'must be the year the call opens (2026)',
    ],
  ] as const)('%s', (_name, year, opensAt, expected) => {
    expect(callYearProblem({ year, opensAt })).toBe(expected);
  });
});
