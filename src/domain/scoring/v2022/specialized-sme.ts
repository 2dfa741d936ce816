// v2022 Annex 2 (工信部企业〔2022〕63号): specialized SME, M1–M3 mandatory, M4 = score ≥ 60 or S-D1–S-D4.
import { PRODUCT_FIELDS, type Facts, type ProductField } from '../../certification/facts';
import type { ConditionResult, IndicatorResult } from '../assessment';
import {
  displayRounding,
  exactMetric,
  maxPoints,
  nextBandNeed,
  pickBand,
  type BandTieBreak,
} from '../common/bands';
import type { RuleContext, TierOutcome } from '../common/context';
import {
  awardCondition,
  equityCondition,
  ipIndicator,
  makerInChinaCondition,
  rdInstitutionOf,
} from '../common/direct-routes';
import { eligibilityRequirements } from '../common/eligibility';
import { add, cmp, div, fromNumber, int } from '../common/exact';
import { amount, ipCounts, nicheYears, qualityFlag } from '../common/facts-reader';
import { formatCny, formatPercent, plural } from '../common/format';
import {
  debtRatioFigure,
  mainShareFigure,
  netMarginFigure,
  rdRatioFigure,
  rdStaffFigure,
  ratio,
  twoYearGrowthFigure,
} from '../common/metrics';
import type { Periods } from '../common/periods';
import {
  bandIndicator,
  checkAmount,
  checkFigure,
  condition,
  decapitalize,
  dimension,
  plainIndicator,
  verdictWords,
} from '../common/results';
import { judgeScore, scoredReasons } from '../common/verdict';
import { SPECIALIZED_SME as T } from './specialized-sme.thresholds';

const nicheIndicator = (facts: Facts, periods: Periods): IndicatorResult => {
  const years = nicheYears(facts, periods);
  const { yearsPerPoint, max } = T.nicheYears;
  if (!years.ok)
    return plainIndicator(
      'SN3',
      null,
      0,
      max,
      null,
      `${years.problem}, so SN3 scores 0 of ${max} points`,
    );
  const points = Math.min(max, Math.floor(years.value / yearsPerPoint));
  return plainIndicator(
    'SN3',
    years.value,
    points,
    max,
    `${points} × ${yearsPerPoint} years`,
    `${plural(years.value, 'completed year')} in the niche market by 31 Dec ${periods.p}: SN3 scores ${points} of ${max} points (1 point per full ${yearsPerPoint} years)`,
  );
};

const PRODUCT_FIELD_WORDS: Record<ProductField, string> = {
  gap_filling: 'fills gaps or fixes weak links at a key chain link',
  six_foundations: 'belongs to the industrial six foundations',
  time_honoured: 'is a China Time-honoured Brand',
  key_chain_supplier: 'is supplied to a leading firm of a key chain',
  other: 'is in none of the listed fields',
};

const productFieldIndicator = (facts: Facts): IndicatorResult => {
  const field: unknown = facts.productField;
  const max = T.productField.max;
  if (typeof field !== 'string' || !(PRODUCT_FIELDS as readonly string[]).includes(field))
    return plainIndicator(
      'SN4',
      null,
      0,
      max,
      null,
      `productField is missing, so SN4 scores 0 of ${max} points`,
    );
  const key = field as ProductField;
  const points = T.productField[key];
  return plainIndicator(
    'SN4',
    key,
    points,
    max,
    key,
    `The dominant product ${PRODUCT_FIELD_WORDS[key]}: SN4 scores ${points} of ${max} points`,
  );
};

const digitalIndicator = (facts: Facts): IndicatorResult => {
  const level: unknown = facts.digitalLevel;
  const max = T.digitalLevel.max;
  if (level !== 1 && level !== 2 && level !== 3 && level !== 4)
    return plainIndicator(
      'SN5',
      null,
      0,
      max,
      null,
      `digitalLevel is missing, so SN5 scores 0 of ${max} points`,
    );
  const points = T.digitalLevel[level];
  return plainIndicator(
    'SN5',
    level,
    points,
    max,
    `level ${level}`,
    `The digital level is ${level}: SN5 scores ${points} of ${max} points${points < max ? '; level 3 or higher scores 5' : ''}`,
  );
};

const QUALITY_ITEMS = ['award', 'qualitySystemCertified', 'ownBrand', 'standardDrafting'] as const;

const qualityIndicator = (facts: Facts): IndicatorResult => {
  const { perItem, max } = T.quality;
  if (typeof facts.quality !== 'object' || facts.quality === null)
    return plainIndicator(
      'SN6',
      null,
      0,
      max,
      null,
      `quality is missing, so SN6 scores 0 of ${max} points`,
    );
  const held = QUALITY_ITEMS.filter((item) => {
    const flag = qualityFlag(facts, item);
    return flag.ok && flag.value;
  });
  const points = Math.min(max, held.length * perItem);
  return plainIndicator(
    'SN6',
    held.length,
    points,
    max,
    `${plural(held.length, 'item')}`,
    `${plural(held.length, 'quality item')} held${held.length > 0 ? ` (${held.join(', ')})` : ''}, ${perItem} points each, capped at ${max}: SN6 scores ${points} of ${max} points`,
  );
};

