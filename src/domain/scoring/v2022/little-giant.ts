// v2022 Annex 3 (工信部企业〔2022〕63号): little giant, six pass/fail dimensions; innovation by general or direct conditions.
import type { Facts } from '../../certification/facts';
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
  sentences,
} from '../common/results';
import { LITTLE_GIANT as T } from './little-giant.thresholds';

const nicheCondition = (facts: Facts, periods: Periods, lg: LittleGiantConfig): ConditionResult => {
  const key = 'LG.specialization.nicheYears';
  const years = nicheYears(facts, periods);
  if (!years.ok) return condition(key, false, `Specialization, niche market: ${years.problem}.`);
  const relaxed = lg.twoYearNicheRelaxation && facts.productField === 'gap_filling';
  const needed = relaxed ? T.specialization.relaxedNicheYears : T.specialization.nicheYears;
  return condition(
    key,
    years.value >= needed,
    `Specialization, niche market: ${plural(years.value, 'completed year')} by 31 Dec ${periods.p}; at least ${needed} ${relaxed ? 'are required (2-year relaxation for a gap-filling firm)' : 'are required'}.`,
  );
};

const growthCondition = (ctx: RuleContext): ConditionResult => {
  const key = 'LG.specialization.growth';
  const { facts, periods, config } = ctx;
  if (facts.reReview === true && config.littleGiant.waiveGrowthTestAtReReview)
    return condition(
      key,
      true,
      'Specialization, growth: the main-business growth test is waived for this re-review.',
    );
  return checkCondition(
    key,
    'Specialization, growth',
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
      `General condition (a), R&D intensity: ${revenue.ok ? 'revenue tier unknown' : revenue.problem}.`,
    );
  const revenueText = `operating revenue in ${p} is ${formatCny(revenue.value)}`;
  if (tier !== 'small') {
    const min = tier === 'large' ? i.largeRdRatioMin : i.midRdRatioMin;
    const checks = [p - 1, p].map((year) => checkFigure(rdRatioFigure(facts, year), '>=', min));
    const band = tier === 'large' ? 'CNY 100 M or more' : 'CNY 50–100 M';
    return condition(
      key,
      checks.every((c) => c.met),
      `General condition (a), R&D intensity: ${revenueText} (${band} tier), so R&D must be at least ${min}% of revenue in each of ${p - 1} and ${p}. ${sentences(checks.map((c) => c.text))}`,
    );
  }
  const equity = equityCondition(`${key}.equity`, facts, periods.last2Years, i.smallEquityMin);
  const single = config.littleGiant.smallFirmRdBasis === 'single-year';
  const rd = single
    ? checkAmount(`R&D expense in ${p}`, amount(facts, p, 'rdExpense'), '>=', i.smallRdMin)
    : (() => {
        const first = amount(facts, p - 1, 'rdExpense');
        const second = amount(facts, p, 'rdExpense');
        const total: Got<Q> = !first.ok
          ? first
          : !second.ok
            ? second
            : { ok: true, value: add(first.value, second.value) };
        return checkAmount(`R&D expense over ${p - 1}–${p} in total`, total, '>=', i.smallRdMin);
      })();
  const staff = checkFigure(rdStaffFigure(facts, p), '>=', i.smallRdStaffMin);
  const met = equity.met && rd.met && staff.met;
  return condition(
    key,
    met,
    `General condition (a), R&D intensity: ${revenueText} (under CNY 50 M tier), so it needs equity, R&D expense and R&D staff. ${sentences([equity.detail, rd.text, staff.text])}`,
  );
};

const classIpCondition = (facts: Facts, lg: LittleGiantConfig): ConditionResult => {
  const key = 'LG.innovation.general.c';
  const ip = ipCounts(facts);
  if (!ip.ok) return condition(key, false, `General condition (c), Class I IP: ${ip.problem}.`);
  const applied = lg.ipCountBasis === 'class-i-applied';
  const count = applied ? ip.value.classIApplied : ip.value.classI;
  const met = cmp(count, int(T.innovation.classIMin)) >= 0;
  return condition(
    key,
    met,
    `General condition (c): ${formatCount(count)} Class I IP items${applied ? ' in use and earning revenue' : ''} related to the dominant product; at least ${T.innovation.classIMin} are required.`,
  );
};

const innovationConditions = (
  ctx: RuleContext,
): { general: ConditionResult; direct: ConditionResult[] } => {
  const { facts, periods, config } = ctx;
  const general = allOf('LG.innovation.general', 'Innovation, general conditions (a)–(c)', [
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
    allOf('LG.specialization', 'Specialization', [
      nicheCondition(facts, periods, config.littleGiant),
      checkCondition(
        'LG.specialization.mainBusinessShare',
        'Specialization, main-business share',
        checkFigure(mainShareFigure(facts, p), '>=', T.specialization.mainShareMin),
      ),
      growthCondition(ctx),
    ]),
    allOf('LG.refinement', 'Refinement', [
      checkCondition(
        'LG.refinement.debtRatio',
        'Refinement, debt ratio',
        checkFigure(debtRatioFigure(facts, p), '<=', T.refinement.debtRatioMax),
      ),
      flagCondition(
        'LG.refinement.qualitySystem',
        quality.qualitySystemCertified,
        'quality.qualitySystemCertified',
        'The enterprise holds a management-system certification.',
        'The enterprise holds no management-system certification.',
      ),
    ]),
    allOf('LG.distinctiveness', 'Distinctiveness', [
      checkCondition(
        'LG.distinctiveness.marketShare',
        'Distinctiveness, market share',
        checkNumber(
          'the national niche-market share of the dominant product',
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
        'The enterprise owns a brand of its own.',
        'The enterprise owns no brand of its own.',
      ),
    ]),
    innovation,
    flagCondition(
      'LG.chainSupport',
      facts.chainSupport,
      'chainSupport',
      'Industry-chain support: the experts confirm the firm sits at a key link of a key chain.',
      'Industry-chain support is not confirmed by the experts.',
    ),
    flagCondition(
      'LG.productField',
      facts.keyProductField,
      'keyProductField',
      'Dominant-product field: the experts confirm a key field (six foundations, key manufacturing sectors or cyberspace).',
      'Dominant-product field: the experts do not confirm a key field.',
    ),
  ];
};

const reasonsFor = (
  requirements: readonly ConditionResult[],
  route: TierOutcome['route'],
  direct: readonly ConditionResult[],
): string[] => {
  const lines: string[] = [];
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
      ? `Innovation: met through direct condition ${directMet.map((c) => c.key).join(', ')}. ${directMet[0]?.detail ?? ''}`
      : route === 'score'
        ? 'Innovation: met through the general conditions (a)–(c).'
        : 'Innovation: not met; the general conditions (a)–(c) are not all met and no direct condition applies.',
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
          `Meets all six little-giant dimensions; innovation ${route === 'direct' ? `through direct condition ${directMet.map((c) => c.key).join(', ')}` : 'through the general conditions'}.`,
        ]
      : reasonsFor(requirements, route, direct),
  };
};
