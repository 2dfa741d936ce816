// v2022 Annex 3 (工信部企业〔2022〕63号): little giant, six pass/fail dimensions; innovation by general or direct conditions.
import type { Facts } from '../../certification/facts';
import { msg, type Msg } from '../../i18n/message';
import type { ConditionResult } from '../assessment';
import type { LittleGiantConfig } from '../config';
import type { RuleContext, TierOutcome } from '../common/context';
import {
  awardCondition,
  equityCondition,
  makerInChinaCondition,
  rdInstitutionCondition,
} from '../common/direct-routes';
import { eligibilityRequirements } from '../common/eligibility';
import { add, cmp, int, type Q } from '../common/exact';
import { amount, ipCounts, nicheYears, numberFact, type Got } from '../common/facts-reader';
import { formatCny, formatCount, plural } from '../common/format';
import {
  debtRatioFigure,
  mainShareFigure,
  rdRatioFigure,
  rdStaffFigure,
  twoYearGrowthFigure,
} from '../common/metrics';
import type { Periods } from '../common/periods';
import {
  allOf,
  checkAmount,
  checkCondition,
  checkFigure,
  checkNumber,
  condition,
  flagCondition,
  ruleName,
  sentences,
} from '../common/results';
import { LITTLE_GIANT as T } from './little-giant.thresholds';

const nicheCondition = (facts: Facts, periods: Periods, lg: LittleGiantConfig): ConditionResult => {
  const key = 'LG.specialization.nicheYears';
  const years = nicheYears(facts, periods);
  if (!years.ok) return condition(key, false, msg('lg.niche.problem', { problem: years.problem }));
  const relaxed = lg.twoYearNicheRelaxation && facts.productField === 'gap_filling';
  const needed = relaxed ? T.specialization.relaxedNicheYears : T.specialization.nicheYears;
  return condition(
    key,
    years.value >= needed,
    msg(relaxed ? 'lg.niche.relaxed' : 'lg.niche', {
      years: plural(years.value, 'completedYear'),
      year: periods.p,
      needed,
    }),
  );
};

const growthCondition = (ctx: RuleContext): ConditionResult => {
  const key = 'LG.specialization.growth';
  const { facts, periods, config } = ctx;
  if (facts.reReview === true && config.littleGiant.waiveGrowthTestAtReReview)
    return condition(key, true, msg('lg.growth.waived'));
  return checkCondition(
    key,
    ruleName(key),
    checkFigure(
      twoYearGrowthFigure(facts, 'mainBusinessRevenue', periods.p, config.twoYearGrowth),
      '>=',
      T.specialization.growthMin,
    ),
  );
};

type RevenueTier = 'large' | 'mid' | 'small';

const revenueTier = (revenue: Got<Q>, lg: LittleGiantConfig): RevenueTier | null => {
  if (!revenue.ok) return null;
  if (cmp(revenue.value, int(T.innovation.largeRevenue)) >= 0) return 'large';
  const vsMid = cmp(revenue.value, int(T.innovation.midRevenue));
  if (vsMid > 0 || (vsMid === 0 && lg.exactly50MTier === '50m-to-100m')) return 'mid';
  return 'small';
};

/** General (a): R&D intensity tiered by previous-year operating revenue. */
const rdIntensityCondition = (ctx: RuleContext): ConditionResult => {
  const key = 'LG.innovation.general.a';
  const { facts, periods, config } = ctx;
  const p = periods.p;
  const i = T.innovation;
  const revenue = amount(facts, p, 'operatingRevenue');
  const tier = revenueTier(revenue, config.littleGiant);
  if (!revenue.ok || tier === null)
    return condition(
      key,
      false,
      msg('lg.a.problem', { problem: revenue.ok ? msg('lg.a.tierUnknown') : revenue.problem }),
    );
  const revenueText = msg('lg.a.revenue', { year: p, amount: formatCny(revenue.value) });
  if (tier !== 'small') {
    const min = tier === 'large' ? i.largeRdRatioMin : i.midRdRatioMin;
    const checks = [p - 1, p].map((year) => checkFigure(rdRatioFigure(facts, year), '>=', min));
    return condition(
      key,
      checks.every((c) => c.met),
      msg(`lg.a.${tier}`, {
        revenue: revenueText,
        min: `${min}%`,
        first: p - 1,
        second: p,
        checks: sentences(checks.map((c) => c.text)),
      }),
    );
  }
  const equity = equityCondition(`${key}.equity`, facts, periods.last2Years, i.smallEquityMin);
  const single = config.littleGiant.smallFirmRdBasis === 'single-year';
  const rd = single
    ? checkAmount(
        msg('label.rdExpenseIn', { year: p }),
        amount(facts, p, 'rdExpense'),
        '>=',
        i.smallRdMin,
      )
    : (() => {
        const first = amount(facts, p - 1, 'rdExpense');
        const second = amount(facts, p, 'rdExpense');
        const total: Got<Q> = !first.ok
          ? first
          : !second.ok
            ? second
            : { ok: true, value: add(first.value, second.value) };
        return checkAmount(
          msg('label.rdExpenseTotal', { from: p - 1, to: p }),
          total,
          '>=',
          i.smallRdMin,
        );
      })();
  const staff = checkFigure(rdStaffFigure(facts, p), '>=', i.smallRdStaffMin);
  const met = equity.met && rd.met && staff.met;
  return condition(
    key,
    met,
    msg('lg.a.small', {
      revenue: revenueText,
      checks: sentences([equity.detail, rd.text, staff.text]),
    }),
  );
};

