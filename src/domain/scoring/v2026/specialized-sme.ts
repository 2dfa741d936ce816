// v2026 Annex 1 (工信部企业〔2026〕2号): specialized SME, conditions 1–8, all required; no scorecard, no direct route.
import type { ConditionResult } from '../assessment';
import type { RuleContext, TierOutcome } from '../common/context';
import { awardCondition, equityCondition, rdInstitutionCondition } from '../common/direct-routes';
import { eligibilityRequirements } from '../common/eligibility';
import { amount } from '../common/facts-reader';
import { debtRatioFigure, mainShareFigure } from '../common/metrics';
import {
  checkAmount,
  checkCondition,
  checkFigure,
  condition,
  decapitalize,
  flagCondition,
  unmetDetails,
} from '../common/results';
import { appliedIpCheck, nicheCondition, platformCondition, rdEachYearChecks } from './conditions';
import { SPECIALIZED_SME_2026 as T } from './specialized-sme.thresholds';

export const assessSpecializedSme2026 = (ctx: RuleContext): TierOutcome => {
  const { facts, periods, config } = ctx;
  const p = periods.p;

  const revenue = checkAmount(
    `Operating revenue in ${p}`,
    amount(facts, p, 'operatingRevenue'),
    '>=',
    T.revenueMin,
  );
  const equity = equityCondition('v2026.S2.equity', facts, periods.last2Years, T.equityInsteadMin);
  const rd = rdEachYearChecks(facts, p, T.rdRatioMin, T.rdAmountMin);
  const ip = appliedIpCheck(facts, T.classIAppliedMin);
  const award = awardCondition('v2026.S6.award', facts, periods, {
    national: T.awardTop,
    provincial: T.awardTop,
  });
  const institution = rdInstitutionCondition('v2026.S6.institution', facts, [
    'national',
    'provincial',
  ]);
  const waiver = award.met ? award : institution.met ? institution : null;
  const platform = platformCondition(
    'v2026.S8',
    'Condition 8 (platform score)',
    ctx,
    config.v2026.specializedPassMark,
  );

  const conditions: ConditionResult[] = [
    nicheCondition('v2026.S1', 'Condition 1 (niche market)', facts, periods, T.nicheYears),
    condition(
      'v2026.S2',
      revenue.met || equity.met,
      revenue.met
        ? `Condition 2 (scale): ${decapitalize(revenue.text)}.`
        : `Condition 2 (scale): ${decapitalize(revenue.text)}, or instead qualified equity raised in ${p - 1}–${p}. ${equity.detail}`,
    ),
    checkCondition(
      'v2026.S3',
      'Condition 3 (main-business share)',
      checkFigure(mainShareFigure(facts, p), '>=', T.mainShareMin),
    ),
    checkCondition(
      'v2026.S4',
      'Condition 4 (debt ratio)',
      checkFigure(debtRatioFigure(facts, p), '<=', T.debtRatioMax),
    ),
    condition(
      'v2026.S5',
      rd.met,
      `Condition 5 (R&D input in each of ${p - 1} and ${p}): ${rd.text}`,
    ),
    condition(
      'v2026.S6',
      ip.met || waiver !== null,
      ip.met
        ? `Condition 6 (Class I IP): ${ip.text}.`
        : waiver
          ? `Condition 6 (Class I IP): ${ip.text}, but the condition is waived. ${waiver.detail}`
          : `Condition 6 (Class I IP): ${ip.text}. Not waived: ${award.detail} ${institution.detail}`,
    ),
    flagCondition(
      'v2026.S7',
      facts.nicheMarketLeading,
      'nicheMarketLeading',
      'Condition 7 (niche position): the experts confirm the dominant product ranks relatively high in its niche market.',
      'Condition 7 (niche position): the experts do not confirm a relatively high niche-market position of the dominant product.',
    ),
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
    passMark: config.v2026.specializedPassMark,
    dimensions: [],
    directQualifications: [],
    requirements,
    reasons: eligible
      ? [
          `Meets every v2026 specialized-SME condition (1–8); platform score ${platform.used?.raw ?? ''}.`,
        ]
      : unmetDetails(requirements),
  };
};
