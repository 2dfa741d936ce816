// Domain rules §10 ("missing data fails with a reason"): builders that turn rule outcomes into Assessment parts.
import type { ConditionResult, DimensionResult, IndicatorResult } from '../assessment';
import {
  displayRounding,
  formatThreshold,
  maxPoints,
  nextBandNeed,
  pickBand,
  type BandTable,
  type BandTieBreak,
  type BandUnit,
} from './bands';
import { cmp, q, type Q } from './exact';
import type { Got } from './facts-reader';
import { formatCny, formatNumber } from './format';
import type { Figure } from './metrics';

export const condition = (
  key: string,
  met: boolean,
  detail: string,
  parts?: ConditionResult[],
): ConditionResult => (parts ? { key, met, detail, parts } : { key, met, detail });

const sentence = (text: string): string => (/[.!?]$/.test(text) ? text : `${text}.`);

export const capitalize = (text: string): string =>
  text.length > 0 ? text.charAt(0).toUpperCase() + text.slice(1) : text;

/** An indicator scored on a band table; a missing figure scores 0 with the reason. */
export const bandIndicator = (
  key: string,
  name: string,
  table: BandTable,
  figure: Got<Figure>,
  tieBreak: BandTieBreak,
): IndicatorResult => {
  const max = maxPoints(table);
  if (!figure.ok)
    return {
      key,
      value: null,
      points: 0,
      max,
      band: null,
      detail: sentence(
        `${capitalize(figure.problem)}, so ${name} (${key}) scores 0 of ${max} points`,
      ),
    };
  const index = pickBand(table, figure.value.metric, tieBreak);
  const band = table.bands[index];
  const rounding = displayRounding(table.direction);
  const points = band?.points ?? 0;
  const need = nextBandNeed(table, index, tieBreak);
  return {
    key,
    value: figure.value.metric.show(rounding),
    points,
    max,
    band: band?.label ?? null,
    detail: sentence(
      `${figure.value.describe(rounding)}: ${key} scores ${points} of ${max} points (${band?.label ?? 'no band'})${need ? `; ${need}` : ''}`,
    ),
  };
};

export const plainIndicator = (
  key: string,
  value: IndicatorResult['value'],
  points: number,
  max: number,
  band: string | null,
  detail: string,
): IndicatorResult => ({ key, value, points, max, band, detail: sentence(detail) });

export const dimension = (
  key: string,
  max: number,
  indicators: IndicatorResult[],
  min?: number,
): DimensionResult => {
  const score = indicators.reduce((total, indicator) => total + indicator.points, 0);
  return min !== undefined && min > 0
    ? { key, score, max, min, indicators }
    : { key, score, max, indicators };
};

export type Check = { readonly met: boolean; readonly text: string };

/** ", meeting the minimum of 3%" or "; at least 3% is required". */
export const verdictWords = (met: boolean, op: '>=' | '<=', threshold: string): string => {
  if (op === '>=')
    return met ? `, meeting the minimum of ${threshold}` : `; at least ${threshold} is required`;
  return met ? `, within the maximum of ${threshold}` : `; at most ${threshold} is allowed`;
};

/** A pass/fail test of a ratio or growth figure against an inclusive threshold (不低于 / 不高于). */
export const checkFigure = (
  figure: Got<Figure>,
  op: '>=' | '<=',
  literal: string,
  unit: BandUnit = 'percent',
): Check => {
  if (!figure.ok) return { met: false, text: figure.problem };
  const sign = figure.value.metric.cmp(q(literal));
  const met = op === '>=' ? sign >= 0 : sign <= 0;
  const described = figure.value.describe(op === '>=' ? 'floor' : 'ceil');
  return { met, text: `${described}${verdictWords(met, op, formatThreshold(unit, literal))}` };
};

/** A pass/fail test of an amount against an inclusive threshold. */
export const checkAmount = (
  label: string,
  value: Got<Q>,
  op: '>=' | '<=',
  threshold: number,
): Check => {
  if (!value.ok) return { met: false, text: value.problem };
  const sign = cmp(value.value, q(String(threshold)));
  const met = op === '>=' ? sign >= 0 : sign <= 0;
  const limit = formatCny(q(String(threshold)));
  return { met, text: `${label} is ${formatCny(value.value)}${verdictWords(met, op, limit)}` };
};

/** "The debt ratio" → "the debt ratio"; "R&D expense" stays. */
export const decapitalize = (text: string): string =>
  /^[A-Z][a-z]/.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text;

/** "Label: what was found, and what is required." */
export const checkCondition = (key: string, label: string, check: Check): ConditionResult =>
  condition(key, check.met, sentence(`${label}: ${decapitalize(check.text)}`));

/** Every unmet condition as a sentence, followed by its unmet parts. */
export const unmetDetails = (conditions: readonly ConditionResult[]): string[] =>
  conditions.flatMap((c) => (c.met ? [] : [c.detail, ...unmetDetails(c.parts ?? [])]));

export { sentence };

/** Texts joined as sentences, each capitalized and ended, duplicates dropped. */
export const sentences = (texts: readonly string[]): string =>
  [...new Set(texts.map((t) => sentence(capitalize(t))))].join(' ');

/** A pass/fail test of a number the client gives (a percent share, a platform score), read exactly. */
export const checkNumber = (
  words: string,
  value: Got<Q>,
  op: '>=' | '<=',
  literal: string,
  unit: 'percent' | 'points',
): Check => {
  if (!value.ok) return { met: false, text: value.problem };
  const sign = cmp(value.value, q(literal));
  const met = op === '>=' ? sign >= 0 : sign <= 0;
  const suffix = unit === 'percent' ? '%' : '';
  const shown = `${formatNumber(value.value, op === '>=' ? 'floor' : 'ceil')}${suffix}`;
  return { met, text: `${words} is ${shown}${verdictWords(met, op, `${literal}${suffix}`)}` };
};

/** A yes/no fact (expert-confirmed flags, quality items): true passes, anything else fails. */
export const flagCondition = (
  key: string,
  value: unknown,
  name: string,
  pass: string,
  fail: string,
): ConditionResult =>
  typeof value !== 'boolean'
    ? condition(key, false, `${name} is missing; ${fail.charAt(0).toLowerCase()}${fail.slice(1)}`)
    : condition(key, value, value ? pass : fail);

/** A dimension or numbered condition made of parts, all required. */
export const allOf = (key: string, label: string, parts: ConditionResult[]): ConditionResult => {
  const failing = parts.filter((part) => !part.met).length;
  return condition(
    key,
    failing === 0,
    failing === 0
      ? `${label}: met.`
      : `${label}: not met (${failing} of ${parts.length} ${parts.length === 1 ? 'test fails' : 'tests fail'}).`,
    parts,
  );
};