const classIpCondition = (facts: Facts, lg: LittleGiantConfig): ConditionResult => {
  const key = 'LG.innovation.general.c';
  const ip = ipCounts(facts);
  if (!ip.ok) return condition(key, false, msg('lg.c.problem', { problem: ip.problem }));
  const applied = lg.ipCountBasis === 'class-i-applied';
  const count = applied ? ip.value.classIApplied : ip.value.classI;
  const met = cmp(count, int(T.innovation.classIMin)) >= 0;
  return condition(
    key,
    met,
    msg(applied ? 'lg.c.applied' : 'lg.c', {
      count: formatCount(count),
      min: T.innovation.classIMin,
    }),
  );
};

const innovationConditions = (
  ctx: RuleContext,
): { general: ConditionResult; direct: ConditionResult[] } => {
  const { facts, periods, config } = ctx;
  const general = allOf('LG.innovation.general', ruleName('LG.innovation.general'), [
    rdIntensityCondition(ctx),
    rdInstitutionCondition('LG.innovation.general.b', facts, [
      'national',
      'provincial',
      'municipal',
      'below_municipal',
    ]),
    classIpCondition(facts, config.littleGiant),
  ]);
  const direct = [
    awardCondition('LG.innovation.direct.a', facts, periods, {
      national: T.innovation.nationalAwardTop,
    }),
    makerInChinaCondition('LG.innovation.direct.b', facts, periods, T.innovation.makerInChinaTop),
  ];
  return { general, direct };
};

const dimensions = (ctx: RuleContext, innovation: ConditionResult): ConditionResult[] => {
  const { facts, periods, config } = ctx;
  const p = periods.p;
  const quality: Record<string, unknown> =
    typeof facts.quality === 'object' && facts.quality !== null ? facts.quality : {};
  return [
    allOf('LG.specialization', ruleName('LG.specialization'), [
      nicheCondition(facts, periods, config.littleGiant),
      checkCondition(
        'LG.specialization.mainBusinessShare',
        ruleName('LG.specialization.mainBusinessShare'),
        checkFigure(mainShareFigure(facts, p), '>=', T.specialization.mainShareMin),
      ),
      growthCondition(ctx),
    ]),
    allOf('LG.refinement', ruleName('LG.refinement'), [
      checkCondition(
        'LG.refinement.debtRatio',
        ruleName('LG.refinement.debtRatio'),
        checkFigure(debtRatioFigure(facts, p), '<=', T.refinement.debtRatioMax),
      ),
      flagCondition(
        'LG.refinement.qualitySystem',
        quality.qualitySystemCertified,
        'quality.qualitySystemCertified',
        msg('lg.qualitySystem.pass'),
        msg('lg.qualitySystem.fail'),
      ),
    ]),
    allOf('LG.distinctiveness', ruleName('LG.distinctiveness'), [
      checkCondition(
        'LG.distinctiveness.marketShare',
        ruleName('LG.distinctiveness.marketShare'),
        checkNumber(
          msg('lg.marketShare.words'),
          numberFact(facts.nationalMarketShare, 'nationalMarketShare'),
          '>=',
          T.distinctiveness.nationalShareMin,
          'percent',
        ),
      ),
      flagCondition(
        'LG.distinctiveness.ownBrand',
        quality.ownBrand,
        'quality.ownBrand',
        msg('lg.ownBrand.pass'),
        msg('lg.ownBrand.fail'),
      ),
    ]),
    innovation,
    flagCondition(
      'LG.chainSupport',
      facts.chainSupport,
      'chainSupport',
      msg('lg.chainSupport.pass'),
      msg('lg.chainSupport.fail'),
    ),
    flagCondition(
      'LG.productField',
      facts.keyProductField,
      'keyProductField',
      msg('lg.productField.pass'),
      msg('lg.productField.fail'),
    ),
  ];
};

const reasonsFor = (
  requirements: readonly ConditionResult[],
  route: TierOutcome['route'],
  direct: readonly ConditionResult[],
): Msg[] => {
  const lines: Msg[] = [];
  const walk = (items: readonly ConditionResult[]): void => {
    for (const item of items) {
      if (item.met) continue;
      lines.push(item.detail);
      walk(item.parts ?? []);
    }
  };
  walk(requirements);
  if (route === null) lines.push(...direct.map((c) => c.detail));
  return lines;
};

export const assessLittleGiant = (ctx: RuleContext): TierOutcome => {
  const { facts, periods, config } = ctx;
  const { general, direct } = innovationConditions(ctx);
  const directMet = direct.filter((c) => c.met);
  const route = directMet.length > 0 ? 'direct' : general.met ? 'score' : null;
  const innovation = condition(
    'LG.innovation',
    route !== null,
    route === 'direct'
      ? msg('lg.innovation.direct', {
          keys: directMet.map((c) => c.key).join(', '),
          detail: directMet[0]?.detail ?? '',
        })
      : route === 'score'
        ? msg('lg.innovation.general')
        : msg('lg.innovation.none'),
    [general],
  );
  const requirements = [
    ...eligibilityRequirements(facts, periods, config.sizeTestReading),
    ...dimensions(ctx, innovation),
  ];
  const eligible = requirements.every((c) => c.met) && route !== null;
  return {
    eligible,
    route,
    score: null,
    passMark: null,
    dimensions: [],
    directQualifications: direct,
    requirements,
    reasons: eligible
      ? [
          route === 'direct'
            ? msg('lg.meets.direct', { keys: directMet.map((c) => c.key).join(', ') })
            : msg('lg.meets.general'),
        ]
      : reasonsFor(requirements, route, direct),
  };
};
