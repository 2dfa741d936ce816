// v2026 Annex 2 (工信部企业〔2026〕2号): little giant, conditions 1–10, all required; no scorecard, no direct route.
import type { ConditionResult } from '../assessment';
import type { RuleContext, TierOutcome } from '../common/context';
import { awardCondition } from '../common/direct-routes';
import { eligibilityRequirements } from '../common/eligibility';
import { add, cmp, max, q, type Q } from '../common/exact';
import { amount, numberFact, type Got } from '../common/facts-reader';
import { formatNumber } from '../common/format';
import { debtRatioFigure, mainShareFigure, twoYearGrowthFigure } from '../common/metrics';
import {
  checkAmount,
  checkCondition,
  checkFigure,
  condition,
  sentences,
  unmetDetails,
} from '../common/results';
import { appliedIpCheck, nicheCondition, platformCondition, rdEachYearChecks } from './conditions';
import { LITTLE_GIANT_2026 as T } from './little-giant.thresholds';

const growthCondition = ({ facts, periods, config }: RuleContext): ConditionResult => {
  const key = 'v2026.L4';
  if (facts.reReview === true && !config.v2026.littleGiantGrowthAtReReview)
    return condition(key, true, 'Condition 4 (growth): not tested at a re-review.');
  const field =
    config.v2026.littleGiantGrowthRevenue === 'operating-revenue'
      ? 'operatingRevenue'
      : 'mainBusinessRevenue';
  const check = checkFigure(
    twoYearGrowthFigure(facts, field, periods.p, 'compound'),
    '>=',
    T.compoundGrowthMin,
  );
  return checkCondition(key, 'Condition 4 (growth)', check);
};

const rdCondition = ({ facts, periods }: RuleContext): ConditionResult => {
  const p = periods.p;
  const first = amount(facts, p - 1, 'rdExpense');
  const second = amount(facts, p, 'rdExpense');
  const total: Got<Q> = !first.ok
    ? first
    : !second.ok
      ? second
      : { ok: true, value: add(first.value, second.value) };
  const sum = checkAmount(
    `R&D expense over ${p - 1}–${p} in total`,
    total,
    '>=',
    T.rdTwoYearTotalMin,
  );
  const ratios = rdEachYearChecks(facts, p, T.rdRatioMin, null);
  return condition(
    'v2026.L6',
    sum.met && ratios.met,
    `Condition 6 (R&D input): ${sentences([sum.text])} ${ratios.text}`,
  );
};

const marketCondition = ({ facts }: RuleContext): ConditionResult => {
  const national = numberFact(facts.nationalMarketShare, 'nationalMarketShare');
  const international = numberFact(facts.internationalMarketShare, 'internationalMarketShare');
  const shares = [national, international].flatMap((s) => (s.ok ? [s.value] : []));
  const best = shares.reduce<Q | null>((a, b) => (a === null ? b : max(a, b)), null);
  const shareMet = best !== null && cmp(best, q(T.marketShareMin)) >= 0;
  const rank: unknown = facts.nationalMarketRank;
  const rankMet =
    typeof rank === 'number' && Number.isInteger(rank) && rank >= 1 && rank <= T.nationalRankTop;
  const shareText =
    best === null
      ? 'nationalMarketShare and internationalMarketShare are missing'
      : `the larger niche-market share (domestic or international) is ${formatNumber(best, 'floor')}%`;
  const rankText =
    typeof rank === 'number'
      ? `the domestic niche rank is ${rank}`
      : 'nationalMarketRank is not given';
  return condition(
    'v2026.L8',
    shareMet || rankMet,
    `Condition 8 (market position): ${shareText} and ${rankText}; a share of at least ${T.marketShareMin}% or a domestic rank of ${T.nationalRankTop} or better is required.`,
  );
};

const fieldCondition = ({ facts, config }: RuleContext): ConditionResult => {
  const field = facts.keyProductField === true;
  const chain = facts.chainSupport === true;
  const both = config.v2026.chainOrField === 'both';
  const met = both ? field && chain : field || chain;
  const state = (value: unknown, yes: string, no: string): string =>
    typeof value !== 'boolean' ? `${no} (not given)` : value ? yes : no;
  return condition(
    'v2026.L9',
    met,
    `Condition 9 (field and chain): ${state(facts.keyProductField, 'the dominant product is in the six foundations', 'the six-foundations field is not confirmed')}; ${state(facts.chainSupport, 'it strengthens a key link of a chain', 'chain support is not confirmed')}; ${both ? 'both are' : 'either is'} required.`,
  );
};

export const assessLittleGiant2026 = (ctx: RuleContext): TierOutcome => {
  const { facts, periods, config } = ctx;
  const p = periods.p;
  const ip = appliedIpCheck(facts, T.classIAppliedMin);
  const award = awardCondition('v2026.L7.award', facts, periods, { national: T.nationalAwardTop });
  const platform = platformCondition(
    'v2026.L10',
    'Condition 10 (platform score)',
    ctx,
    config.v2026.littleGiantPassMark,
  );
  const conditions: ConditionResult[] = [
    nicheCondition('v2026.L1', 'Condition 1 (niche market)', facts, periods, T.nicheYears),
    checkCondition(
      'v2026.L2',
      'Condition 2 (revenue)',
      checkAmount(
        `Operating revenue in ${p}`,
        amount(facts, p, 'operatingRevenue'),
        '>=',
        T.revenueMin,
      ),
    ),
    checkCondition(
      'v2026.L3',
      'Condition 3 (main-business share)',
      checkFigure(mainShareFigure(facts, p), '>=', T.mainShareMin),
    ),
    growthCondition(ctx),
    checkCondition(
      'v2026.L5',
      'Condition 5 (debt ratio)',
      checkFigure(debtRatioFigure(facts, p), '<=', T.debtRatioMax),
    ),
    rdCondition(ctx),
    condition(
      'v2026.L7',
      ip.met || award.met,
      ip.met
        ? `Condition 7 (Class I IP): ${ip.text}.`
        : award.met
          ? `Condition 7 (Class I IP): ${ip.text}, but the condition is waived. ${award.detail}`
          : `Condition 7 (Class I IP): ${ip.text}. Not waived: ${award.detail}`,
    ),
    marketCondition(ctx),
    fieldCondition(ctx),
    platform.condition,
  ];
  const requirements = [
    ...eligibilityRequirements(facts, periods, config.sizeTestReading),
    ...conditions,
  ];
  const eligible = requirements.every((c) => c.met);
  return {
    eligible,
    route: eligible ? 'score' : null,
    score: platform.used?.raw ?? null,
    passMark: config.v2026.littleGiantPassMark,
    dimensions: [],
    directQualifications: [],
    requirements,
    reasons: eligible
      ? [
          `Meets every v2026 little-giant condition (1–10); platform score ${platform.used?.raw ?? ''}.`,
        ]
      : unmetDetails(requirements),
  };
};
