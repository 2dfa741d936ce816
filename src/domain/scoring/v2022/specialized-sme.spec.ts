import type { Facts } from '../../certification/facts';
import { defaultScoringConfig, resolveScoringConfig, type ScoringConfig } from '../config';
import { assess } from '../index';
import {
  AS_OF_2022,
  baseFacts,
  conditionOf,
  dimensionOf,
  indicator,
  points,
  withYears,
} from '../../../../test/factories/facts.factory';
import { en, enAll } from '../../i18n/testing';

const P = 2024;
const run = (facts: Facts, config?: ScoringConfig) =>
  assess({ tier: 'specialized_sme', ruleSet: 'v2022', asOf: AS_OF_2022, facts, config });
const literal: ScoringConfig = { ...defaultScoringConfig('v2022'), bandTieBreak: 'literal' };
const compound: ScoringConfig = { ...defaultScoringConfig('v2022'), twoYearGrowth: 'compound' };
const SN = [
  'SN1',
  'SN2',
  'SN3',
  'SN4',
  'SN5',
  'SN6',
  'SN7',
  'SN8',
  'SN9',
  'SN10',
  'SN11',
  'SN12',
  'SN13',
];

/**
 * §6.2 S-1: niche 6 y; revenue 34.0 M; R&D 1.02 M = 3.00%; share 80.0%; mean growth exactly 10.0%
 * (22.5 M → 24 M → 27.2 M: 6.67% and 13.33%); margin 8.0%; debt 50.0%; R&D staff 10.0%.
 */
const S1 = (): Facts =>
  withYears(
    {
      ...baseFacts(P),
      nicheMarketSince: `${P - 6}-03-01`,
      productField: 'six_foundations',
      digitalLevel: 2,
      quality: {
        award: false,
        qualitySystemCertified: true,
        ownBrand: true,
        standardDrafting: false,
      },
      localFeaturePoints: 3,
      ip: { classI: 1 },
      rdInstitution: 'municipal',
    },
    {
      [P]: {
        operatingRevenue: 34_000_000,
        mainBusinessRevenue: 27_200_000,
        rdExpense: 1_020_000,
        netProfit: 2_720_000,
        totalAssets: 40_000_000,
        totalLiabilities: 20_000_000,
        employees: 100,
        rdEmployees: 10,
      },
      [P - 1]: { mainBusinessRevenue: 24_000_000, rdExpense: 900_000 },
      [P - 2]: { mainBusinessRevenue: 22_500_000 },
    },
  );

/** §6.2 S-3: niche 3 y; revenue 8.0 M with 20.0 M equity; R&D 1.2 M = 15%; score 58. */
const S3 = (equity: number): Facts =>
  withYears(
    {
      ...baseFacts(P),
      nicheMarketSince: `${P - 3}-05-01`,
      productField: 'gap_filling',
      digitalLevel: 1,
      quality: {
        award: false,
        qualitySystemCertified: false,
        ownBrand: true,
        standardDrafting: false,
      },
      localFeaturePoints: 6,
      ip: { selfDevelopedClassI: 1 },
      rdInstitution: null,
      equityFinancing: [{ date: `${P}-03-01`, amount: equity }],
    },
    {
      [P]: {
        operatingRevenue: 8_000_000,
        mainBusinessRevenue: 7_200_000,
        rdExpense: 1_200_000,
        netProfit: -400_000,
        totalAssets: 30_000_000,
        totalLiabilities: 9_000_000,
        employees: 40,
        rdEmployees: 18,
      },
      [P - 1]: { mainBusinessRevenue: 5_000_000, rdExpense: 800_000 },
      [P - 2]: { mainBusinessRevenue: 3_500_000 },
    },
  );