const localFeatureIndicator = (facts: Facts, max: number): IndicatorResult => {
  const raw = fromNumber(facts.localFeaturePoints);
  if (!raw || typeof facts.localFeaturePoints !== 'number')
    return plainIndicator(
      'SN9',
      null,
      0,
      max,
      null,
      `localFeaturePoints is ${facts.localFeaturePoints === undefined ? 'missing' : 'not a finite number'}, so SN9 scores 0 of ${max} points`,
    );
  const given = facts.localFeaturePoints;
  const points = Math.min(max, Math.max(0, given));
  return plainIndicator(
    'SN9',
    given,
    points,
    max,
    'provincial local features',
    `The province's local-feature indicators give ${given} points${given > max ? `, capped at ${max}` : given < 0 ? ', floored at 0' : ''}: SN9 scores ${points} of ${max} points`,
  );
};

const INSTITUTION_WORDS = {
  national: 'a national',
  provincial: 'a provincial',
  municipal: 'a municipal',
  below_municipal: 'a below-municipal',
} as const;

const institutionIndicator = (facts: Facts): IndicatorResult => {
  const read = rdInstitutionOf(facts);
  const max = T.rdInstitution.max;
  if (!read.ok)
    return plainIndicator(
      'SN13',
      null,
      0,
      max,
      null,
      `${read.problem}, so SN13 scores 0 of ${max} points`,
    );
  const level = read.level ?? 'none';
  const points = T.rdInstitution[level];
  return plainIndicator(
    'SN13',
    level,
    points,
    max,
    level,
    `The enterprise has ${read.level ? `${INSTITUTION_WORDS[read.level]} R&D institution` : 'no R&D institution'}: SN13 scores ${points} of ${max} points`,
  );
};

/** SN11: the better of the amount band and the ratio band. */
const rdInputIndicator = (facts: Facts, year: number, tieBreak: BandTieBreak): IndicatorResult => {
  const max = maxPoints(T.rdAmount);
  const spent = amount(facts, year, 'rdExpense');
  if (!spent.ok)
    return plainIndicator(
      'SN11',
      null,
      0,
      max,
      null,
      `${spent.problem}, so SN11 scores 0 of ${max} points`,
    );
  const amountIndex = pickBand(T.rdAmount, exactMetric(spent.value), tieBreak);
  const amountBand = T.rdAmount.bands[amountIndex];
  const share = ratio(facts, year, 'rdExpense', 'operatingRevenue');
  const ratioIndex = share.ok ? pickBand(T.rdRatio, exactMetric(share.value.value), tieBreak) : -1;
  const ratioBand = ratioIndex >= 0 ? T.rdRatio.bands[ratioIndex] : undefined;
  const useRatio =
    ratioBand !== undefined && amountBand !== undefined && ratioBand.points > amountBand.points;
  const best = useRatio ? ratioBand : amountBand;
  const points = best?.points ?? 0;
  const shareText = share.ok
    ? `${formatPercent(share.value.value, displayRounding('higher-is-better'))} of operating revenue (${ratioBand?.label ?? ''}, ${ratioBand?.points ?? 0} points)`
    : `an R&D ratio that cannot be computed (${share.problem})`;
  const needAmount = nextBandNeed(T.rdAmount, amountIndex, tieBreak);
  const needRatio = ratioIndex >= 0 ? nextBandNeed(T.rdRatio, ratioIndex, tieBreak) : null;
  const need = [needAmount, needRatio].filter((n): n is string => n !== null).join(', or ');
  return plainIndicator(
    'SN11',
    share.ok
      ? `${formatCny(spent.value)}; ${formatPercent(share.value.value, 'floor')}`
      : formatCny(spent.value),
    points,
    max,
    best?.label ?? null,
    `R&D expense in ${year} is ${formatCny(spent.value)} (${amountBand?.label ?? ''}, ${amountBand?.points ?? 0} points) and ${shareText}: SN11 takes the better, ${points} of ${max} points${points < max && need ? `; ${need}` : ''}`,
  );
};

