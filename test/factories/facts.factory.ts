// The one facts factory of the tests: a strong base firm (domain rules §6, the worked examples),
// changed one fact at a time; firms that pass or fail every tier; helpers to read an assessment.
import type { Facts, FinancialYear } from '../../src/domain/certification/facts';
import type {
  Assessment,
  ConditionResult,
  DimensionResult,
  IndicatorResult,
} from '../../src/domain/scoring/assessment';

/** v2022 examples are dated in 2025 (P = 2024, as §6 S-5); v2026 ones in 2026 (P = 2025). */
export const AS_OF_2022 = '2025-06-30';
export const AS_OF_2026 = '2026-05-01';

export type YearPatch = Partial<Omit<FinancialYear, 'year'>>;

/**
 * A firm that meets every test of every tier in both rule sets except the innovative-SME direct
 * routes (its R&D institution is municipal): industry, 400 staff, revenue 160 → 180 → 200 M,
 * main-business share 95%, R&D 5%, debt 50%, 7 years in the niche, platform score 75.
 */
export const baseFacts = (p: number): Facts => ({
  sector: 'industry',
  financials: [
    year(p - 2, 160_000_000, 152_000_000, 8_000_000),
    year(p - 1, 180_000_000, 171_000_000, 9_000_000),
    year(p, 200_000_000, 190_000_000, 10_000_000),
  ],
  nicheMarketSince: `${p - 7}-01-01`,
  ip: { classI: 5, selfDevelopedClassI: 3, highValueClassI: 1, classIApplied: 5, classII: 4 },
  strategicEmergingIndustry: true,
  productField: 'gap_filling',
  awards: [],
  titles: [],
  rdInstitution: 'municipal',
  equityFinancing: [],
  makerInChina: [],
  digitalLevel: 3,
  quality: { award: true, qualitySystemCertified: true, ownBrand: true, standardDrafting: true },
  localFeaturePoints: 10,
  nationalMarketShare: 15,
  nationalMarketRank: 2,
  internationalMarketShare: 5,
  nicheMarketLeading: true,
  developmentScores: [{ year: p + 1, score: 75 }],
  reReview: false,
  chainSupport: true,
  keyProductField: true,
  eligibility: {
    registeredInMainland: true,
    independentLegalPerson: true,
    abnormalOrDishonestListed: false,
    prohibitedProducts: false,
    majorIncidentLast3Years: false,
  },
});

function year(y: number, revenue: number, main: number, rd: number): FinancialYear {
  return {
    year: y,
    operatingRevenue: revenue,
    mainBusinessRevenue: main,
    rdExpense: rd,
    netProfit: revenue / 10,
    totalAssets: 150_000_000,
    totalLiabilities: 75_000_000,
    employees: 400,
    rdEmployees: 100,
  };
}

/** The facts with one year's record patched (created when absent). */
export const withYear = (facts: Facts, y: number, patch: YearPatch): Facts => {
  const rows = facts.financials ?? [];
  const found = rows.some((row) => row.year === y);
  return {
    ...facts,
    financials: found
      ? rows.map((row) => (row.year === y ? { ...row, ...patch } : row))
      : [...rows, { year: y, ...patch }],
  };
};

/** Several years patched at once: `{ 2024: {...}, 2023: {...} }`. */
export const withYears = (facts: Facts, patches: Record<number, YearPatch>): Facts =>
  Object.entries(patches).reduce((acc, [y, patch]) => withYear(acc, Number(y), patch), facts);

export const indicator = (assessment: Assessment, key: string): IndicatorResult => {
  const found = assessment.dimensions.flatMap((d) => d.indicators).find((i) => i.key === key);
  if (!found) throw new Error(`no indicator ${key}`);
  return found;
};

export const dimensionOf = (assessment: Assessment, key: string): DimensionResult => {
  const found = assessment.dimensions.find((d) => d.key === key);
  if (!found) throw new Error(`no dimension ${key}`);
  return found;
};

const flatten = (items: readonly ConditionResult[]): ConditionResult[] =>
  items.flatMap((item) => [item, ...flatten(item.parts ?? [])]);

/** A requirement or direct qualification by key, parts included. */
export const conditionOf = (assessment: Assessment, key: string): ConditionResult => {
  const found = flatten([...assessment.requirements, ...assessment.directQualifications]).find(
    (c) => c.key === key,
  );
  if (!found) throw new Error(`no condition ${key}`);
  return found;
};

export const points = (assessment: Assessment, keys: readonly string[]): number[] =>
  keys.map((key) => indicator(assessment, key).points);

/**
 * Figures of a strong industrial firm that passes every tier under both rule sets, for an
 * application made in `asOfYear` (so the previous year P = asOfYear − 1): the base firm with a
 * high-tech enterprise title and a provincial R&D institution.
 */
export const passingFacts = (asOfYear: number, overrides: Partial<Facts> = {}): Facts => {
  const {
    awards: _awards,
    equityFinancing: _equity,
    makerInChina: _maker,
    reReview: _reReview,
    ...base
  } = baseFacts(asOfYear - 1);
  return {
    ...base,
    titles: ['high_tech_enterprise'],
    rdInstitution: 'provincial',
    ...overrides,
  };
};

/** Figures that fail every tier: a loss-making firm with no R&D. */
export const failingFacts = (asOfYear: number): Facts => ({
  ...passingFacts(asOfYear),
  financials: [{ ...year(asOfYear - 1, 20_000_000, 19_000_000, 0), netProfit: -1_000_000 }],
  titles: [],
  rdInstitution: null,
  ip: {},
  developmentScores: [],
});

/** The figures of an ended data year, as a title holder files them (annualUpdate.submit). */
export const annualReport = (overrides: Partial<Record<string, number>> = {}) => ({
  operatingRevenue: 210_000_000,
  mainBusinessRevenue: 199_500_000,
  rdExpense: 11_000_000,
  netProfit: 21_000_000,
  totalAssets: 160_000_000,
  totalLiabilities: 78_000_000,
  employees: 410,
  rdEmployees: 105,
  ...overrides,
});