describe('specialized SME v2022 (§3): worked examples §6.2', () => {
  it('S-1: M1–M3 met exactly, score exactly 60 → pass', () => {
    const result = run(S1());
    expect(points(result, SN)).toEqual([5, 10, 3, 3, 3, 5, 8, 5, 3, 6, 2, 3, 4]);
    expect(result.dimensions.map((d) => d.score)).toEqual([21, 21, 3, 15]);
    expect(result.score).toBe(60);
    expect(['M1', 'M2', 'M3', 'M4'].map((k) => conditionOf(result, k).met)).toEqual([
      true,
      true,
      true,
      true,
    ]);
    expect(result.route).toBe('score');
    expect(result.eligible).toBe(true);
  });

  it('S-2: R&D 1.019 M = 2.997% fails M2 whatever the score', () => {
    const result = run(withYears(S1(), { [P]: { rdExpense: 1_019_000 } }));
    expect(conditionOf(result, 'M2').met).toBe(false);
    expect(result.eligible).toBe(false);
    // §10: the score is still computed and shown, but it is "not considered": no route.
    expect(result.score).not.toBeNull();
    expect(result.route).toBeNull();
    expect(en(result.reasons[0])).toBe(
      'M2 (R&D input): R&D expense in 2024 is CNY 1,019,000, meeting the minimum of CNY 1,000,000; R&D expense is 2.99% of operating revenue in 2024 (CNY 1,019,000 of CNY 34,000,000); at least 3% is required.',
    );
  });

  it('S-3: 58 points and 20 M equity → fails M4; with 60 M equity → S-D3 → pass', () => {
    const result = run(S3(20_000_000));
    expect(points(result, SN)).toEqual([5, 10, 1, 5, 0, 3, 0, 5, 6, 8, 10, 5, 0]);
    expect(result.dimensions.map((d) => d.score)).toEqual([21, 8, 6, 23]);
    expect(result.score).toBe(58);
    expect(conditionOf(result, 'M3').met).toBe(true);
    expect(conditionOf(result, 'M4').met).toBe(false);
    expect(result.eligible).toBe(false);

    const funded = run(S3(60_000_000));
    expect(conditionOf(funded, 'S-D3').met).toBe(true);
    expect(funded.route).toBe('direct');
    expect(funded.eligible).toBe(true);
  });

  it.each([
    [9_000_000, true],
    [8_999_999, false],
  ])('S-4: R&D %d then 11 M (average ≥ 10 M) → S-D2 %s', (before, met) => {
    const facts = withYears(
      { ...baseFacts(P), nicheMarketSince: `${P - 8}-01-01`, localFeaturePoints: 0, ip: {} },
      {
        [P]: {
          operatingRevenue: 320_000_000,
          mainBusinessRevenue: 300_000_000,
          rdExpense: 11_000_000,
        },
        [P - 1]: { rdExpense: before },
      },
    );
    const result = run(facts);
    expect(conditionOf(result, 'S-D2').met).toBe(met);
    if (met) expect(result.route).toBe('direct');
  });

  it('S-5: niche business from March 2023 counts 1 year at 31 Dec 2024 → fails M1', () => {
    const result = run({ ...baseFacts(P), nicheMarketSince: '2023-03-01' });
    expect(result.score).toBeGreaterThanOrEqual(60);
    expect(conditionOf(result, 'M1').met).toBe(false);
    expect(result.eligible).toBe(false);
  });

  it('S-6: revenue 9.5 M and equity 15 M → fails M3', () => {
    const facts = withYears(
      { ...baseFacts(P), equityFinancing: [{ date: `${P - 1}-09-01`, amount: 15_000_000 }] },
      {
        [P]: { operatingRevenue: 9_500_000, mainBusinessRevenue: 9_000_000, rdExpense: 1_100_000 },
      },
    );
    const result = run(facts);
    expect(conditionOf(result, 'M2').met).toBe(true);
    expect(conditionOf(result, 'M3').met).toBe(false);
    expect(result.eligible).toBe(false);
  });

  it.each([
    ['provincial', 4, false],
    ['national', 5, true],
  ] as const)('S-7: score 52 with a %s award ranked %d → %s', (level, rank, eligible) => {
    const facts = withYears(
      { ...S1(), awards: [{ level, year: 2024, rank }] },
      { [P]: { netProfit: 0 } },
    );
    const result = run(facts);
    expect(result.score).toBe(52);
    expect(result.eligible).toBe(eligible);
    expect(result.route).toBe(eligible ? 'direct' : null);
  });
});

