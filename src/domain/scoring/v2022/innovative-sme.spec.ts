import type { Facts } from '../../certification/facts';
import type { RuleSetId } from '../assessment';
import { defaultScoringConfig, resolveScoringConfig, type ScoringConfig } from '../config';
import { assess } from '../index';
import {
  AS_OF_2022,
  AS_OF_2026,
  baseFacts,
  conditionOf,
  dimensionOf,
  indicator,
  points,
  withYears,
} from '../../../../test/factories/facts.factory';
import { enAll } from '../../i18n/testing';

const P = 2024;
const run = (facts: Facts, config?: ScoringConfig, ruleSet: RuleSetId = 'v2022') =>
  assess({
    tier: 'innovative_sme',
    ruleSet,
    asOf: ruleSet === 'v2022' ? AS_OF_2022 : AS_OF_2026,
    facts,
    config,
  });
const literal: ScoringConfig = { ...defaultScoringConfig('v2022'), bandTieBreak: 'literal' };

type Example = {
  ip: Facts['ip'];
  revenue: number;
  rd: number;
  main: number;
  mainBefore: number;
  liabilities: number;
  sei: boolean;
};

// Figures scaled so each ratio in §6.1 is exact (e.g. 3.00% = 1,650,000 / 55,000,000).
const example = (e: Example, p = P): Facts =>
  withYears(
    { ...baseFacts(p), ip: e.ip, strategicEmergingIndustry: e.sei },
    {
      [p]: {
        operatingRevenue: e.revenue,
        rdExpense: e.rd,
        mainBusinessRevenue: e.main,
        totalAssets: 100_000_000,
        totalLiabilities: e.liabilities,
      },
      [p - 1]: { mainBusinessRevenue: e.mainBefore },
    },
  );

const I1: Example = {
  ip: { classII: 1 },
  revenue: 55_000_000,
  rd: 1_650_000, // 3.00%
  main: 33_000_000, // 60.0%
  mainBefore: 30_000_000, // growth 10.0%
  liabilities: 78_000_000,
  sei: true,
};

