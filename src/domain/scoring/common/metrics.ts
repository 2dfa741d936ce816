// Domain rules §0 "Derived metrics" (v2022 Annex 4): ratios, growth rates and debt ratio, computed exactly.
import type { Facts } from '../../certification/facts';
import { msg, type Msg, type MsgParam } from '../../i18n/message';
import { exactMetric, type Metric } from './bands';
import {
  cmp,
  div,
  int,
  isNegative,
  isPositive,
  mul,
  percent,
  sub,
  add,
  type Q,
  type Rounding,
  type Sign,
} from './exact';
import { amount, got, missing, type AmountField, type Got } from './facts-reader';
import { formatCny, formatCount, formatPercent } from './format';

/** A metric plus the words that introduce it ("R&D expense is 2.99% of operating revenue in 2025"). */
export type Figure = {
  readonly metric: Metric;
  readonly describe: (rounding: Rounding) => Msg;
};

export const TWO_YEAR_GROWTH_METHODS = ['arithmetic-mean', 'compound'] as const;
export type TwoYearGrowthMethod = (typeof TWO_YEAR_GROWTH_METHODS)[number];

const positive = (value: Q, year: number, field: AmountField): Got<Q> =>
  isPositive(value)
    ? got(value)
    : missing(msg('fact.ratio.notPositive', { year, field, amount: formatCny(value) }));

const both = <A, B>(a: Got<A>, b: Got<B>): Got<[A, B]> => {
  if (!a.ok) return a;
  if (!b.ok) return b;
  return got([a.value, b.value]);
};

export type Ratio = { readonly value: Q; readonly part: Q; readonly whole: Q };

/** 100 · part / whole of one year, exactly; the whole must be positive. */
export const ratio = (
  facts: Facts,
  year: number,
  partField: AmountField,
  wholeField: AmountField,
): Got<Ratio> => {
  const pair = both(amount(facts, year, partField), amount(facts, year, wholeField));
  if (!pair.ok) return pair;
  const [part, rawWhole] = pair.value;
  const whole = positive(rawWhole, year, wholeField);
  if (!whole.ok) return whole;
  return got({ value: percent(part, whole.value), part, whole: whole.value });
};

const ratioFigure = (result: Got<Ratio>, words: (shown: string, r: Ratio) => Msg): Got<Figure> =>
  result.ok
    ? got({
        metric: exactMetric(result.value.value),
        describe: (rounding) => words(formatPercent(result.value.value, rounding), result.value),
      })
    : result;

export const rdRatioFigure = (facts: Facts, year: number): Got<Figure> =>
  ratioFigure(ratio(facts, year, 'rdExpense', 'operatingRevenue'), (shown, r) =>
    msg('figure.rdRatio', { shown, year, part: formatCny(r.part), whole: formatCny(r.whole) }),
  );

export const mainShareFigure = (facts: Facts, year: number): Got<Figure> =>
  ratioFigure(ratio(facts, year, 'mainBusinessRevenue', 'operatingRevenue'), (shown, r) =>
    msg('figure.mainShare', { shown, year, part: formatCny(r.part), whole: formatCny(r.whole) }),
  );

export const debtRatioFigure = (facts: Facts, year: number): Got<Figure> =>
  ratioFigure(ratio(facts, year, 'totalLiabilities', 'totalAssets'), (shown, r) =>
    msg('figure.debtRatio', { shown, year, part: formatCny(r.part), whole: formatCny(r.whole) }),
  );

export const netMarginFigure = (facts: Facts, year: number): Got<Figure> =>
  ratioFigure(ratio(facts, year, 'netProfit', 'operatingRevenue'), (shown, r) =>
    msg('figure.netMargin', { shown, year, part: formatCny(r.part), whole: formatCny(r.whole) }),
  );

export const rdStaffFigure = (facts: Facts, year: number): Got<Figure> =>
  ratioFigure(ratio(facts, year, 'rdEmployees', 'employees'), (shown, r) =>
    msg('figure.rdStaff', { shown, year, part: formatCount(r.part), whole: formatCount(r.whole) }),
  );

const fieldWords = (field: AmountField): MsgParam =>
  field === 'mainBusinessRevenue' || field === 'operatingRevenue' ? msg(`field.${field}`) : field;

