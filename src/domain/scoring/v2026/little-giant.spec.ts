import type { Facts } from '../../certification/facts';
import { defaultScoringConfig, type ScoringConfig, type V2026Config } from '../config';
import { assess } from '../index';
import {
  AS_OF_2026,
  baseFacts,
  conditionOf,
  withYears,
} from '../../../../test/factories/facts.factory';
import { enAll } from '../../i18n/testing';

const P = 2025;
const Y = 2026;
const run = (facts: Facts, config?: ScoringConfig) =>
  assess({ tier: 'little_giant', ruleSet: 'v2026', asOf: AS_OF_2026, facts, config });
const met = (facts: Facts, key: string, config?: ScoringConfig) =>
  conditionOf(run(facts, config), key).met;
const base = () => baseFacts(P);
const with2026 = (patch: Partial<V2026Config>): ScoringConfig => {
  const config = defaultScoringConfig('v2026');
  return { ...config, v2026: { ...config.v2026, ...patch } };
};

describe('little giant v2026 (§9): conditions 1–10', () => {
  it('a firm meeting every condition passes; score = platform score, pass mark 60', () => {
    const result = run(base());
    expect(result.eligible).toBe(true);
    expect(result.route).toBe('score');
    expect(result.score).toBe(75);
    expect(result.passMark).toBe(60);
    expect(result.dimensions).toEqual([]);
  });

  it.each([
    [`${P - 3}-12-31`, true],
    [`${P - 2}-01-01`, false],
  ])('L1: niche since %s → %s; no 2-year exception', (nicheMarketSince, expected) => {
    const relaxed = defaultScoringConfig('v2026');
    relaxed.littleGiant.twoYearNicheRelaxation = true;
    const facts: Facts = { ...base(), nicheMarketSince, productField: 'gap_filling' };
    expect(met(facts, 'v2026.L1', relaxed)).toBe(expected);
  });

  it.each([
    [50_000_000, true],
    [49_999_999, false],
  ])('L2: revenue %d → %s', (operatingRevenue, expected) => {
    const facts = withYears(base(), {
      [P]: { operatingRevenue, mainBusinessRevenue: operatingRevenue },
    });
    expect(met(facts, 'v2026.L2')).toBe(expected);
  });

  it.each([
    [90_000_000, true],
    [89_999_999, false],
  ])('L3: main business %d of 100 M → %s', (mainBusinessRevenue, expected) => {
    const facts = withYears(base(), {
      [P]: { operatingRevenue: 100_000_000, mainBusinessRevenue },
    });
    expect(met(facts, 'v2026.L3')).toBe(expected);
  });

  const grown = (last: number, main = last) =>
    withYears(base(), {
      [P - 2]: { operatingRevenue: 100_000_000, mainBusinessRevenue: 100_000_000 },
      [P - 1]: { operatingRevenue: 100_000_000 },
      [P]: { operatingRevenue: last, mainBusinessRevenue: main },
    });

  it.each([
    [110_250_000, true], // × 10,000 = × 11,025 exactly
    [110_249_999, false],
    [110_250_001, true],
  ])('L4: operating revenue 100 M → %d → %s (compound ≥ 5%)', (last, expected) => {
    expect(met(grown(last), 'v2026.L4')).toBe(expected);
  });

  it('L4 is not tested at a re-review by default [U]; configuration can test it', () => {
    const facts = { ...grown(105_000_000), reReview: true };
    expect(met(facts, 'v2026.L4')).toBe(true);
    expect(met(facts, 'v2026.L4', with2026({ littleGiantGrowthAtReReview: true }))).toBe(false);
  });

  it('L4 can use main-business revenue instead of operating revenue [U]', () => {
    const facts = grown(110_250_000, 95_000_000);
    expect(met(facts, 'v2026.L4')).toBe(true);
    expect(
      met(facts, 'v2026.L4', with2026({ littleGiantGrowthRevenue: 'main-business-revenue' })),
    ).toBe(false);
  });

  it.each([
    [75_000_000, true],
    [75_000_001, false],
  ])('L5: liabilities %d on 100 M → %s', (totalLiabilities, expected) => {
    const facts = withYears(base(), { [P]: { totalAssets: 100_000_000, totalLiabilities } });
    expect(met(facts, 'v2026.L5')).toBe(expected);
  });

  it.each([
    [6_000_000, 6_000_000, 200_000_000, true],
    [6_000_000, 5_999_999, 200_000_000, false],
    [3_000_000, 9_000_000, 100_000_000, true],
    [2_999_999, 9_000_001, 100_000_000, false], // total 12 M but 2.99999% in P−1
  ])('L6: R&D %d + %d on revenue %d each year → %s', (before, last, revenue, expected) => {
    const facts = withYears(base(), {
      [P - 1]: { rdExpense: before, operatingRevenue: revenue },
      [P]: { rdExpense: last, operatingRevenue: revenue, mainBusinessRevenue: revenue },
    });
    expect(met(facts, 'v2026.L6')).toBe(expected);
  });

  it.each([
    [4, [], true],
    [3, [], false],
    [3, [{ level: 'national', year: Y - 2, rank: 3 }], true],
    [3, [{ level: 'national', year: Y - 2, rank: 4 }], false],
    [3, [{ level: 'provincial', year: Y, rank: 1 }], false],
  ] as const)('L7: %d Class I applied, awards %j → %s', (classIApplied, awards, expected) => {
    const facts: Facts = { ...base(), ip: { classI: 6, classIApplied }, awards: [...awards] };
    expect(met(facts, 'v2026.L7')).toBe(expected);
  });

  it.each([
    [10, 0, null, true],
    [9.999999, 0, null, false],
    [0, 10, null, true],
    [5, 9.999999, 3, true],
    [5, 5, 4, false],
    [undefined, undefined, 1, true],
    [undefined, undefined, undefined, false],
  ])(
    'L8: national %s%, international %s%, rank %s → %s',
    (nationalMarketShare, internationalMarketShare, nationalMarketRank, expected) => {
      const facts: Facts = {
        ...base(),
        nationalMarketShare,
        internationalMarketShare,
        nationalMarketRank,
      };
      expect(met(facts, 'v2026.L8')).toBe(expected);
    },
  );

  it.each([
    [true, false, true, false],
    [false, true, true, false],
    [true, true, true, true],
    [false, false, false, false],
  ])(
    'L9: six foundations %s, chain %s → either %s, both %s [U]',
    (keyProductField, chainSupport, either, both) => {
      const facts: Facts = { ...base(), keyProductField, chainSupport };
      expect(met(facts, 'v2026.L9')).toBe(either);
      expect(met(facts, 'v2026.L9', with2026({ chainOrField: 'both' }))).toBe(both);
    },
  );

  it.each([
    [60, true],
    [59.99, false],
  ])('L10: platform score %d → %s', (score, expected) => {
    expect(met({ ...base(), developmentScores: [{ year: Y, score }] }, 'v2026.L10')).toBe(expected);
  });

  it('L10: the pass mark is configuration', () => {
    const facts: Facts = { ...base(), developmentScores: [{ year: Y, score: 55 }] };
    expect(met(facts, 'v2026.L10')).toBe(false);
    const result = run(facts, with2026({ littleGiantPassMark: 55 }));
    expect(result.passMark).toBe(55);
    expect(result.eligible).toBe(true);
  });

  it('L10 at a re-review: the better of Y−1 and Y', () => {
    const facts: Facts = {
      ...base(),
      reReview: true,
      developmentScores: [
        { year: Y - 1, score: 61 },
        { year: Y, score: 59 },
      ],
    };
    expect(met(facts, 'v2026.L10')).toBe(true);
    expect(met(facts, 'v2026.L10', with2026({ reReviewUsesBetterScore: false }))).toBe(false);
  });

  it('L-3 under v2026: revenue 48 M is refused (condition 2)', () => {
    const facts = withYears(base(), {
      [P]: { operatingRevenue: 48_000_000, mainBusinessRevenue: 45_600_000, rdExpense: 16_000_000 },
    });
    const result = run(facts);
    expect(conditionOf(result, 'v2026.L2').met).toBe(false);
    expect(result.eligible).toBe(false);
    expect(enAll(result.reasons)).toContain(
      'Condition 2 (revenue): operating revenue in 2025 is CNY 48,000,000; at least CNY 50,000,000 is required.',
    );
  });
});