describe('innovative SME v2022 (§2): worked examples §6.1', () => {
  it.each([
    {
      id: 'I-1',
      given: I1,
      points: [5, 15, 15, 0, 10, 15],
      dims: [20, 15, 25],
      total: 60,
      eligible: true,
    },
    {
      id: 'I-2 (R&D 2.99%)',
      given: { ...I1, rd: 1_644_500 },
      points: [5, 10, 15, 0, 10, 15],
      dims: [15, 15, 25],
      total: 55,
      eligible: false,
    },
    {
      id: 'I-3',
      given: {
        ip: { highValueClassI: 1 },
        revenue: 100_000_000,
        rd: 6_000_000,
        main: 52_000_000,
        mainBefore: 45_000_000, // growth 15.6%
        liabilities: 40_000_000,
        sei: false,
      },
      points: [20, 20, 20, 10, 5, 5],
      dims: [40, 30, 10],
      total: 80,
      eligible: false,
    },
    {
      id: 'I-7',
      given: {
        ip: { selfDevelopedClassI: 1 },
        revenue: 100_000_000,
        rd: 4_000_000,
        main: 75_000_000,
        mainBefore: 75_000_000, // growth 0.0%
        liabilities: 60_000_000,
        sei: true,
      },
      points: [15, 15, 5, 5, 10, 20],
      dims: [30, 10, 30],
      total: 70,
      eligible: false,
    },
  ])('given $id, the points, dimensions, total and verdict match (v2022 and v2026)', (row) => {
    for (const [ruleSet, p] of [
      ['v2022', 2024],
      ['v2026', 2025],
    ] as const) {
      const result = run(example(row.given, p), undefined, ruleSet);
      expect(points(result, ['IN1', 'IN2', 'IN3', 'IN4', 'IN5', 'IN6'])).toEqual(row.points);
      expect(result.dimensions.map((d) => d.score)).toEqual(row.dims);
      expect(result.score).toBe(row.total);
      expect(result.eligible).toBe(row.eligible);
      expect(result.route).toBe(row.eligible ? 'score' : null);
    }
  });

  it('I-6: debt exactly 75% and growth exactly 5% pass top-down, fail under the literal reading', () => {
    const facts = example({
      ip: { classI: 1 },
      revenue: 105_000_000,
      rd: 2_100_000, // 2.0%
      main: 73_500_000, // 70.0%
      mainBefore: 70_000_000, // growth 5.0%
      liabilities: 75_000_000, // 75.0%
      sei: false,
    });
    const best = run(facts);
    expect(points(best, ['IN1', 'IN2', 'IN3', 'IN4', 'IN5', 'IN6'])).toEqual([
      10, 10, 10, 5, 5, 20,
    ]);
    expect(best.dimensions.map((d) => d.score)).toEqual([20, 15, 25]);
    expect(best.score).toBe(60);
    expect(best.eligible).toBe(true);

    const lit = run(facts, literal);
    expect(indicator(lit, 'IN4').points).toBe(0); // "75%以上 → 0"
    expect(dimensionOf(lit, 'growth').score).toBeLessThan(15);
    expect(lit.eligible).toBe(false);
  });

  it('I-7 fails on growth under either reading of 0%', () => {
    const given = example({
      ip: { selfDevelopedClassI: 1 },
      revenue: 100_000_000,
      rd: 4_000_000,
      main: 75_000_000,
      mainBefore: 75_000_000,
      liabilities: 60_000_000,
      sei: true,
    });
    expect(run(given).eligible).toBe(false);
    expect(indicator(run(given, literal), 'IN3').points).toBe(0);
    expect(run(given, literal).eligible).toBe(false);
  });

  it('I-2 explains the failure in words', () => {
    const result = run(example({ ...I1, rd: 1_644_500 }));
    expect(enAll(result.reasons)).toEqual(
      expect.arrayContaining([
        'The total score of 55 of 100 is below the pass mark of 60.',
        'Innovation scores 15 of 40; at least 20 is needed.',
        expect.stringContaining(
          'R&D expense is 2.99% of operating revenue in 2024 (CNY 1,644,500 of CNY 55,000,000): IN2 scores 10 of 20 points (2–3%); the 3–5% band needs at least 3%.',
        ),
      ]),
    );
  });

  it('I-3 fails on the specialization minimum although the total passes', () => {
    const result = run(
      example({
        ip: { highValueClassI: 1 },
        revenue: 100_000_000,
        rd: 6_000_000,
        main: 52_000_000,
        mainBefore: 45_000_000,
        liabilities: 40_000_000,
        sei: false,
      }),
    );
    expect(enAll(result.reasons)).toContain(
      'Specialization scores 10 of 30; at least 15 is needed.',
    );
    expect(enAll(result.reasons).join(' ')).not.toContain('below the pass mark');
  });

  it('I-4: a valid High-Tech Enterprise title qualifies through D2 whatever the score', () => {
    const weak = withYears(
      { ...baseFacts(P), titles: ['high_tech_enterprise'], ip: {} },
      { [P]: { rdExpense: 0 } },
    );
    const result = run(weak);
    expect(result.route).toBe('direct');
    expect(result.eligible).toBe(true);
    expect(conditionOf(result, 'D2').met).toBe(true);
    expect(result.score).toBeLessThan(60);
  });

  it('I-4: eligibility must still hold on the direct route', () => {
    const result = run({
      ...baseFacts(P),
      titles: ['high_tech_enterprise'],
      eligibility: { ...baseFacts(P).eligibility, abnormalOrDishonestListed: true },
    });
    expect(result.directQualifications.some((d) => d.met)).toBe(true);
    expect(result.route).toBeNull();
    expect(result.eligible).toBe(false);
    expect(enAll(result.reasons)).toEqual([
      'The enterprise is on the abnormal-operations or the serious-dishonesty list.',
    ]);
  });

  it.each([
    { amount: 5_000_000, met: true, eligible: true },
    { amount: 4_990_000, met: false, eligible: false },
  ])('I-5: equity of $amount over the last 3 years → D4 $met', ({ amount, met, eligible }) => {
    // Score 40 on its own: nothing else qualifies.
    const facts = withYears(
      {
        ...baseFacts(P),
        ip: {},
        strategicEmergingIndustry: false,
        equityFinancing: [{ date: '2023-01-15', amount }],
      },
      { [P]: { rdExpense: 0, mainBusinessRevenue: 100_000_000, totalLiabilities: 150_000_000 } },
    );
    const result = run(facts);
    expect(conditionOf(result, 'D4').met).toBe(met);
    expect(result.eligible).toBe(eligible);
    expect(result.score).toBeLessThan(60);
  });
});

