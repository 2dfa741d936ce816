import fc from 'fast-check';
import type { Facts, FinancialYear } from '../certification/facts';
import { SECTORS, type Sector } from '../certification/sectors';
import { TIERS } from '../certification/tier';
import { RULE_SETS, type Assessment } from './assessment';
import { defaultScoringConfig, type ScoringConfig } from './config';
import { assess } from './index';
import { indicator, withYear } from '../../../test/factories/facts.factory';

const AS_OF = ['2025-06-30', '2026-05-01', '2024-02-29'] as const;

const money = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: -50_000_000, max: 2_000_000_000 }) },
  { weight: 2, arbitrary: fc.constantFrom(0, 1, -1, 1_000_000, 50_000_000, 100_000_000) },
  { weight: 1, arbitrary: fc.double() },
);
const headcount = fc.oneof(fc.integer({ min: -5, max: 3000 }), fc.constant(0));
const percentNumber = fc.oneof(fc.double({ min: -10, max: 120 }), fc.double(), fc.constant(10));
const opt = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

const financialYear = (year: number): fc.Arbitrary<FinancialYear> =>
  fc.record(
    {
      year: fc.constant(year),
      operatingRevenue: money,
      mainBusinessRevenue: money,
      rdExpense: money,
      netProfit: money,
      totalAssets: money,
      totalLiabilities: money,
      employees: headcount,
      rdEmployees: headcount,
    },
    { requiredKeys: ['year'] },
  );

const yearsAround = (p: number) =>
  fc
    .tuple(...[p - 3, p - 2, p - 1, p].map((y) => opt(financialYear(y))))
    .map((rows) => rows.filter((row): row is FinancialYear => row !== undefined));