describe('specialized SME v2022 band edges (SN1–SN13)', () => {
  const score = (facts: Facts, key: string, config?: ScoringConfig) =>
    indicator(run(facts, config), key).points;
  const on = (patch: Parameters<typeof withYears>[1], extra: Facts = {}) =>
    withYears({ ...baseFacts(P), ...extra }, patch);

  it.each([
    [80_000_001, 5, 5],
    [80_000_000, 5, 3],
    [79_999_999, 3, 3],
    [70_000_000, 3, 1],
    [69_999_999, 1, 1],
    [60_000_000, 1, 0],
    [59_999_999, 0, 0],
  ])('SN1: main business %d of 100 M → %d (literal %d)', (main, best, lit) => {
    const facts = on({ [P]: { operatingRevenue: 100_000_000, mainBusinessRevenue: main } });
    expect(score(facts, 'SN1')).toBe(best);
    expect(score(facts, 'SN1', literal)).toBe(lit);
  });

  // 100 M → 100 M → x: the mean of 0% and (x − 100 M) / 100 M.
  it.each([
    [120_000_001, 10, 10],
    [120_000_000, 10, 8],
    [119_999_999, 8, 8],
    [116_000_000, 8, 6],
    [115_999_999, 6, 6],
    [112_000_000, 6, 4],
    [111_999_999, 4, 4],
    [108_000_000, 4, 2],
    [107_999_999, 2, 2],
    [100_000_000, 2, 0],
    [99_999_999, 0, 0],
  ])('SN2 (arithmetic mean): 100 M → 100 M → %d → %d (literal %d)', (last, best, lit) => {
    const facts = on({
      [P - 2]: { mainBusinessRevenue: 100_000_000 },
      [P - 1]: { mainBusinessRevenue: 100_000_000 },
      [P]: { mainBusinessRevenue: last, operatingRevenue: 200_000_000 },
    });
    expect(score(facts, 'SN2')).toBe(best);
    expect(score(facts, 'SN2', literal)).toBe(lit);
  });

  it.each([
    [121_000_000, 10], // 1.1² exactly
    [120_999_999, 8],
    [116_640_000, 8], // 1.08²
    [116_639_999, 6],
    [120_000_000, 8], // arithmetic mean would give 10%
  ])('SN2 (compound [U]): 100 M → … → %d → %d', (last, expected) => {
    const facts = on({
      [P - 2]: { mainBusinessRevenue: 100_000_000 },
      [P - 1]: { mainBusinessRevenue: 100_000_000 },
      [P]: { mainBusinessRevenue: last, operatingRevenue: 200_000_000 },
    });
    expect(score(facts, 'SN2', compound)).toBe(expected);
  });

  it.each([
    [`${P - 1}-01-01`, 1, 0],
    [`${P - 2}-12-31`, 2, 1],
    [`${P - 3}-06-15`, 3, 1],
    [`${P - 4}-01-01`, 4, 2],
    [`${P - 10}-12-31`, 10, 5],
    [`${P - 12}-01-01`, 12, 5],
    [`${P + 1}-01-01`, 0, 0],
  ])('SN3: niche since %s → %d years → %d points', (since, years, expected) => {
    const result = run({ ...baseFacts(P), nicheMarketSince: since });
    expect(indicator(result, 'SN3').value).toBe(years);
    expect(indicator(result, 'SN3').points).toBe(expected);
  });

  it.each([
    ['gap_filling', 5],
    ['six_foundations', 3],
    ['time_honoured', 3],
    ['key_chain_supplier', 3],
    ['other', 0],
    [undefined, 0],
  ] as const)('SN4: product field %s → %d', (productField, expected) => {
    expect(score({ ...baseFacts(P), productField }, 'SN4')).toBe(expected);
  });

  it.each([
    [1, 0],
    [2, 3],
    [3, 5],
    [4, 5],
    [undefined, 0],
  ] as const)('SN5: digital level %s → %d', (digitalLevel, expected) => {
    expect(score({ ...baseFacts(P), digitalLevel }, 'SN5')).toBe(expected);
  });

  it.each([
    [{}, 0],
    [{ award: true }, 3],
    [{ ownBrand: true, standardDrafting: true }, 5],
    [{ award: true, qualitySystemCertified: true, ownBrand: true }, 5],
  ])('SN6: quality %j → %d', (quality, expected) => {
    expect(score({ ...baseFacts(P), quality }, 'SN6')).toBe(expected);
  });

  it.each([
    [10_000_001, 10, 10],
    [10_000_000, 10, 8],
    [9_999_999, 8, 8],
    [8_000_000, 8, 6],
    [6_000_000, 6, 4],
    [4_000_000, 4, 2],
    [2_000_000, 2, 0],
    [1_999_999, 0, 0],
    [-5_000_000, 0, 0],
  ])('SN7: net profit %d on 100 M → %d (literal %d)', (profit, best, lit) => {
    const facts = on({ [P]: { operatingRevenue: 100_000_000, netProfit: profit } });
    expect(score(facts, 'SN7')).toBe(best);
    expect(score(facts, 'SN7', literal)).toBe(lit);
  });

  it.each([
    [49_999_999, 5, 5],
    [50_000_000, 5, 3],
    [50_000_001, 3, 3],
    [60_000_000, 3, 1],
    [60_000_001, 1, 1],
    [70_000_000, 1, 0],
    [70_000_001, 0, 0],
  ])('SN8: liabilities %d on assets 100 M → %d (literal %d)', (debt, best, lit) => {
    const facts = on({ [P]: { totalAssets: 100_000_000, totalLiabilities: debt } });
    expect(score(facts, 'SN8')).toBe(best);
    expect(score(facts, 'SN8', literal)).toBe(lit);
  });

  it.each([
    [0, 0],
    [3, 3],
    [15, 15],
    [16, 15],
    [-1, 0],
    [Number.NaN, 0],
    [undefined, 0],
  ])('SN9: local-feature points %s → %d (capped at 15)', (localFeaturePoints, expected) => {
    expect(score({ ...baseFacts(P), localFeaturePoints }, 'SN9')).toBe(expected);
  });

  it('SN9: a province sets its own maximum', () => {
    const config = resolveScoringConfig('v2022', '130102', {
      provinces: { '130000': { specialized: { localFeatureMax: 10 } } },
    });
    const result = run({ ...baseFacts(P), localFeaturePoints: 12 }, config);
    expect(indicator(result, 'SN9').points).toBe(10);
    expect(dimensionOf(result, 'distinctiveness').max).toBe(10);
  });

  it.each([
    [{ highValueClassI: 1 }, 10],
    [{ selfDevelopedClassI: 2 }, 8],
    [{ classI: 1 }, 6],
    [{ classII: 3 }, 2],
    [{}, 0],
  ])('SN10: IP %j → %d', (ip, expected) => {
    expect(score({ ...baseFacts(P), ip }, 'SN10')).toBe(expected);
  });

  // Amount bands on revenue 1,000,000,000 (ratio far below 3%).
  it.each([
    [5_000_000, 10, 8],
    [4_999_999, 8, 8],
    [4_000_000, 8, 6],
    [3_999_999, 6, 6],
    [3_000_000, 6, 4],
    [2_000_000, 4, 2],
    [1_999_999, 2, 2],
    [1_000_000, 2, 2],
    [999_999, 0, 0],
  ])('SN11 by amount: R&D %d → %d (literal %d)', (rd, best, lit) => {
    const facts = on({ [P]: { operatingRevenue: 1_000_000_000, rdExpense: rd } });
    expect(score(facts, 'SN11')).toBe(best);
    expect(score(facts, 'SN11', literal)).toBe(lit);
  });

  // Ratio bands on revenue 5,000,000 (amount below CNY 1 M).
  it.each([
    [500_000, 10, 8],
    [499_999, 8, 8],
    [400_000, 8, 6],
    [300_000, 6, 4],
    [200_000, 4, 2],
    [199_999, 2, 2],
    [150_000, 2, 2],
    [149_999, 0, 0],
  ])('SN11 by ratio: R&D %d of 5 M → %d (literal %d)', (rd, best, lit) => {
    const facts = on({ [P]: { operatingRevenue: 5_000_000, rdExpense: rd } });
    expect(score(facts, 'SN11')).toBe(best);
    expect(score(facts, 'SN11', literal)).toBe(lit);
  });

  it('SN11: the better of the two bands counts', () => {
    // CNY 2.5 M (4 points) at 8.33% (8 points).
    const facts = on({ [P]: { operatingRevenue: 30_000_000, rdExpense: 2_500_000 } });
    expect(score(facts, 'SN11')).toBe(8);
  });

  it.each([
    [2_001, 5, 5],
    [2_000, 5, 3],
    [1_999, 3, 3],
    [1_000, 3, 1],
    [999, 1, 1],
    [500, 1, 0],
    [499, 0, 0],
  ])('SN12: %d R&D staff of 10,000 → %d (literal %d)', (rdEmployees, best, lit) => {
    const facts = on({ [P]: { employees: 10_000, rdEmployees } });
    expect(score(facts, 'SN12')).toBe(best);
    expect(score(facts, 'SN12', literal)).toBe(lit);
  });

  it.each([
    ['national', 10],
    ['provincial', 8],
    ['municipal', 4],
    ['below_municipal', 2],
    [null, 0],
    [undefined, 0],
  ] as const)('SN13: R&D institution %s → %d', (rdInstitution, expected) => {
    expect(score({ ...baseFacts(P), rdInstitution }, 'SN13')).toBe(expected);
  });
});