const IN_RULE_SETS: RuleSetId[] = ['v2022', 'v2026'];
const pOf = (ruleSet: RuleSetId): number => (ruleSet === 'v2022' ? 2024 : 2025);

describe.each(IN_RULE_SETS)(
  'innovative SME band edges under %s (§2; v2026 tier 1 = §2)',
  (ruleSet) => {
    const p = pOf(ruleSet);
    const lit: ScoringConfig = { ...defaultScoringConfig(ruleSet), bandTieBreak: 'literal' };
    const at = (patch: Parameters<typeof withYears>[1], extra: Facts = {}) =>
      withYears({ ...baseFacts(p), ...extra }, patch);
    const score = (facts: Facts, key: string, config?: ScoringConfig) =>
      indicator(run(facts, config, ruleSet), key).points;

    // [R&D expense on revenue 100,000,000, best-first points, literal points]
    it.each([
      [5_000_001, 20, 20],
      [5_000_000, 20, 15],
      [4_999_999, 15, 15],
      [3_000_001, 15, 15],
      [3_000_000, 15, 10],
      [2_999_999, 10, 10],
      [2_000_000, 10, 5],
      [1_999_999, 5, 5],
      [1_000_001, 5, 5],
      [1_000_000, 5, 0],
      [999_999, 0, 0],
      [0, 0, 0],
    ])('IN2: R&D %d of 100 M → %d points (literal %d)', (rd, best, literal) => {
      const facts = at({ [p]: { operatingRevenue: 100_000_000, rdExpense: rd } });
      expect(score(facts, 'IN2')).toBe(best);
      expect(score(facts, 'IN2', lit)).toBe(literal);
    });

    // [main-business revenue in P on 100,000,000 in P−1]
    it.each([
      [115_000_001, 20, 20],
      [115_000_000, 20, 15],
      [114_999_999, 15, 15],
      [110_000_000, 15, 10],
      [109_999_999, 10, 10],
      [105_000_000, 10, 5],
      [104_999_999, 5, 5],
      [100_000_000, 5, 0],
      [99_999_999, 0, 0],
    ])(
      'IN3: main-business revenue %d after 100 M → %d points (literal %d)',
      (main, best, literal) => {
        const facts = at({
          [p]: { mainBusinessRevenue: main, operatingRevenue: 200_000_000 },
          [p - 1]: { mainBusinessRevenue: 100_000_000 },
        });
        expect(score(facts, 'IN3')).toBe(best);
        expect(score(facts, 'IN3', lit)).toBe(literal);
      },
    );

    // [liabilities on assets 100,000,000]
    it.each([
      [54_999_999, 10, 10],
      [55_000_000, 10, 5],
      [55_000_001, 5, 5],
      [74_999_999, 5, 5],
      [75_000_000, 5, 0],
      [75_000_001, 0, 0],
    ])('IN4: liabilities %d on assets 100 M → %d points (literal %d)', (debt, best, literal) => {
      const facts = at({ [p]: { totalLiabilities: debt, totalAssets: 100_000_000 } });
      expect(score(facts, 'IN4')).toBe(best);
      expect(score(facts, 'IN4', lit)).toBe(literal);
    });

    // [main-business revenue on operating revenue 100,000,000]
    it.each([
      [70_000_001, 20, 20],
      [70_000_000, 20, 15],
      [69_999_999, 15, 15],
      [60_000_000, 15, 10],
      [59_999_999, 10, 10],
      [55_000_000, 10, 5],
      [54_999_999, 5, 5],
      [50_000_000, 5, 0],
      [49_999_999, 0, 0],
    ])('IN6: main-business revenue %d of 100 M → %d points (literal %d)', (main, best, literal) => {
      const facts = at({ [p]: { operatingRevenue: 100_000_000, mainBusinessRevenue: main } });
      expect(score(facts, 'IN6')).toBe(best);
      expect(score(facts, 'IN6', lit)).toBe(literal);
    });

    it.each([
      [{ highValueClassI: 1 }, 20],
      [{ selfDevelopedClassI: 1 }, 15],
      [{ classI: 1 }, 10],
      [{ classII: 1 }, 5],
      [{ classI: 0, classII: 0 }, 0],
      [{}, 0],
    ])('IN1: IP %j → %d points (counts nest)', (ip, expected) => {
      expect(score({ ...baseFacts(p), ip }, 'IN1')).toBe(expected);
    });

    it.each([
      [true, 10],
      [false, 5],
      [undefined, 0],
    ])('IN5: strategic emerging industry %s → %d points', (sei, expected) => {
      const facts: Facts = { ...baseFacts(p), strategicEmergingIndustry: sei };
      expect(score(facts, 'IN5')).toBe(expected);
    });

    it('reports the rule set asked for', () => {
      expect(run(baseFacts(p), undefined, ruleSet).ruleSet).toBe(ruleSet);
    });
  },
);