const date = fc.oneof(
  fc
    .record({
      y: fc.integer({ min: 2010, max: 2027 }),
      m: fc.integer({ min: 1, max: 12 }),
      d: fc.integer({ min: 1, max: 31 }),
    })
    .map(({ y, m, d }) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`),
  fc.constantFrom('garbage', ''),
);
const count = fc.oneof(fc.integer({ min: -1, max: 6 }), fc.constant(Number.NaN));
const ranked = fc.record({
  year: fc.integer({ min: 2019, max: 2027 }),
  rank: fc.integer({ min: 0, max: 600 }),
});

const factsArb = (p: number): fc.Arbitrary<Facts> =>
  fc.record(
    {
      financials: yearsAround(p),
      sector: fc.oneof(fc.constantFrom(...SECTORS), fc.constant('mining' as Sector)),
      nicheMarketSince: date,
      ip: fc.record(
        {
          classI: count,
          selfDevelopedClassI: count,
          highValueClassI: count,
          classIApplied: count,
          classII: count,
        },
        { requiredKeys: [] },
      ),
      strategicEmergingIndustry: fc.boolean(),
      productField: fc.constantFrom(
        'gap_filling',
        'six_foundations',
        'time_honoured',
        'key_chain_supplier',
        'other',
      ),
      awards: fc.array(
        fc.record({
          level: fc.constantFrom('national', 'provincial'),
          year: fc.integer({ min: 2019, max: 2027 }),
          rank: fc.integer({ min: 0, max: 10 }),
        }),
        { maxLength: 3 },
      ),
      titles: fc.subarray([
        'high_tech_enterprise',
        'tech_innovation_demonstration',
        'ip_advantage',
        'ip_demonstration',
      ] as const),
      rdInstitution: fc.constantFrom(
        'national',
        'provincial',
        'municipal',
        'below_municipal',
        null,
      ),
      equityFinancing: fc.array(fc.record({ date, amount: money }), { maxLength: 3 }),
      makerInChina: fc.array(ranked, { maxLength: 2 }),
      digitalLevel: fc.constantFrom(1, 2, 3, 4),
      quality: fc.record(
        {
          award: fc.boolean(),
          qualitySystemCertified: fc.boolean(),
          ownBrand: fc.boolean(),
          standardDrafting: fc.boolean(),
        },
        { requiredKeys: [] },
      ),
      localFeaturePoints: fc.oneof(fc.integer({ min: -3, max: 20 }), fc.double()),
      nationalMarketShare: percentNumber,
      nationalMarketRank: fc.oneof(fc.integer({ min: 0, max: 10 }), fc.constant(null)),
      internationalMarketShare: percentNumber,
      nicheMarketLeading: fc.boolean(),
      developmentScores: fc.array(
        fc.record({
          year: fc.integer({ min: p - 1, max: p + 2 }),
          score: fc.double({ min: 0, max: 100 }),
        }),
        { maxLength: 3 },
      ),
      reReview: fc.boolean(),
      chainSupport: fc.boolean(),
      keyProductField: fc.boolean(),
      eligibility: fc.record(
        {
          registeredInMainland: fc.boolean(),
          independentLegalPerson: fc.boolean(),
          abnormalOrDishonestListed: fc.boolean(),
          prohibitedProducts: fc.boolean(),
          majorIncidentLast3Years: fc.boolean(),
        },
        { requiredKeys: [] },
      ),
    },
    { requiredKeys: [] },
  );

const configArb: fc.Arbitrary<ScoringConfig> = fc
  .record({
    bandTieBreak: fc.constantFrom('best-first', 'literal'),
    twoYearGrowth: fc.constantFrom('arithmetic-mean', 'compound'),
    sizeTestReading: fc.constantFrom('every-ceiling', 'any-ceiling'),
    localFeatureMax: fc.integer({ min: 0, max: 15 }),
  } as const)
  .map(({ localFeatureMax, ...rest }) => {
    const base = defaultScoringConfig('v2022');
    return { ...base, ...rest, specialized: { ...base.specialized, localFeatureMax } };
  });

const caseArb = fc
  .record({
    tier: fc.constantFrom(...TIERS),
    ruleSet: fc.constantFrom(...RULE_SETS),
    asOf: fc.constantFrom(...AS_OF),
    config: configArb,
  })
  .chain((c) => factsArb(Number(c.asOf.slice(0, 4)) - 1).map((facts) => ({ ...c, facts })));

const numbersIn = (value: unknown): number[] => {
  if (typeof value === 'number') return [value];
  if (Array.isArray(value)) return value.flatMap(numbersIn);
  if (value && typeof value === 'object') return Object.values(value).flatMap(numbersIn);
  return [];
};

const total = (a: Assessment): number => a.score ?? 0;

describe('assess: properties over random facts', () => {
  it('never throws, never yields NaN, and keeps every score within its bounds', () => {
    fc.assert(
      fc.property(caseArb, (input) => {
        const result = assess(input);
        expect(numbersIn(result).every((n) => Number.isFinite(n))).toBe(true);
        let sum = 0;
        for (const d of result.dimensions) {
          const inner = d.indicators.reduce((s, i) => s + i.points, 0);
          expect(d.score).toBe(inner);
          expect(d.score).toBeGreaterThanOrEqual(0);
          expect(d.score).toBeLessThanOrEqual(d.max);
          for (const i of d.indicators) {
            expect(i.points).toBeGreaterThanOrEqual(0);
            expect(i.points).toBeLessThanOrEqual(i.max);
          }
          sum += d.score;
        }
        if (result.dimensions.length > 0) {
          expect(result.score).toBe(sum);
          expect(sum).toBeLessThanOrEqual(result.dimensions.reduce((s, d) => s + d.max, 0));
        }
        if (input.tier === 'little_giant' && input.ruleSet === 'v2022')
          expect(result.score).toBeNull();
      }),
      { numRuns: 400 },
    );
  });

  it('eligible ⇔ every requirement is met and a route holds; failures carry reasons and no route', () => {
    fc.assert(
      fc.property(caseArb, (input) => {
        const result = assess(input);
        expect(result.eligible).toBe(
          result.requirements.every((r) => r.met) && result.route !== null,
        );
        if (!result.eligible) {
          expect(result.reasons.length).toBeGreaterThan(0);
          // §10: route says how an eligible enterprise qualifies; none for an ineligible one.
          expect(result.route).toBeNull();
        }
        const scored = result.dimensions.length > 0 || result.directQualifications.length > 0;
        if (result.eligible && scored && result.directQualifications.some((d) => d.met))
          expect(result.route).toBe('direct');
      }),
      { numRuns: 400 },
    );
  });

  const scored = fc.record({
    tier: fc.constantFrom('innovative_sme' as const, 'specialized_sme' as const),
    ruleSet: fc.constantFrom('v2022' as const),
    asOf: fc.constant('2025-06-30'),
    config: configArb,
    facts: factsArb(2024),
  });
  const P = 2024;

  it('more R&D expense never lowers IN2 / SN11 or the total', () => {
    fc.assert(
      fc.property(
        scored,
        fc.integer({ min: 0, max: 500_000_000 }),
        fc.integer({ min: 0, max: 50_000_000 }),
        (input, rd, more) => {
          const low = assess({ ...input, facts: withYear(input.facts, P, { rdExpense: rd }) });
          const high = assess({
            ...input,
            facts: withYear(input.facts, P, { rdExpense: rd + more }),
          });
          const key = input.tier === 'innovative_sme' ? 'IN2' : 'SN11';
          expect(indicator(high, key).points).toBeGreaterThanOrEqual(indicator(low, key).points);
          expect(total(high)).toBeGreaterThanOrEqual(total(low));
        },
      ),
    );
  });

  it('less debt never lowers IN4 / SN8 or the total', () => {
    fc.assert(
      fc.property(
        scored,
        fc.integer({ min: 0, max: 500_000_000 }),
        fc.integer({ min: 0, max: 500_000_000 }),
        (input, debt, less) => {
          const high = assess({
            ...input,
            facts: withYear(input.facts, P, { totalLiabilities: debt + less }),
          });
          const low = assess({
            ...input,
            facts: withYear(input.facts, P, { totalLiabilities: debt }),
          });
          const key = input.tier === 'innovative_sme' ? 'IN4' : 'SN8';
          expect(indicator(low, key).points).toBeGreaterThanOrEqual(indicator(high, key).points);
          expect(total(low)).toBeGreaterThanOrEqual(total(high));
        },
      ),
    );
  });

  it('more main-business revenue in P never lowers growth, share or the total', () => {
    fc.assert(
      fc.property(
        scored,
        fc.integer({ min: 0, max: 500_000_000 }),
        fc.integer({ min: 0, max: 100_000_000 }),
        (input, main, more) => {
          const low = assess({
            ...input,
            facts: withYear(input.facts, P, { mainBusinessRevenue: main }),
          });
          const high = assess({
            ...input,
            facts: withYear(input.facts, P, { mainBusinessRevenue: main + more }),
          });
          const keys = input.tier === 'innovative_sme' ? ['IN3', 'IN6'] : ['SN1', 'SN2'];
          for (const key of keys)
            expect(indicator(high, key).points).toBeGreaterThanOrEqual(indicator(low, key).points);
          expect(total(high)).toBeGreaterThanOrEqual(total(low));
        },
      ),
    );
  });

  it('one more IP item of any class never lowers the total', () => {
    fc.assert(
      fc.property(
        scored,
        fc.constantFrom('classI', 'selfDevelopedClassI', 'highValueClassI', 'classII'),
        (input, kind) => {
          const ip = input.facts.ip ?? {};
          const before = ip[kind];
          const next =
            typeof before === 'number' && Number.isFinite(before) ? Math.max(before, 0) + 1 : 1;
          const low = assess({ ...input, facts: { ...input.facts, ip } });
          const high = assess({ ...input, facts: { ...input.facts, ip: { ...ip, [kind]: next } } });
          expect(total(high)).toBeGreaterThanOrEqual(total(low));
        },
      ),
    );
  });

  it('the literal tie-break never scores above best-first', () => {
    fc.assert(
      fc.property(scored, (input) => {
        const best = assess({ ...input, config: { ...input.config, bandTieBreak: 'best-first' } });
        const literal = assess({ ...input, config: { ...input.config, bandTieBreak: 'literal' } });
        expect(total(literal)).toBeLessThanOrEqual(total(best));
      }),
    );
  });
});