/** 100 · (to − from) / from; `from` must be positive. */
export const growthRate = (
  facts: Facts,
  field: AmountField,
  fromYear: number,
  toYear: number,
): Got<Q> => {
  const pair = both(amount(facts, fromYear, field), amount(facts, toYear, field));
  if (!pair.ok) return pair;
  const [start, end] = pair.value;
  if (!isPositive(start))
    return missing(
      msg('fact.growth.notPositive', { year: fromYear, field, amount: formatCny(start) }),
    );
  return got(percent(sub(end, start), start));
};

export const oneYearGrowthFigure = (
  facts: Facts,
  field: AmountField,
  year: number,
): Got<Figure> => {
  const rate = growthRate(facts, field, year - 1, year);
  if (!rate.ok) return rate;
  return got({
    metric: exactMetric(rate.value),
    describe: (rounding) =>
      msg('figure.growth', {
        field: fieldWords(field),
        shown: formatPercent(rate.value, rounding),
        from: year - 1,
        to: year,
      }),
  });
};

const ONE = int(1);
const SCALE = 10n ** 15n;
const FLOAT_SCALE = 1e15;
const HUNDRED = int(100);

/**
 * Two-year compound growth sqrt(end / start) − 1 as a metric: growth ≥ t% ⇔ end / start ≥ (1 + t/100)²
 * (for 1 + t/100 ≥ 0). Exact without a square root.
 */
export const compoundGrowthMetric = (start: Q, end: Q): Metric => {
  const factor = div(end, start);
  const cmpTo = (threshold: Q): Sign => {
    const base = add(ONE, div(threshold, HUNDRED));
    if (isNegative(base)) return 1;
    return cmp(factor, mul(base, base));
  };
  const cmpAt = (hundredths: number): Sign => cmpTo({ n: BigInt(hundredths), d: 100n });
  return {
    cmp: cmpTo,
    show: (rounding) => {
      const approx = (Math.sqrt(Number((factor.n * SCALE) / factor.d) / FLOAT_SCALE) - 1) * 100;
      if (!Number.isFinite(approx) || Math.abs(approx) > 1e12)
        return Number.isFinite(approx) ? 1e12 : 0;
      if (rounding === 'half-up') return Math.round(approx * 100) / 100 || 0;
      // Settle the last digit exactly, so the shown figure sits on the same side of every threshold.
      const at = (hundredths: number): Sign => cmpAt(hundredths);
      let units = Math.floor(approx * 100);
      // The float estimate is off by at most a unit or two; the caps keep this loop bounded.
      if (rounding === 'floor') {
        for (let i = 0; i < 3 && at(units + 1) >= 0; i += 1) units += 1;
        for (let i = 0; i < 3 && at(units) < 0; i += 1) units -= 1;
      } else {
        for (let i = 0; i < 3 && at(units) > 0; i += 1) units += 1;
        for (let i = 0; i < 3 && at(units - 1) <= 0; i += 1) units -= 1;
      }
      return units / 100 || 0;
    },
  };
};

/** Two-year average growth P−2 → P: the mean of the two annual rates, or the compound rate [U]. */
export const twoYearGrowthFigure = (
  facts: Facts,
  field: AmountField,
  p: number,
  method: TwoYearGrowthMethod,
): Got<Figure> => {
  const words = fieldWords(field);
  if (method === 'arithmetic-mean') {
    const pair = both(growthRate(facts, field, p - 2, p - 1), growthRate(facts, field, p - 1, p));
    if (!pair.ok) return pair;
    const mean = div(add(pair.value[0], pair.value[1]), int(2));
    return got({
      metric: exactMetric(mean),
      describe: (rounding) =>
        msg('figure.growth.mean', {
          field: words,
          shown: formatPercent(mean, rounding),
          from: p - 2,
          to: p,
          first: formatPercent(pair.value[0], 'half-up'),
          second: formatPercent(pair.value[1], 'half-up'),
        }),
    });
  }
  const pair = both(amount(facts, p - 2, field), amount(facts, p, field));
  if (!pair.ok) return pair;
  const [start, end] = pair.value;
  if (!isPositive(start))
    return missing(
      msg('fact.growth.notPositive', { year: p - 2, field, amount: formatCny(start) }),
    );
  if (isNegative(end))
    return missing(msg('fact.growth.compoundNegative', { year: p, field, amount: formatCny(end) }));
  const metric = compoundGrowthMetric(start, end);
  return got({
    metric,
    describe: (rounding) =>
      msg('figure.growth.compound', {
        field: words,
        shown: `${metric.show(rounding).toFixed(2)}%`,
        from: p - 2,
        to: p,
        start: formatCny(start),
        end: formatCny(end),
      }),
  });
};
