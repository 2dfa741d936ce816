// v2022 Annex 2 (工信部企业〔2022〕63号): specialized SME, M1–M3 mandatory, M4 = score ≥ 60 or S-D1–S-D4.
import { PRODUCT_FIELDS, type Facts, type ProductField } from '../../certification/facts';
import { msg, type Msg } from '../../i18n/message';
import type { ConditionResult, IndicatorResult } from '../assessment';
import {
  bandWords,
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
import { formatCny, formatCount, formatPercent, plural } from '../common/format';
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
  dimension,
  plainIndicator,
  ruleName,
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
      msg('indicator.zero', { problem: years.problem, key: 'SN3', max }),
    );
  const points = Math.min(max, Math.floor(years.value / yearsPerPoint));
  return plainIndicator(
    'SN3',
    years.value,
    points,
    max,
    msg('sn3.band', { points, per: yearsPerPoint }),
    msg('sn3.detail', {
      years: plural(years.value, 'completedYear'),
      year: periods.p,
      points,
      max,
      per: yearsPerPoint,
    }),
  );
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
      msg('indicator.zero', {
        problem: msg('fact.missing', { name: 'productField' }),
        key: 'SN4',
        max,
      }),
    );
  const key = field as ProductField;
  const points = T.productField[key];
  return plainIndicator(
    'SN4',
    key,
    points,
    max,
    msg(`productField.${key}`),
    msg('sn4.detail', { field: msg(`productField.${key}.words`), points, max }),
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
      msg('indicator.zero', {
        problem: msg('fact.missing', { name: 'digitalLevel' }),
        key: 'SN5',
        max,
      }),
    );
  const points = T.digitalLevel[level];
  return plainIndicator(
    'SN5',
    level,
    points,
    max,
    msg('sn5.band', { level }),
    msg(points < max ? 'sn5.detail.below' : 'sn5.detail', { level, points, max }),
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
      msg('indicator.zero', { problem: msg('fact.missing', { name: 'quality' }), key: 'SN6', max }),
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
    plural(held.length, 'item'),
    msg(held.length > 0 ? 'sn6.detail.held' : 'sn6.detail', {
      items: plural(held.length, 'qualityItem'),
      held: held.map((item) => msg(`quality.${item}`)),
      perItem,
      points,
      max,
    }),
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
      msg('indicator.zero', {
        problem: msg(facts.localFeaturePoints === undefined ? 'fact.missing' : 'fact.notFinite', {
          name: 'localFeaturePoints',
        }),
        key: 'SN9',
        max,
      }),
    );
  const given = facts.localFeaturePoints;
  const points = Math.min(max, Math.max(0, given));
  return plainIndicator(
    'SN9',
    given,
    points,
    max,
    msg('sn9.band'),
    msg(given > max ? 'sn9.detail.capped' : given < 0 ? 'sn9.detail.floored' : 'sn9.detail', {
      given,
      points,
      max,
    }),
  );
};

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
      msg('indicator.zero', { problem: read.problem, key: 'SN13', max }),
    );
  const level = read.level ?? 'none';
  const points = T.rdInstitution[level];
  return plainIndicator(
    'SN13',
    level,
    points,
    max,
    msg(`sn13.band.${level}`),
    msg(read.level ? 'sn13.detail' : 'sn13.detail.none', {
      level: msg(`level.${level}`),
      points,
      max,
    }),
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
      msg('indicator.zero', { problem: spent.problem, key: 'SN11', max }),
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
    ? msg('sn11.share', {
        shown: formatPercent(share.value.value, displayRounding('higher-is-better')),
        band: ratioBand ? bandWords(ratioBand.label) : '',
        points: ratioBand?.points ?? 0,
      })
    : msg('sn11.share.problem', { problem: share.problem });
  const needAmount = nextBandNeed(T.rdAmount, amountIndex, tieBreak);
  const needRatio = ratioIndex >= 0 ? nextBandNeed(T.rdRatio, ratioIndex, tieBreak) : null;
  const needs = [needAmount, needRatio].filter((n): n is Msg => n !== null);
  // The value stays a plain figure (API shape), "CNY 1,000,000; 3.50%".
  const spentValue = `CNY ${formatCount(spent.value)}`;
  const params = {
    year,
    amount: formatCny(spent.value),
    amountBand: amountBand ? bandWords(amountBand.label) : '',
    amountPoints: amountBand?.points ?? 0,
    share: shareText,
    points,
    max,
  };
  return plainIndicator(
    'SN11',
    share.ok ? `${spentValue}; ${formatPercent(share.value.value, 'floor')}` : spentValue,
    points,
    max,
    best ? bandWords(best.label) : null,
    points < max && needs.length > 0
      ? msg('sn11.detail.need', {
          ...params,
          need:
            needs.length === 2
              ? msg('sn11.needEither', { first: needs[0] ?? '', second: needs[1] ?? '' })
              : (needs[0] ?? ''),
        })
      : msg('sn11.detail', params),
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
        msg('m1.detail', {
          years: plural(years.value, 'completedYear'),
          year: p,
          since: facts.nicheMarketSince ?? '',
          needed: m.nicheYears,
        }),
      )
    : condition(
        'M1',
        false,
        msg('condition.problem', { label: ruleName('M1'), problem: years.problem }),
      );

  const spent = checkAmount(
    msg('label.rdExpenseIn', { year: p }),
    amount(facts, p, 'rdExpense'),
    '>=',
    m.rdAmountMin,
  );
  const share = checkFigure(rdRatioFigure(facts, p), '>=', m.rdRatioMin);
  const m2 = condition(
    'M2',
    spent.met && share.met,
    msg('m2.detail', {
      label: ruleName('M2'),
      checks:
        JSON.stringify(spent.text) === JSON.stringify(share.text)
          ? spent.text
          : msg('join.semicolon', { first: spent.text, second: share.text }),
    }),
  );

  const revenue = checkAmount(
    msg('label.operatingRevenueIn', { year: p }),
    amount(facts, p, 'operatingRevenue'),
    '>=',
    m.revenueMin,
  );
  const equity = equityCondition('M3.equity', facts, periods.last2Years, m.equityInsteadMin);
  const m3 = condition(
    'M3',
    revenue.met || equity.met,
    revenue.met
      ? msg('condition.labelled', { label: ruleName('M3'), text: revenue.text })
      : msg('m3.orEquity', {
          label: ruleName('M3'),
          text: revenue.text,
          min: formatCny(int(m.equityInsteadMin)),
          equity: equity.detail,
        }),
  );
  return [m1, m2, m3];
};

