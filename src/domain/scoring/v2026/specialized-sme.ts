// v2026 Annex 1 (工信部企业〔2026〕2号): specialized SME, conditions 1–8, all required; no scorecard, no direct route.
import { msg } from '../../i18n/message';
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
  flagCondition,
  ruleName,
  unmetDetails,
} from '../common/results';
import { appliedIpCheck, nicheCondition, platformCondition, rdEachYearChecks } from './conditions';
import { SPECIALIZED_SME_2026 as T } from './specialized-sme.thresholds';

export const assessSpecializedSme2026 = (ctx: RuleContext): TierOutcome => {
  const { facts, periods, config } = ctx;
  const p = periods.p;

  const revenue = checkAmount(
    msg('label.operatingRevenueIn', { year: p }),
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
  const platform = platformCondition('v2026.S8', ctx, config.v2026.specializedPassMark);

  const conditions: ConditionResult[] = [
    nicheCondition('v2026.S1', facts, periods, T.nicheYears),
    condition(
      'v2026.S2',
      revenue.met || equity.met,
      revenue.met
        ? msg('condition.labelled', { label: ruleName('v2026.S2'), text: revenue.text })
        : msg('v2026.s2.orEquity', {
            label: ruleName('v2026.S2'),
            text: revenue.text,
            from: p - 1,
            to: p,
            equity: equity.detail,
          }),
    ),
    checkCondition(
      'v2026.S3',
      ruleName('v2026.S3'),
      checkFigure(mainShareFigure(facts, p), '>=', T.mainShareMin),
    ),
    checkCondition(
      'v2026.S4',
      ruleName('v2026.S4'),
      checkFigure(debtRatioFigure(facts, p), '<=', T.debtRatioMax),
    ),
    condition('v2026.S5', rd.met, msg('v2026.s5', { first: p - 1, second: p, text: rd.text })),
    condition(
      'v2026.S6',
      ip.met || waiver !== null,
      ip.met
        ? msg('condition.labelled', { label: ruleName('v2026.S6'), text: ip.text })
        : waiver
          ? msg('v2026.ip.waived', {
              label: ruleName('v2026.S6'),
              text: ip.text,
              waiver: waiver.detail,
            })
          : msg('v2026.ip.notWaived2', {
              label: ruleName('v2026.S6'),
              text: ip.text,
              first: award.detail,
              second: institution.detail,
            }),
    ),
    flagCondition(
      'v2026.S7',
      facts.nicheMarketLeading,
      'nicheMarketLeading',
      msg('v2026.s7.pass'),
      msg('v2026.s7.fail'),
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
      ? [msg('v2026.s.meets', { score: platform.used?.raw ?? '' })]
      : unmetDetails(requirements),
  };
};
