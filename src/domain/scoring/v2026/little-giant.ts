// v2026 Annex 2 (工信部企业〔2026〕2号): little giant, conditions 1–10, all required; no scorecard, no direct route.
import { msg, type Msg } from '../../i18n/message';
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
  ruleName,
  sentences,
  unmetDetails,
} from '../common/results';
import { appliedIpCheck, nicheCondition, platformCondition, rdEachYearChecks } from './conditions';
import { LITTLE_GIANT_2026 as T } from './little-giant.thresholds';

const growthCondition = ({ facts, periods, config }: RuleContext): ConditionResult => {
  const key = 'v2026.L4';
  if (facts.reReview === true && !config.v2026.littleGiantGrowthAtReReview)
    return condition(key, true, msg('v2026.l4.notTested'));
  const field =
    config.v2026.littleGiantGrowthRevenue === 'operating-revenue'
      ? 'operatingRevenue'
      : 'mainBusinessRevenue';
  const check = checkFigure(
    twoYearGrowthFigure(facts, field, periods.p, 'compound'),
    '>=',
    T.compoundGrowthMin,
  );
  return checkCondition(key, ruleName(key), check);
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
    msg('label.rdExpenseTotal', { from: p - 1, to: p }),
    total,
    '>=',
    T.rdTwoYearTotalMin,
  );
  const ratios = rdEachYearChecks(facts, p, T.rdRatioMin, null);
  return condition(
    'v2026.L6',
    sum.met && ratios.met,
    msg('v2026.l6', {
      label: ruleName('v2026.L6'),
      sum: sentences([sum.text]),
      ratios: ratios.text,
    }),
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
      ? msg('v2026.l8.sharesMissing')
      : msg('v2026.l8.share', { share: `${formatNumber(best, 'floor')}%` });
  const rankText =
    typeof rank === 'number' ? msg('v2026.l8.rank', { rank }) : msg('v2026.l8.rankMissing');
  return condition(
    'v2026.L8',
    shareMet || rankMet,
    msg('v2026.l8', {
      label: ruleName('v2026.L8'),
      share: shareText,
      rank: rankText,
      min: `${T.marketShareMin}%`,
      top: T.nationalRankTop,
    }),
  );
};

const fieldCondition = ({ facts, config }: RuleContext): ConditionResult => {
  const field = facts.keyProductField === true;
  const chain = facts.chainSupport === true;
  const both = config.v2026.chainOrField === 'both';
  const met = both ? field && chain : field || chain;
  const state = (value: unknown, name: 'field' | 'chain'): Msg =>
    typeof value !== 'boolean'
      ? msg(`v2026.l9.${name}.notGiven`)
      : msg(`v2026.l9.${name}.${value ? 'yes' : 'no'}`);
  return condition(
    'v2026.L9',
    met,
    msg(both ? 'v2026.l9.both' : 'v2026.l9.either', {
      label: ruleName('v2026.L9'),
      field: state(facts.keyProductField, 'field'),
      chain: state(facts.chainSupport, 'chain'),
    }),
  );
};

export const assessLittleGiant2026 = (ctx: RuleContext): TierOutcome => {
  const { facts, periods, config } = ctx;
  const p = periods.p;
  const ip = appliedIpCheck(facts, T.classIAppliedMin);
  const award = awardCondition('v2026.L7.award', facts, periods, { national: T.nationalAwardTop });
  const platform = platformCondition('v2026.L10', ctx, config.v2026.littleGiantPassMark);
  const conditions: ConditionResult[] = [
    nicheCondition('v2026.L1', facts, periods, T.nicheYears),
    checkCondition(
      'v2026.L2',
      ruleName('v2026.L2'),
      checkAmount(
        msg('label.operatingRevenueIn', { year: p }),
        amount(facts, p, 'operatingRevenue'),
        '>=',
        T.revenueMin,
      ),
    ),
    checkCondition(
      'v2026.L3',
      ruleName('v2026.L3'),
      checkFigure(mainShareFigure(facts, p), '>=', T.mainShareMin),
    ),
    growthCondition(ctx),
    checkCondition(
      'v2026.L5',
      ruleName('v2026.L5'),
      checkFigure(debtRatioFigure(facts, p), '<=', T.debtRatioMax),
    ),
    rdCondition(ctx),
    condition(
      'v2026.L7',
      ip.met || award.met,
      ip.met
        ? msg('condition.labelled', { label: ruleName('v2026.L7'), text: ip.text })
        : award.met
          ? msg('v2026.ip.waived', {
              label: ruleName('v2026.L7'),
              text: ip.text,
              waiver: award.detail,
            })
          : msg('v2026.ip.notWaived', {
              label: ruleName('v2026.L7'),
              text: ip.text,
              first: award.detail,
            }),
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
      ? [msg('v2026.l.meets', { score: platform.used?.raw ?? '' })]
      : unmetDetails(requirements),
  };
};
