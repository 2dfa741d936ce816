import type { Facts } from '../../certification/facts';
import { defaultScoringConfig, resolveScoringConfig, type ScoringConfig } from '../config';
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
  assess({ tier: 'specialized_sme', ruleSet: 'v2026', asOf: AS_OF_2026, facts, config });
const met = (facts: Facts, key: string, config?: ScoringConfig) =>
  conditionOf(run(facts, config), key).met;
const base = () => baseFacts(P);

describe('specialized SME v2026 (§9): conditions 1–8', () => {
  it('a firm meeting every condition passes with the platform score as its score', () => {
    const result = run(base());
    expect(result.eligible).toBe(true);
    expect(result.route).toBe('score');
    expect(result.score).toBe(75);
    expect(result.passMark).toBe(50);
    expect(result.dimensions).toEqual([]);
    expect(result.directQualifications).toEqual([]);
    expect(result.requirements.map((r) => r.key)).toEqual(
      expect.arrayContaining(['v2026.S1', 'v2026.S4', 'v2026.S8']),
    );
  });

  it('a failing condition makes route null and says why', () => {
    const result = run({ ...base(), nicheMarketLeading: false });
    expect(result.eligible).toBe(false);
    expect(result.route).toBeNull();
    expect(result.score).toBe(75);
    expect(enAll(result.reasons)).toEqual([
      'Condition 7 (niche position): the experts do not confirm a relatively high niche-market position of the dominant product.',
    ]);
  });

  it.each([
    [`${P - 3}-12-31`, true],
    [`${P - 2}-01-01`, false],
  ])('S1: niche since %s → %s (3 years at 31 Dec P)', (nicheMarketSince, expected) => {
    expect(met({ ...base(), nicheMarketSince }, 'v2026.S1')).toBe(expected);
  });

  it.each([
    [15_000_000, [], true],
    [14_999_999, [], false],
    [14_999_999, [{ date: `${P - 1}-01-01`, amount: 20_000_000 }], true],
    [14_999_999, [{ date: `${P - 2}-12-31`, amount: 20_000_000 }], false],
    [14_999_999, [{ date: `${P}-06-01`, amount: 19_999_999 }], false],
  ])('S2: revenue %d, equity %j → %s', (operatingRevenue, equityFinancing, expected) => {
    const facts = withYears(
      { ...base(), equityFinancing },
      { [P]: { operatingRevenue, mainBusinessRevenue: operatingRevenue, rdExpense: 1_000_000 } },
    );
    expect(met(facts, 'v2026.S2')).toBe(expected);
  });

  it.each([
    [80_000_000, true],
    [79_999_999, false],
    [80_000_001, true],
  ])('S3: main business %d of 100 M → %s', (mainBusinessRevenue, expected) => {
    const facts = withYears(base(), {
      [P]: { operatingRevenue: 100_000_000, mainBusinessRevenue },
    });
    expect(met(facts, 'v2026.S3')).toBe(expected);
  });

  it.each([
    [80_000_000, true],
    [80_000_001, false],
    [79_999_999, true],
  ])('S4: liabilities %d on 100 M → %s', (totalLiabilities, expected) => {
    const facts = withYears(base(), { [P]: { totalAssets: 100_000_000, totalLiabilities } });
    expect(met(facts, 'v2026.S4')).toBe(expected);
  });

  it.each([
    [1_000_000, 33_333_333, 1_000_000, 33_333_333, true],
    [1_000_000, 33_333_334, 1_000_000, 33_333_333, false],
    [999_999, 10_000_000, 1_000_000, 10_000_000, false],
    [1_000_000, 10_000_000, 999_999, 10_000_000, false],
    [1_000_000, 10_000_000, 1_000_000, 33_333_334, false],
  ])(
    'S5: R&D %d of %d in P−1 and %d of %d in P → %s',
    (rdBefore, revBefore, rdLast, revLast, expected) => {
      const facts = withYears(base(), {
        [P - 1]: { rdExpense: rdBefore, operatingRevenue: revBefore },
        [P]: { rdExpense: rdLast, operatingRevenue: revLast },
      });
      expect(met(facts, 'v2026.S5')).toBe(expected);
    },
  );

  it.each([
    [{ classI: 3, classIApplied: 1 }, [], 'municipal', true],
    [{ classI: 3, classIApplied: 0 }, [], 'municipal', false],
    [{ classI: 3 }, [], 'municipal', false],
    [{ classIApplied: 0 }, [{ level: 'provincial', year: Y - 2, rank: 3 }], 'municipal', true],
    [{ classIApplied: 0 }, [{ level: 'provincial', year: Y - 2, rank: 4 }], 'municipal', false],
    [{ classIApplied: 0 }, [{ level: 'national', year: Y - 3, rank: 1 }], 'municipal', false],
    [{ classIApplied: 0 }, [], 'provincial', true],
    [{ classIApplied: 0 }, [], 'national', true],
  ] as const)(
    'S6: IP %j, awards %j, institution %s → %s',
    (ip, awards, rdInstitution, expected) => {
      const facts: Facts = { ...base(), ip: { ...ip }, awards: [...awards], rdInstitution };
      expect(met(facts, 'v2026.S6')).toBe(expected);
    },
  );

  it.each([
    [true, true],
    [false, false],
    [undefined, false],
  ])('S7: nicheMarketLeading %s → %s', (nicheMarketLeading, expected) => {
    expect(met({ ...base(), nicheMarketLeading }, 'v2026.S7')).toBe(expected);
  });

  it.each([
    [[{ year: Y, score: 50 }], true, 50],
    [[{ year: Y, score: 49.99 }], false, 49.99],
    [[{ year: Y, score: 49.9999999 }], true, 49.9999999], // read to 6 decimals
    [
      [
        { year: Y, score: 40 },
        { year: Y, score: 55 },
      ],
      true,
      55,
    ],
    [[{ year: Y - 1, score: 90 }], false, null],
    [[], false, null],
  ])('S8: platform scores %j → %s (score %s)', (developmentScores, expected, used) => {
    const result = run({ ...base(), developmentScores });
    expect(conditionOf(result, 'v2026.S8').met).toBe(expected);
    expect(result.score).toBe(used);
  });

  it('S8 at a re-review: the better of Y−1 and Y counts by default [U]', () => {
    const facts: Facts = {
      ...base(),
      reReview: true,
      developmentScores: [
        { year: Y - 1, score: 55 },
        { year: Y, score: 45 },
      ],
    };
    const result = run(facts);
    expect(conditionOf(result, 'v2026.S8').met).toBe(true);
    expect(result.score).toBe(55);
    const strict: ScoringConfig = {
      ...defaultScoringConfig('v2026'),
      v2026: { ...defaultScoringConfig('v2026').v2026, reReviewUsesBetterScore: false },
    };
    const yOnly = run(facts, strict);
    expect(conditionOf(yOnly, 'v2026.S8').met).toBe(false);
    expect(yOnly.score).toBe(45);
    expect(met({ ...facts, reReview: false }, 'v2026.S8')).toBe(false);
  });

  it('a province may set the pass mark', () => {
    const config = resolveScoringConfig('v2026', '320000', {
      provinces: { '320000': { v2026: { specializedPassMark: 80 } } },
    });
    const result = run(base(), config);
    expect(result.passMark).toBe(80);
    expect(result.eligible).toBe(false);
  });
});
