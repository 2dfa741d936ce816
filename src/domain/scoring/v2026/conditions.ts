// v2026 (工信部企业〔2026〕2号) §9 "Engine reading": tests shared by the specialized and little-giant standards.
import type { Facts } from '../../certification/facts';
import { msg, type Msg } from '../../i18n/message';
import type { ConditionResult } from '../assessment';
import type { RuleContext } from '../common/context';
import { cmp, fromNumber, int, q } from '../common/exact';
import {
  amount,
  ipCounts,
  nicheYears,
  platformScore,
  type PlatformScore,
} from '../common/facts-reader';
import { formatCount, plural } from '../common/format';
import { rdRatioFigure } from '../common/metrics';
import type { Periods } from '../common/periods';
import {
  checkAmount,
  checkFigure,
  condition,
  ruleName,
  sentences,
  verdictWords,
} from '../common/results';

export const nicheCondition = (
  key: string,
  facts: Facts,
  periods: Periods,
  needed: number,
): ConditionResult => {
  const label = ruleName(key);
  const years = nicheYears(facts, periods);
  if (!years.ok)
    return condition(key, false, msg('condition.problem', { label, problem: years.problem }));
  return condition(
    key,
    years.value >= needed,
    msg('v2026.niche', {
      label,
      years: plural(years.value, 'completedYear'),
      year: periods.p,
      needed,
    }),
  );
};

/** R&D ≥ amount and R&D / revenue ≥ ratio, in each of P−1 and P (the amount test is optional). */
export const rdEachYearChecks = (
  facts: Facts,
  p: number,
  ratioMin: string,
  amountMin: number | null,
): { met: boolean; text: Msg } => {
  const checks = [p - 1, p].flatMap((year) => [
    ...(amountMin === null
      ? []
      : [
          checkAmount(
            msg('label.rdExpenseIn', { year }),
            amount(facts, year, 'rdExpense'),
            '>=',
            amountMin,
          ),
        ]),
    checkFigure(rdRatioFigure(facts, year), '>=', ratioMin),
  ]);
  return { met: checks.every((c) => c.met), text: sentences(checks.map((c) => c.text)) };
};

/** Class I IP in use and earning revenue, at least `min` (`ip.classIApplied`). */
export const appliedIpCheck = (facts: Facts, min: number): { met: boolean; text: Msg } => {
  const ip = ipCounts(facts);
  if (!ip.ok) return { met: false, text: ip.problem };
  if (!(facts.ip && typeof facts.ip.classIApplied === 'number'))
    return { met: false, text: msg('fact.missing', { name: 'ip.classIApplied' }) };
  const met = cmp(ip.value.classIApplied, int(min)) >= 0;
  return {
    met,
    text: msg(min === 1 ? 'v2026.appliedIp.one' : 'v2026.appliedIp.other', {
      count: formatCount(ip.value.classIApplied),
      min,
    }),
  };
};

/**
 * The platform score for year Y against the pass mark; at a re-review (and by default) the better of
 * Y−1 and Y [U]. Returns the score the rule used (null if none).
 */
export const platformCondition = (
  key: string,
  { facts, periods, config }: RuleContext,
  passMark: number,
): { condition: ConditionResult; used: PlatformScore | null } => {
  const y = periods.y;
  const betterOfTwo = facts.reReview === true && config.v2026.reReviewUsesBetterScore;
  const candidates = (betterOfTwo ? [y - 1, y] : [y])
    .map((year) => platformScore(facts, year))
    .filter((s): s is PlatformScore => s !== null);
  const used = candidates.reduce<PlatformScore | null>(
    (best, s) => (best === null || cmp(s.exact, best.exact) > 0 ? s : best),
    null,
  );
  const label = ruleName(key);
  const years = betterOfTwo ? msg('v2026.yearOr', { first: y - 1, second: y }) : String(y);
  if (!used)
    return {
      condition: condition(key, false, msg('v2026.platform.none', { label, years, passMark })),
      used: null,
    };
  const mark = fromNumber(passMark) ?? q('0');
  const met = cmp(used.exact, mark) >= 0;
  return {
    condition: condition(
      key,
      met,
      msg(betterOfTwo ? 'v2026.platform.better' : 'v2026.platform', {
        label,
        year: used.year,
        score: used.raw,
        years,
        verdict: verdictWords(met, '>=', String(passMark)),
      }),
    ),
    used,
  };
};