describe('specialized SME v2022 mandatory conditions and direct routes', () => {
  const met = (facts: Facts, key: string) => conditionOf(run(facts), key).met;

  it.each([
    [`${P - 2}-12-31`, true],
    [`${P - 1}-01-01`, false],
    ['2024-02-30', false],
    [undefined, false],
  ])('M1: niche since %s → %s', (nicheMarketSince, expected) => {
    expect(met({ ...baseFacts(P), nicheMarketSince }, 'M1')).toBe(expected);
  });

  it.each([
    [1_000_000, 33_333_333, true], // 3.0000003%
    [1_000_000, 33_333_334, false], // 2.99999994%
    [999_999, 10_000_000, false],
    [1_000_000, 0, false],
  ])('M2: R&D %d on revenue %d → %s', (rdExpense, operatingRevenue, expected) => {
    const facts = withYears(baseFacts(P), { [P]: { rdExpense, operatingRevenue } });
    expect(met(facts, 'M2')).toBe(expected);
  });

  it.each([
    [10_000_000, [], true],
    [9_999_999, [], false],
    [9_999_999, [{ date: `${P - 1}-01-01`, amount: 20_000_000 }], true],
    [9_999_999, [{ date: `${P}-12-31`, amount: 20_000_000 }], true],
    [9_999_999, [{ date: `${P - 2}-12-31`, amount: 20_000_000 }], false],
    [9_999_999, [{ date: `${P + 1}-01-01`, amount: 20_000_000 }], false],
    [9_999_999, [{ date: `${P}-05-01`, amount: 19_999_999 }], false],
  ])('M3: revenue %d with equity %j → %s', (operatingRevenue, equityFinancing, expected) => {
    const facts = withYears({ ...baseFacts(P), equityFinancing }, { [P]: { operatingRevenue } });
    expect(met(facts, 'M3')).toBe(expected);
  });

  it.each([
    ['provincial', 3, 2025, true],
    ['provincial', 4, 2025, false],
    ['national', 5, 2023, true],
    ['national', 6, 2023, false],
    ['national', 1, 2022, false],
  ] as const)('S-D1: a %s award ranked %d in %d → %s', (level, rank, year, expected) => {
    expect(met({ ...baseFacts(P), awards: [{ level, rank, year }] }, 'S-D1')).toBe(expected);
  });

  it.each([
    [10_000_000, 10_000_000, true],
    [10_000_000, 9_999_999, false],
  ])('S-D2: R&D %d and %d → %s', (before, last, expected) => {
    const facts = withYears(baseFacts(P), {
      [P - 1]: { rdExpense: before },
      [P]: { rdExpense: last },
    });
    expect(met(facts, 'S-D2')).toBe(expected);
  });

  it.each([
    [60_000_000, true],
    [59_999_999, false],
  ])('S-D3: equity %d in the last 2 years → %s', (amount, expected) => {
    expect(
      met({ ...baseFacts(P), equityFinancing: [{ date: `${P}-01-01`, amount }] }, 'S-D3'),
    ).toBe(expected);
  });

  it.each([
    [500, 2023, true],
    [501, 2025, false],
    [1, 2022, false],
  ])('S-D4: Maker in China rank %d in %d → %s', (rank, year, expected) => {
    expect(met({ ...baseFacts(P), makerInChina: [{ rank, year }] }, 'S-D4')).toBe(expected);
  });

  it('the score is computed even when a mandatory condition fails', () => {
    const result = run({ ...baseFacts(P), nicheMarketSince: undefined });
    expect(result.score).toBeGreaterThan(60);
    expect(conditionOf(result, 'M4').met).toBe(true);
    // §10: an ineligible enterprise has no route, whatever its score.
    expect(result.route).toBeNull();
    expect(result.eligible).toBe(false);
  });

  it('a province may raise the pass mark or set dimension minimums', () => {
    const config = resolveScoringConfig('v2022', '440000', {
      provinces: {
        '440000': { specialized: { passMark: 61, dimensionMinimums: { innovation: 20 } } },
      },
    });
    const result = run(S1(), config);
    expect(result.passMark).toBe(61);
    expect(dimensionOf(result, 'innovation').min).toBe(20);
    expect(result.eligible).toBe(false);
    expect(enAll(result.reasons)).toContain('Innovation scores 15 of 35; at least 20 is needed.');
  });
});