const averageRdCondition = (facts: Facts, p: number): ConditionResult => {
  const min = T.direct.averageRdMin;
  const first = amount(facts, p - 1, 'rdExpense');
  const second = amount(facts, p, 'rdExpense');
  if (!first.ok)
    return condition(
      'S-D2',
      false,
      msg('condition.problem', { label: ruleName('S-D2'), problem: first.problem }),
    );
  if (!second.ok)
    return condition(
      'S-D2',
      false,
      msg('condition.problem', { label: ruleName('S-D2'), problem: second.problem }),
    );
  const average = div(add(first.value, second.value), int(2));
  const met = cmp(average, int(min)) >= 0;
  return condition(
    'S-D2',
    met,
    msg('sd2.detail', {
      from: p - 1,
      to: p,
      average: formatCny(average),
      first: formatCny(first.value),
      second: formatCny(second.value),
      verdict: verdictWords(met, '>=', formatCny(int(min))),
    }),
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
        bandIndicator('SN1', 'mainBusinessShare', T.mainShare, mainShareFigure(facts, p), tie),
        bandIndicator(
          'SN2',
          'averageMainBusinessGrowth',
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
        bandIndicator('SN7', 'netMargin', T.netMargin, netMarginFigure(facts, p), tie),
        bandIndicator('SN8', 'debtRatio', T.debtRatio, debtRatioFigure(facts, p), tie),
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
        bandIndicator('SN12', 'rdStaffShare', T.rdStaff, rdStaffFigure(facts, p), tie),
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
      ? msg('m4.direct', { keys: directMet.map((c) => c.key).join(', ') })
      : route === 'score'
        ? msg('m4.score', { total: verdict.total, max: verdict.max, passMark })
        : msg('m4.none', { total: verdict.total, passMark }),
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
