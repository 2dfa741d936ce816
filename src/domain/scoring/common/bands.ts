// Domain rules §0 (inclusive boundaries): a boundary value matches two bands; the tie-break picks one.
// 'best-first' tests the bands from the best one down and takes the first match (the engine rule).
// 'literal' tests them from the worst one up, so a boundary value scores in the worse band (a debt
// ratio of exactly 75% reads "75%以上 → 0"; an R&D ratio of exactly 5% reads "3%–5% → 15").
import { cmp, q, toDisplay, type Q, type Rounding, type Sign } from './exact';
import { msg, type Msg, type MsgParam } from '../../i18n/message';
import { formatCny } from './format';

export const BAND_TIE_BREAKS = ['best-first', 'literal'] as const;
export type BandTieBreak = (typeof BAND_TIE_BREAKS)[number];

export type Direction = 'higher-is-better' | 'lower-is-better';
export type BandUnit = 'percent' | 'cny';

/** Bounds are inclusive decimal literals. An `otherwise` band matches only when no other does. */
export type Band = {
  readonly points: number;
  readonly label: string;
  readonly min?: string;
  readonly max?: string;
  readonly otherwise?: boolean;
};

/** Bands are listed best first. */
export type BandTable = {
  readonly direction: Direction;
  readonly unit: BandUnit;
  readonly bands: readonly Band[];
};

/** A figure that can be compared exactly with a threshold, and shown rounded. */
export type Metric = {
  readonly cmp: (threshold: Q) => Sign;
  readonly show: (rounding: Rounding) => number;
};

export const exactMetric = (value: Q): Metric => ({
  cmp: (threshold) => cmp(value, threshold),
  show: (rounding) => toDisplay(value, 2, rounding),
});

/** Rounding for display: toward the worse side, so "2.99%" is never shown for a passing 2.999%. */
export const displayRounding = (direction: Direction): Rounding =>
  direction === 'higher-is-better' ? 'floor' : 'ceil';

const matches = (band: Band, metric: Metric): boolean =>
  (band.min === undefined || metric.cmp(q(band.min)) >= 0) &&
  (band.max === undefined || metric.cmp(q(band.max)) <= 0);

/** The index (best first) of the band the metric falls in. */
export const pickBand = (table: BandTable, metric: Metric, tieBreak: BandTieBreak): number => {
  const order = table.bands.map((_, index) => index);
  if (tieBreak === 'literal') order.reverse();
  for (const index of order) {
    const band = table.bands[index];
    if (band && !band.otherwise && matches(band, metric)) return index;
  }
  const fallback = table.bands.findIndex((band) => band.otherwise);
  return fallback >= 0 ? fallback : table.bands.length - 1;
};

export const formatThreshold = (unit: BandUnit, literal: string): MsgParam =>
  unit === 'percent' ? `${literal}%` : formatCny(q(literal));

/** A CNY-million figure or range ("5", "4–5") as a message: "CNY 4–5 M" / "400–500万元". */
const millions = (figure: string): Msg =>
  msg('band.cnyMillions', {
    m: figure,
    wan: figure
      .split('–')
      .map((part) => String(Math.round(Number(part) * 100)))
      .join('–'),
  });

/** A band's label in words as a message: "5% or more" → band.orMore {value: "5%"}. */
export const bandWords = (label: string): Msg => {
  const value = (text: string): MsgParam => {
    const cny = /^CNY (\d+(?:\.\d+)?(?:–\d+(?:\.\d+)?)?) M$/.exec(text);
    return cny?.[1] ? millions(cny[1]) : text;
  };
  const patterns: [RegExp, string][] = [
    [/^(.+) or more$/, 'band.orMore'],
    [/^(.+) or less$/, 'band.orLess'],
    [/^(?:below|under) (.+)$/, 'band.below'],
    [/^above (.+)$/, 'band.above'],
  ];
  for (const [pattern, key] of patterns) {
    const match = pattern.exec(label);
    if (match?.[1]) return msg(key, { value: value(match[1]) });
  }
  return msg('band.range', { value: value(label) });
};

/** "the 3–5% band needs at least 3%", or null for the best band. */
export const nextBandNeed = (
  table: BandTable,
  index: number,
  tieBreak: BandTieBreak,
): Msg | null => {
  const better = index > 0 ? table.bands[index - 1] : undefined;
  if (!better) return null;
  const literal = table.direction === 'higher-is-better' ? better.min : better.max;
  if (literal === undefined) return null;
  const strict = tieBreak === 'literal';
  const words =
    table.direction === 'higher-is-better'
      ? strict
        ? 'moreThan'
        : 'atLeast'
      : strict
        ? 'lessThan'
        : 'atMost';
  return msg(`band.needs.${words}`, {
    band: bandWords(better.label),
    threshold: formatThreshold(table.unit, literal),
  });
};

export const maxPoints = (table: BandTable): number =>
  table.bands.reduce((best, band) => Math.max(best, band.points), 0);
