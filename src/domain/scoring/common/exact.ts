// Domain rules §0: compare ratios exactly (decimal, not binary floats) so a value on a boundary never drops a band.
// Every number is read through its shortest decimal form ("0.57" stays 57/100), then handled as a
// BigInt fraction; comparisons cross-multiply.

/** An exact fraction n / d with d > 0. */
export type Q = { readonly n: bigint; readonly d: bigint };
export type Sign = -1 | 0 | 1;

const DECIMAL = /^(-)?(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?$/i;

const pow10 = (k: number): bigint => 10n ** BigInt(k);

const parseDecimal = (text: string): Q | null => {
  const match = DECIMAL.exec(text.trim());
  if (!match) return null;
  const [, minus, whole = '0', fraction = '', exponent = '0'] = match;
  const digits = BigInt(whole + fraction);
  const shift = Number(exponent) - fraction.length;
  const n = minus ? -digits : digits;
  return shift >= 0 ? { n: n * pow10(shift), d: 1n } : { n, d: pow10(-shift) };
};

/** A decimal literal used in threshold tables ("3", "0.5", "10"). */
export const q = (text: string): Q => {
  const parsed = parseDecimal(text);
  if (!parsed) throw new RangeError(`not a decimal literal: ${text}`);
  return parsed;
};

export const int = (value: number | bigint): Q => ({ n: BigInt(value), d: 1n });

/** The exact value of a finite JS number as written in decimal; null for NaN, ±Infinity, non-numbers. */
export const fromNumber = (value: unknown): Q | null =>
  typeof value === 'number' && Number.isFinite(value) ? parseDecimal(String(value)) : null;

export const ZERO: Q = { n: 0n, d: 1n };

/**
 * A percent or score the client computed itself, read to 6 decimal places (half away from zero), so a
 * share sent as 56.99999999999999 (0.57 × 100 in doubles) counts as 57.
 */
export const fromClientDecimal = (value: unknown): Q | null => {
  const exact = fromNumber(value);
  if (!exact) return null;
  const scale = 1_000_000n;
  const twice = 2n * exact.n * scale;
  const magnitude = (twice < 0n ? -twice : twice) + exact.d;
  const units = magnitude / (2n * exact.d);
  return { n: twice < 0n ? -units : units, d: scale };
};

const sign = (value: bigint): Sign => (value > 0n ? 1 : value < 0n ? -1 : 0);

export const cmp = (a: Q, b: Q): Sign => sign(a.n * b.d - b.n * a.d);
export const add = (a: Q, b: Q): Q => ({ n: a.n * b.d + b.n * a.d, d: a.d * b.d });
export const sub = (a: Q, b: Q): Q => ({ n: a.n * b.d - b.n * a.d, d: a.d * b.d });
export const mul = (a: Q, b: Q): Q => ({ n: a.n * b.n, d: a.d * b.d });
export const isPositive = (a: Q): boolean => a.n > 0n;
export const isNegative = (a: Q): boolean => a.n < 0n;

/** a / b; b must not be zero. */
export const div = (a: Q, b: Q): Q => {
  const n = a.n * b.d;
  const d = a.d * b.n;
  return d < 0n ? { n: -n, d: -d } : { n, d };
};

/** 100 · a / b: a percentage of a positive amount. */
export const percent = (part: Q, whole: Q): Q => mul(div(part, whole), int(100));

export const sum = (values: readonly Q[]): Q => values.reduce(add, ZERO);
export const max = (a: Q, b: Q): Q => (cmp(a, b) >= 0 ? a : b);

const floorDiv = (a: bigint, b: bigint): bigint => (a >= 0n ? a / b : -((-a + b - 1n) / b));

export type Rounding = 'floor' | 'ceil' | 'half-up';

// Display values are capped so absurd inputs still give finite JSON numbers.
const DISPLAY_LIMIT = 1_000_000_000_000_000n;

/** A display number with `places` decimals. Decisions never use it. */
export const toDisplay = (value: Q, places = 2, rounding: Rounding = 'half-up'): number => {
  const scale = pow10(places);
  const scaled = value.n * scale;
  let units: bigint;
  if (rounding === 'floor') units = floorDiv(scaled, value.d);
  else if (rounding === 'ceil') units = -floorDiv(-scaled, value.d);
  else units = floorDiv(2n * scaled + value.d, 2n * value.d);
  if (units > DISPLAY_LIMIT) units = DISPLAY_LIMIT;
  if (units < -DISPLAY_LIMIT) units = -DISPLAY_LIMIT;
  const result = Number(units) / Number(scale);
  return Object.is(result, -0) ? 0 : result;
};
