import type { Facts } from '../../certification/facts';
import { defaultScoringConfig, type LittleGiantConfig, type ScoringConfig } from '../config';
import { assess } from '../index';
import {
  AS_OF_2022,
  baseFacts,
  conditionOf,
  withYears,
} from '../../../../test/factories/facts.factory';
import { en, enAll } from '../../i18n/testing';

const P = 2024;
const run = (facts: Facts, config?: ScoringConfig) =>
  assess({ tier: 'little_giant', ruleSet: 'v2022', asOf: AS_OF_2022, facts, config });
const withLg = (patch: Partial<LittleGiantConfig>, base = defaultScoringConfig('v2022')) => ({
  ...base,
  littleGiant: { ...base.littleGiant, ...patch },
});

/**
 * §6.3 base firm: niche 5 y; main share 85%; growth ≈ 8% (72 → 78 → 85); ISO 9001; debt 60%;
 * national share 12%; own brand; own (municipal) R&D centre; 3 Class I patents; chain and field met.
 * Revenue is the same in P−1 and P; R&D given as percents of it.
 */
const lgFacts = (revenue: number, rdBefore: number, rdLast: number, extra: Facts = {}): Facts =>
  withYears(
    {
      ...baseFacts(P),
      nicheMarketSince: `${P - 5}-01-01`,
      quality: { qualitySystemCertified: true, ownBrand: true },
      nationalMarketShare: 12,
      rdInstitution: 'municipal',
      ip: { classI: 3 },
      ...extra,
    },
    {
      [P]: {
        operatingRevenue: revenue,
        mainBusinessRevenue: (revenue / 100) * 85,
        rdExpense: rdLast,
        totalAssets: 100_000_000,
        totalLiabilities: 60_000_000,
        employees: 300,
        rdEmployees: 60,
      },
      [P - 1]: {
        operatingRevenue: revenue,
        mainBusinessRevenue: (revenue / 100) * 78,
        rdExpense: rdBefore,
      },
      [P - 2]: { mainBusinessRevenue: (revenue / 100) * 72 },
    },
  );

const L1 = () => lgFacts(100_000_000, 3_000_000, 3_100_000);

describe('little giant v2022 (§4): worked examples §6.3', () => {
  it('L-1: revenue exactly 100.0 M, R&D 3.0% / 3.1% → the 3% tier → pass', () => {
    const result = run(L1());
    expect(en(conditionOf(result, 'LG.innovation.general.a').detail)).toContain(
      'CNY 100 M or more tier',
    );
    expect(result.requirements.every((c) => c.met)).toBe(true);
    expect(result.route).toBe('score');
    expect(result.score).toBeNull();
    expect(result.passMark).toBeNull();
    expect(result.dimensions).toEqual([]);
    expect(result.eligible).toBe(true);
  });

  it('L-2: revenue 99.99 M, R&D 5.5% / 6.2% → needs 6% in both years → fails innovation', () => {
    const result = run(lgFacts(99_990_000, 5_499_450, 6_199_380));
    expect(conditionOf(result, 'LG.innovation.general.a').met).toBe(false);
    expect(conditionOf(result, 'LG.innovation').met).toBe(false);
    expect(result.route).toBeNull();
    expect(result.eligible).toBe(false);
    expect(enAll(result.reasons)).toContain(
      'Innovation: not met; the general conditions (a)–(c) are not all met and no direct condition applies.',
    );
  });

  it('L-3: revenue 48 M, equity 90 M, R&D 32 M over 2 years, R&D staff 52% → pass under v2022', () => {
    const facts = withYears(
      lgFacts(48_000_000, 16_000_000, 16_000_000, {
        equityFinancing: [{ date: `${P - 1}-07-01`, amount: 90_000_000 }],
      }),
      { [P]: { employees: 100, rdEmployees: 52 } },
    );
    const result = run(facts);
    expect(conditionOf(result, 'LG.innovation.general.a').met).toBe(true);
    expect(result.eligible).toBe(true);
  });

  it.each([
    [70_000_000, true],
    [70_100_000, false],
  ])('L-4: liabilities %d on assets 100 M → %s', (totalLiabilities, eligible) => {
    const result = run(withYears(L1(), { [P]: { totalLiabilities } }));
    expect(conditionOf(result, 'LG.refinement.debtRatio').met).toBe(eligible);
    expect(result.eligible).toBe(eligible);
  });

  it('L-5: main share 69.9% → fails specialization', () => {
    const result = run(withYears(L1(), { [P]: { mainBusinessRevenue: 69_900_000 } }));
    expect(conditionOf(result, 'LG.specialization.mainBusinessShare').met).toBe(false);
    expect(result.eligible).toBe(false);
  });

  // 100 M → 100 M → 109.8 M: mean growth 4.9%.
  const slowGrowth = (reReview: boolean) =>
    withYears(
      { ...L1(), reReview },
      {
        [P - 2]: { mainBusinessRevenue: 80_000_000 },
        [P - 1]: { mainBusinessRevenue: 80_000_000 },
        [P]: { mainBusinessRevenue: 87_840_000 },
      },
    );

  it('L-5: average growth 4.9% → fails as a new application', () => {
    const result = run(slowGrowth(false));
    expect(conditionOf(result, 'LG.specialization.growth').met).toBe(false);
    expect(result.eligible).toBe(false);
  });

  it('L-5: the growth waiver for re-reviews is an annual-call switch, off in the rule set', () => {
    expect(run(slowGrowth(true)).eligible).toBe(false);
    const waived = run(slowGrowth(true), withLg({ waiveGrowthTestAtReReview: true }));
    expect(conditionOf(waived, 'LG.specialization.growth').met).toBe(true);
    expect(waived.eligible).toBe(true);
    expect(run(slowGrowth(false), withLg({ waiveGrowthTestAtReReview: true })).eligible).toBe(
      false,
    );
  });

  it('L-6: revenue 200 M, R&D 2.8% / 2.9%, national award ranked 3rd two years ago → direct', () => {
    const facts = lgFacts(200_000_000, 5_600_000, 5_800_000, {
      awards: [{ level: 'national', year: 2023, rank: 3 }],
    });
    const result = run(facts);
    expect(conditionOf(result, 'LG.innovation.general.a').met).toBe(false);
    expect(conditionOf(result, 'LG.innovation.direct.a').met).toBe(true);
    expect(result.route).toBe('direct');
    expect(result.eligible).toBe(true);
  });
});