describe('innovative SME direct routes D1–D4 (§2 route A, §10 windows)', () => {
  // asOf 2025-06-30: awards count for 2023..2025; dated equity from 2022-06-30 to 2025-06-30.
  it.each([
    [2023, 'provincial', true],
    [2025, 'national', true],
    [2022, 'national', false],
    [2026, 'national', false],
  ] as const)('D1: a %s award of %s → %s', (year, level, met) => {
    const result = run({ ...baseFacts(P), awards: [{ level, year, rank: 9 }] });
    expect(conditionOf(result, 'D1').met).toBe(met);
  });

  it.each([
    [['high_tech_enterprise'], true],
    [['tech_innovation_demonstration'], true],
    [['ip_advantage'], true],
    [['ip_demonstration'], true],
    [[], false],
  ] as const)('D2: titles %j → %s', (titles, met) => {
    const result = run({ ...baseFacts(P), titles: [...titles] });
    expect(conditionOf(result, 'D2').met).toBe(met);
  });

  it('D2: the list of qualifying titles is configuration [U]', () => {
    const config = resolveScoringConfig('v2022', undefined, {
      innovative: { directTitles: ['high_tech_enterprise'] },
    });
    const result = run({ ...baseFacts(P), titles: ['ip_advantage'] }, config);
    expect(conditionOf(result, 'D2').met).toBe(false);
  });

  it.each([
    ['national', true],
    ['provincial', true],
    ['municipal', false],
    ['below_municipal', false],
    [null, false],
  ] as const)('D3: R&D institution %s → %s', (level, met) => {
    expect(conditionOf(run({ ...baseFacts(P), rdInstitution: level }), 'D3').met).toBe(met);
  });

  it.each([
    [[{ date: '2022-06-30', amount: 5_000_000 }], true],
    [[{ date: '2022-06-29', amount: 5_000_000 }], false],
    [[{ date: '2025-06-30', amount: 5_000_000 }], true],
    [[{ date: '2025-07-01', amount: 5_000_000 }], false],
    [[{ date: '2024-01-01', amount: 4_999_999 }], false],
    [
      [
        { date: '2024-01-01', amount: 2_500_000 },
        { date: '2023-01-01', amount: 2_500_000 },
      ],
      true,
    ],
    [[{ date: 'not-a-date', amount: 9_000_000 }], false],
  ])('D4: equity %j → %s', (equityFinancing, met) => {
    expect(conditionOf(run({ ...baseFacts(P), equityFinancing }), 'D4').met).toBe(met);
  });

  it('route is direct whenever a direct condition holds, even when the score also passes', () => {
    const result = run({ ...baseFacts(P), rdInstitution: 'national' });
    expect(result.score).toBeGreaterThanOrEqual(60);
    expect(result.route).toBe('direct');
  });
});

describe('innovative SME configuration', () => {
  it('pass mark and dimension minimums are configuration (province override)', () => {
    const facts = example(I1);
    const strict = resolveScoringConfig('v2022', '370102', {
      provinces: { '370000': { innovative: { passMark: 65 } } },
    });
    expect(run(facts).eligible).toBe(true);
    const result = run(facts, strict);
    expect(result.passMark).toBe(65);
    expect(result.eligible).toBe(false);
    const lenient = resolveScoringConfig('v2022', undefined, {
      innovative: { dimensionMinimums: { innovation: 10 } },
    });
    expect(dimensionOf(run(example({ ...I1, rd: 1_644_500 }), lenient), 'innovation').min).toBe(10);
  });
});
