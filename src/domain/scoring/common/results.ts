// Domain rules §10 ("missing data fails with a reason"): builders that turn rule outcomes into Assessment parts.
// Every text is a language-neutral message (key + params); the catalogues word it in each language.
import { msg, sentenceList, type Msg, type MsgParam } from '../../i18n/message';
import type { ConditionResult, DimensionResult, IndicatorResult } from '../assessment';
import {
  bandWords,
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
  detail: Msg,
  parts?: ConditionResult[],
): ConditionResult => (parts ? { key, met, detail, parts } : { key, met, detail });

/** The text ended as a sentence (a period in English, 。 in Chinese) unless it already is. */
const sentence = (text: MsgParam): Msg => msg('text.sentence', { text });

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
      detail: msg('indicator.missing', {
        problem: figure.problem,
        name: msg(`indicatorName.${name}`),
        key,
        max,
      }),
    };
  const index = pickBand(table, figure.value.metric, tieBreak);
  const band = table.bands[index];
  const rounding = displayRounding(table.direction);
  const points = band?.points ?? 0;
  const need = nextBandNeed(table, index, tieBreak);
  const bandMsg = band ? bandWords(band.label) : null;
  return {
    key,
    value: figure.value.metric.show(rounding),
    points,
    max,
    band: bandMsg,
    detail: msg(need ? 'indicator.bandNeed' : 'indicator.band', {
      figure: figure.value.describe(rounding),
      key,
      points,
      max,
      band: bandMsg ?? msg('band.none'),
      ...(need ? { need } : {}),
    }),
  };
};

export const plainIndicator = (
  key: string,
  value: IndicatorResult['value'],
  points: number,
  max: number,
  band: Msg | null,
  detail: Msg,
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

export type Check = { readonly met: boolean; readonly text: Msg };

/** ", meeting the minimum of 3%" or "; at least 3% is required". */
export const verdictWords = (met: boolean, op: '>=' | '<=', threshold: MsgParam): Msg => {
  const which = op === '>=' ? (met ? 'meetsMin' : 'needsMin') : met ? 'withinMax' : 'exceedsMax';
  return msg(`verdict.${which}`, { threshold });
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
  return {
    met,
    text: msg('check.figure', {
      figure: described,
      verdict: verdictWords(met, op, formatThreshold(unit, literal)),
    }),
  };
};

/** A pass/fail test of an amount against an inclusive threshold. */
export const checkAmount = (
  label: Msg,
  value: Got<Q>,
  op: '>=' | '<=',
  threshold: number,
): Check => {
  if (!value.ok) return { met: false, text: value.problem };
  const sign = cmp(value.value, q(String(threshold)));
  const met = op === '>=' ? sign >= 0 : sign <= 0;
  const limit = formatCny(q(String(threshold)));
  return {
    met,
    text: msg('check.amount', {
      label,
      amount: formatCny(value.value),
      verdict: verdictWords(met, op, limit),
    }),
  };
};

/** "Label: what was found, and what is required." */
export const checkCondition = (key: string, label: Msg, check: Check): ConditionResult =>
  condition(key, check.met, msg('condition.labelled', { label, text: check.text }));

/** Every unmet condition as a sentence, followed by its unmet parts. */
export const unmetDetails = (conditions: readonly ConditionResult[]): Msg[] =>
  conditions.flatMap((c) => (c.met ? [] : [c.detail, ...unmetDetails(c.parts ?? [])]));

export { sentence };

/** Texts joined as sentences, each capitalized and ended, duplicates dropped. */
export const sentences = (texts: readonly Msg[]): Msg => sentenceList(texts);

/** A pass/fail test of a number the client gives (a percent share, a platform score), read exactly. */
export const checkNumber = (
  words: Msg,
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
  return {
    met,
    text: msg('check.number', {
      words,
      shown,
      verdict: verdictWords(met, op, `${literal}${suffix}`),
    }),
  };
};

/** A yes/no fact (expert-confirmed flags, quality items): true passes, anything else fails. */
export const flagCondition = (
  key: string,
  value: unknown,
  name: string,
  pass: Msg,
  fail: Msg,
): ConditionResult =>
  typeof value !== 'boolean'
    ? condition(key, false, msg('flag.missing', { name, fail }))
    : condition(key, value, value ? pass : fail);

/** A dimension or numbered condition made of parts, all required. */
export const allOf = (key: string, label: Msg, parts: ConditionResult[]): ConditionResult => {
  const failing = parts.filter((part) => !part.met).length;
  return condition(
    key,
    failing === 0,
    failing === 0
      ? msg('allOf.met', { label })
      : msg(parts.length === 1 ? 'allOf.notMet.one' : 'allOf.notMet.other', {
          label,
          failing,
          total: parts.length,
        }),
    parts,
  );
};

/** A rule's name by its key ("M1" → "M1 (niche market)"); the catalogues hold `rule.<key>`. */
export const ruleName = (key: string): Msg => msg(`rule.${key}`);