describe('little giant v2022 edges', () => {
  const met = (facts: Facts, key: string, config?: ScoringConfig) =>
    conditionOf(run(facts, config), key).met;

  it.each([
    [`${P - 3}-12-31`, false, true],
    [`${P - 2}-01-01`, false, false],
    [`${P - 2}-01-01`, true, true],
  ])('niche since %s (2-year relaxation for gap-fillers %s) → %s', (since, relax, expected) => {
    const facts = { ...L1(), nicheMarketSince: since, productField: 'gap_filling' as const };
    expect(
      met(facts, 'LG.specialization.nicheYears', withLg({ twoYearNicheRelaxation: relax })),
    ).toBe(expected);
  });

  it('the 2-year relaxation applies only to gap-filling firms', () => {
    const facts: Facts = { ...L1(), nicheMarketSince: `${P - 2}-01-01`, productField: 'other' };
    expect(
      met(facts, 'LG.specialization.nicheYears', withLg({ twoYearNicheRelaxation: true })),
    ).toBe(false);
  });

  it.each([
    [70_000_000, true],
    [69_999_999, false],
  ])('main share: %d of 100 M → %s', (mainBusinessRevenue, expected) => {
    expect(
      met(withYears(L1(), { [P]: { mainBusinessRevenue } }), 'LG.specialization.mainBusinessShare'),
    ).toBe(expected);
  });

  const growth = (last: number) =>
    withYears(L1(), {
      [P - 2]: { mainBusinessRevenue: 80_000_000 },
      [P - 1]: { mainBusinessRevenue: 80_000_000 },
      [P]: { mainBusinessRevenue: last, operatingRevenue: 100_000_000 },
    });

  it.each([
    [88_000_000, true, false], // mean 5%, compound 4.88%
    [87_999_999, false, false],
    [88_200_000, true, true], // 80 M × 1.1025
    [88_199_999, true, false],
  ])('growth: 80 M → 80 M → %d → mean %s, compound %s', (last, mean, comp) => {
    expect(met(growth(last), 'LG.specialization.growth')).toBe(mean);
    const config = { ...defaultScoringConfig('v2022'), twoYearGrowth: 'compound' as const };
    expect(met(growth(last), 'LG.specialization.growth', config)).toBe(comp);
  });

  it.each([
    [70_000_000, true],
    [70_000_001, false],
  ])('debt: %d on 100 M → %s', (totalLiabilities, expected) => {
    expect(met(withYears(L1(), { [P]: { totalLiabilities } }), 'LG.refinement.debtRatio')).toBe(
      expected,
    );
  });

  it.each([
    [{ qualitySystemCertified: true, ownBrand: true }, true, true],
    [{ qualitySystemCertified: false, ownBrand: true }, false, true],
    [{ ownBrand: false, qualitySystemCertified: true }, true, false],
  ])('quality %j → system %s, brand %s', (quality, system, brand) => {
    const result = run({ ...L1(), quality });
    expect(conditionOf(result, 'LG.refinement.qualitySystem').met).toBe(system);
    expect(conditionOf(result, 'LG.distinctiveness.ownBrand').met).toBe(brand);
  });

  it.each([
    [10, true],
    [9.999999, false],
    [10.000001, true],
    [9.9999999, true], // read to 6 decimals
    [0.1 * 100, true],
    [undefined, false],
  ])('national market share %s → %s', (nationalMarketShare, expected) => {
    expect(met({ ...L1(), nationalMarketShare }, 'LG.distinctiveness.marketShare')).toBe(expected);
  });

  // R&D tiers by revenue in P (same revenue in P−1).
  it.each([
    [100_000_000, 3_000_000, 3_000_000, true],
    [100_000_000, 2_999_999, 3_000_000, false],
    [100_000_000, 3_000_000, 2_999_999, false],
    [99_999_999, 3_000_000, 3_000_000, false],
    [99_999_999, 6_000_000, 6_000_000, true],
    [60_000_000, 3_600_000, 3_599_999, false],
    [50_000_000, 3_000_000, 3_000_000, true], // 6% tier at exactly 50 M [U]
    [50_000_000, 2_999_999, 3_000_000, false],
  ])('general (a): revenue %d, R&D %d then %d → %s', (revenue, before, last, expected) => {
    expect(met(lgFacts(revenue, before, last), 'LG.innovation.general.a')).toBe(expected);
  });

  const small = (revenue: number, equity: number, before: number, last: number, rdStaff: number) =>
    withYears(
      lgFacts(revenue, before, last, {
        equityFinancing: [{ date: `${P}-12-31`, amount: equity }],
      }),
      { [P]: { employees: 10_000, rdEmployees: rdStaff } },
    );

  it.each([
    [49_999_999, 80_000_000, 15_000_000, 15_000_000, 5_000, true],
    [49_999_999, 79_999_999, 15_000_000, 15_000_000, 5_000, false],
    [49_999_999, 80_000_000, 15_000_000, 14_999_999, 5_000, false],
    [49_999_999, 80_000_000, 15_000_000, 15_000_000, 4_999, false],
  ])(
    'general (a) under 50 M: revenue %d, equity %d, R&D %d + %d, R&D staff %d of 10,000 → %s',
    (revenue, equity, before, last, staff, expected) => {
      expect(met(small(revenue, equity, before, last, staff), 'LG.innovation.general.a')).toBe(
        expected,
      );
    },
  );

  it('exactly 50 M: the tier placement is configuration [U]', () => {
    const facts = small(50_000_000, 80_000_000, 15_000_000, 15_000_000, 5_000);
    // R&D is 30% of revenue: passes the 6% tier too, so use a firm that only meets the small tier.
    const smallOnly = withYears(facts, {
      [P - 1]: { rdExpense: 29_000_000 },
      [P]: { rdExpense: 1_000_000 },
    });
    expect(met(smallOnly, 'LG.innovation.general.a')).toBe(false);
    expect(met(smallOnly, 'LG.innovation.general.a', withLg({ exactly50MTier: 'below-50m' }))).toBe(
      true,
    );
  });

  it('under 50 M: the 30 M R&D test reads a 2-year total by default, one year as an option [U]', () => {
    const facts = small(48_000_000, 80_000_000, 20_000_000, 12_000_000, 5_000);
    expect(met(facts, 'LG.innovation.general.a')).toBe(true);
    expect(met(facts, 'LG.innovation.general.a', withLg({ smallFirmRdBasis: 'single-year' }))).toBe(
      false,
    );
    const big = small(48_000_000, 80_000_000, 0, 30_000_000, 5_000);
    expect(met(big, 'LG.innovation.general.a', withLg({ smallFirmRdBasis: 'single-year' }))).toBe(
      true,
    );
  });

  it.each([
    ['below_municipal', true],
    ['national', true],
    [null, false],
  ] as const)('general (b): R&D institution %s → %s', (rdInstitution, expected) => {
    expect(met({ ...L1(), rdInstitution }, 'LG.innovation.general.b')).toBe(expected);
  });

  it.each([
    [{ classI: 2 }, true],
    [{ classI: 1 }, false],
    [{ selfDevelopedClassI: 2 }, true],
  ])('general (c): IP %j → %s', (ip, expected) => {
    expect(met({ ...L1(), ip }, 'LG.innovation.general.c')).toBe(expected);
  });

  it('general (c) may count only IP in use and earning revenue (configuration)', () => {
    const facts: Facts = { ...L1(), ip: { classI: 3, classIApplied: 1 } };
    expect(met(facts, 'LG.innovation.general.c')).toBe(true);
    expect(met(facts, 'LG.innovation.general.c', withLg({ ipCountBasis: 'class-i-applied' }))).toBe(
      false,
    );
  });

  it.each([
    ['national', 3, 2023, true],
    ['national', 4, 2023, false],
    ['provincial', 1, 2024, false],
    ['national', 1, 2022, false],
  ] as const)('direct (a): %s award ranked %d in %d → %s', (level, rank, year, expected) => {
    expect(met({ ...L1(), awards: [{ level, rank, year }] }, 'LG.innovation.direct.a')).toBe(
      expected,
    );
  });

  it.each([
    [50, true],
    [51, false],
  ])('direct (b): Maker in China rank %d → %s', (rank, expected) => {
    expect(met({ ...L1(), makerInChina: [{ year: 2025, rank }] }, 'LG.innovation.direct.b')).toBe(
      expected,
    );
  });

  it.each([
    ['chainSupport', 'LG.chainSupport'],
    ['keyProductField', 'LG.productField'],
  ] as const)('%s false or missing fails %s', (flag, key) => {
    expect(met({ ...L1(), [flag]: false }, key)).toBe(false);
    expect(met({ ...L1(), [flag]: undefined }, key)).toBe(false);
    expect(run({ ...L1(), [flag]: false }).eligible).toBe(false);
  });
});
