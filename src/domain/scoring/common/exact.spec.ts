import { cmp, fromClientDecimal, fromNumber, int, mul, percent, q, toDisplay } from './exact';

describe('exact decimal arithmetic (§0)', () => {
  it.each([
    [0.57, 57n, 100n],
    [3, 3n, 1n],
    [-2.5, -25n, 10n],
    [1e21, 10n ** 21n, 1n],
    [1.5e-7, 15n, 10n ** 8n],
  ])('reads %d exactly from its decimal form', (value, n, d) => {
    expect(cmp(fromNumber(value) ?? int(0), { n, d })).toBe(0);
  });

  it.each([Number.NaN, Number.POSITIVE_INFINITY, '3', null, undefined])(
    'returns null for %s',
    (value) => {
      expect(fromNumber(value)).toBeNull();
    },
  );

  it('keeps 0.57 × 100 on the boundary where doubles drop below it', () => {
    expect(0.57 * 100 >= 57).toBe(false);
    expect(cmp(mul(q('0.57'), int(100)), int(57))).toBe(0);
  });

  it('compares a ratio on its boundary by cross-multiplication', () => {
    expect(cmp(percent(int(3_000_000), int(100_000_000)), q('3'))).toBe(0);
    expect(cmp(percent(int(2_999_999), int(100_000_000)), q('3'))).toBe(-1);
  });

  it.each([
    [56.99999999999999, '57'],
    [9.9999999, '10'],
    [9.999999, '9.999999'],
    [-0.0000004, '0'],
  ])('reads a client decimal %d to 6 places as %s', (value, expected) => {
    expect(cmp(fromClientDecimal(value) ?? int(-1), q(expected))).toBe(0);
  });

  it.each([
    ['2.999', 'floor', 2.99],
    ['2.999', 'ceil', 3],
    ['2.995', 'half-up', 3],
    ['-1.234', 'floor', -1.24],
    ['-1.234', 'ceil', -1.23],
  ] as const)('displays %s rounded %s as %d', (value, rounding, expected) => {
    expect(toDisplay(q(value), 2, rounding)).toBe(expected);
  });
});