/** M2 (R&D input), M3 (revenue or equity), as requirement entries. */
const mandatoryConditions = (facts: Facts, periods: Periods): ConditionResult[] => {
  const m = T.mandatory;
  const p = periods.p;
  const years = nicheYears(facts, periods);
  const m1 = years.ok
    ? condition(
        'M1',
        years.value >= m.nicheYears,
        `M1 (niche market): ${plural(years.value, 'completed year')} in the niche market by 31 Dec ${p} (since ${facts.nicheMarketSince ?? ''}); at least ${m.nicheYears} are required.`,
      )
    : condition('M1', false, `M1 (niche market): ${years.problem}.`);

  const spent = checkAmount(
    `R&D expense in ${p}`,
    amount(facts, p, 'rdExpense'),
    '>=',
    m.rdAmountMin,
  );
  const share = checkFigure(rdRatioFigure(facts, p), '>=', m.rdRatioMin);
  const m2 = condition(
    'M2',
    spent.met && share.met,
    `M2 (R&D input): ${[...new Set([spent.text, share.text])].join('; ')}.`,
  );

  const revenue = checkAmount(
    `Operating revenue in ${p}`,
    amount(facts, p, 'operatingRevenue'),
    '>=',
    m.revenueMin,
  );
  const equity = equityCondition('M3.equity', facts, periods.last2Years, m.equityInsteadMin);
  const m3 = condition(
    'M3',
    revenue.met || equity.met,
    revenue.met
      ? `M3 (scale): ${decapitalize(revenue.text)}.`
      : `M3 (scale): ${decapitalize(revenue.text)}, or instead qualified equity of at least ${formatCny(int(m.equityInsteadMin))} raised in the last 2 years. ${equity.detail}`,
  );
  return [m1, m2, m3];
};

const averageRdCondition = (facts: Facts, p: number): ConditionResult => {
  const min = T.direct.averageRdMin;
  const first = amount(facts, p - 1, 'rdExpense');
  const second = amount(facts, p, 'rdExpense');
  if (!first.ok) return condition('S-D2', false, `S-D2 (average R&D): ${first.problem}.`);
  if (!second.ok) return condition('S-D2', false, `S-D2 (average R&D): ${second.problem}.`);
  const average = div(add(first.value, second.value), int(2));
  const met = cmp(average, int(min)) >= 0;
  return condition(
    'S-D2',
    met,
    `Average R&D expense over ${p - 1}–${p} is ${formatCny(average)} (${formatCny(first.value)} and ${formatCny(second.value)})${verdictWords(met, '>=', formatCny(int(min)))}.`,
  );
};

export const assessSpecializedSme = ({ facts, periods, config }: RuleContext): TierOutcome => {
  const tie = config.bandTieBreak;
  const p = periods.p;
  const minimums = config.specialized.dimensionMinimums;
  const localMax = config.specialized.localFeatureMax;
  const directQualifications = [
    awardCondition('S-D1', facts, periods, {
      provincial: T.direct.provincialAwardTop,
      national: T.direct.nationalAwardTop,
    }),
    averageRdCondition(facts, p),
    equityCondition('S-D3', facts, periods.last2Years, T.direct.equityMin),
    makerInChinaCondition('S-D4', facts, periods, T.direct.makerInChinaTop),
  ];
  const dimensions = [
    dimension(
      'specialization',
      T.dimensions.specialization,
      [
        bandIndicator('SN1', 'main-business share', T.mainShare, mainShareFigure(facts, p), tie),
        bandIndicator(
          'SN2',
          'average main-business growth',
          T.growth,
          twoYearGrowthFigure(facts, 'mainBusinessRevenue', p, config.twoYearGrowth),
          tie,
        ),
        nicheIndicator(facts, periods),
        productFieldIndicator(facts),
      ],
      minimums.specialization,
    ),
    dimension(
      'refinement',
      T.dimensions.refinement,
      [
        digitalIndicator(facts),
        qualityIndicator(facts),
        bandIndicator('SN7', 'net margin', T.netMargin, netMarginFigure(facts, p), tie),
        bandIndicator('SN8', 'the debt ratio', T.debtRatio, debtRatioFigure(facts, p), tie),
      ],
      minimums.refinement,
    ),
    dimension(
      'distinctiveness',
      localMax,
      [localFeatureIndicator(facts, localMax)],
      minimums.distinctiveness,
    ),
    dimension(
      'innovation',
      T.dimensions.innovation,
      [
        ipIndicator('SN10', T.ip, ipCounts(facts)),
        rdInputIndicator(facts, p, tie),
        bandIndicator('SN12', 'R&D staff share', T.rdStaff, rdStaffFigure(facts, p), tie),
        institutionIndicator(facts),
      ],
      minimums.innovation,
    ),
  ];
  const passMark = config.specialized.passMark;
  const verdict = judgeScore(dimensions, passMark);
  const directMet = directQualifications.filter((c) => c.met);
  const route = directMet.length > 0 ? 'direct' : verdict.passes ? 'score' : null;
  const m4 = condition(
    'M4',
    route !== null,
    route === 'direct'
      ? `M4 is met through direct condition ${directMet.map((c) => c.key).join(', ')}.`
      : route === 'score'
        ? `M4 is met by the score: ${verdict.total} of ${verdict.max} points against a pass mark of ${passMark}.`
        : `M4 is not met: the score route fails (${verdict.total} points, pass mark ${passMark}) and no direct condition (S-D1–S-D4) applies.`,
  );
  const requirements = [
    ...eligibilityRequirements(facts, periods, config.sizeTestReading),
    ...mandatoryConditions(facts, periods),
    m4,
  ];
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
    }),
  };
};
