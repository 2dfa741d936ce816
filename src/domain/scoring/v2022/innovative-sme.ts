// v2022 Annex 1 (工信部企业〔2022〕63号): innovative SME; also tier 1 under v2026 until a merged standard (§9).
import type { Facts } from '../../certification/facts';
import { msg } from '../../i18n/message';
import type { IndicatorResult } from '../assessment';
import type { RuleContext, TierOutcome } from '../common/context';
import {
  awardCondition,
  equityCondition,
  ipIndicator,
  rdInstitutionCondition,
  titleCondition,
} from '../common/direct-routes';
import { eligibilityRequirements } from '../common/eligibility';
import { ipCounts } from '../common/facts-reader';
import {
  debtRatioFigure,
  mainShareFigure,
  oneYearGrowthFigure,
  rdRatioFigure,
} from '../common/metrics';
import { bandIndicator, dimension, plainIndicator } from '../common/results';
import { judgeScore, scoredReasons } from '../common/verdict';
import { INNOVATIVE_SME as T } from './innovative-sme.thresholds';

const fieldIndicator = (facts: Facts): IndicatorResult => {
  const value: unknown = facts.strategicEmergingIndustry;
  const max = T.field.max;
  if (typeof value !== 'boolean')
    return plainIndicator(
      'IN5',
      null,
      0,
      max,
      null,
      msg('indicator.zero', {
        problem: msg('fact.missing', { name: 'strategicEmergingIndustry' }),
        key: 'IN5',
        max,
      }),
    );
  const points = value ? T.field.strategicEmerging : T.field.other;
  return plainIndicator(
    'IN5',
    value,
    points,
    max,
    msg(value ? 'in5.band.listed' : 'in5.band.other'),
    msg(value ? 'in5.listed' : 'in5.notListed', { points, max }),
  );
};

export const assessInnovativeSme = ({ facts, periods, config }: RuleContext): TierOutcome => {
  const tie = config.bandTieBreak;
  const p = periods.p;
  const minimums = config.innovative.dimensionMinimums;
  const requirements = eligibilityRequirements(facts, periods, config.sizeTestReading);
  const directQualifications = [
    awardCondition('D1', facts, periods, { national: 'any', provincial: 'any' }),
    titleCondition('D2', facts, config.innovative.directTitles),
    rdInstitutionCondition('D3', facts, ['national', 'provincial']),
    equityCondition('D4', facts, periods.last3Years, T.directEquityMin),
  ];
  const dimensions = [
    dimension(
      'innovation',
      T.dimensions.innovation.max,
      [
        ipIndicator('IN1', T.ip, ipCounts(facts)),
        bandIndicator('IN2', 'rdIntensity', T.rdRatio, rdRatioFigure(facts, p), tie),
      ],
      minimums.innovation,
    ),
    dimension(
      'growth',
      T.dimensions.growth.max,
      [
        bandIndicator(
          'IN3',
          'mainBusinessGrowth',
          T.growth,
          oneYearGrowthFigure(facts, 'mainBusinessRevenue', p),
          tie,
        ),
        bandIndicator('IN4', 'debtRatio', T.debtRatio, debtRatioFigure(facts, p), tie),
      ],
      minimums.growth,
    ),
    dimension(
      'specialization',
      T.dimensions.specialization.max,
      [
        fieldIndicator(facts),
        bandIndicator('IN6', 'mainBusinessShare', T.mainShare, mainShareFigure(facts, p), tie),
      ],
      minimums.specialization,
    ),
  ];
  const passMark = config.innovative.passMark;
  const verdict = judgeScore(dimensions, passMark);
  const route = directQualifications.some((c) => c.met)
    ? 'direct'
    : verdict.passes
      ? 'score'
      : null;
  const eligible = requirements.every((c) => c.met) && route !== null;
  return {
    eligible,
    route,
    score: verdict.total,
    passMark,
    dimensions,
    directQualifications,
    requirements,
    reasons: scoredReasons({
      eligible,
      route,
      requirements,
      direct: directQualifications,
      verdict,
      passMark,
      noRoute: msg('innovative.noRoute'),
    }),
  };
};
