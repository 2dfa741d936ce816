import type { Facts, FinancialYear } from '../../src/domain/certification/facts';

const year = (y: number, revenue: number, rd: number): FinancialYear => ({
  year: y,
  operatingRevenue: revenue,
  mainBusinessRevenue: Math.round(revenue * 0.95),
  rdExpense: rd,
  netProfit: revenue / 10,
  totalAssets: 150_000_000,
  totalLiabilities: 75_000_000,
  employees: 400,
  rdEmployees: 100,
});

/**
 * Figures of a strong industrial firm that passes every tier under both rule sets, for an
 * application made in `asOfYear` (so the previous year P = asOfYear − 1).
 */
export const passingFacts = (asOfYear: number, overrides: Partial<Facts> = {}): Facts => {
  const p = asOfYear - 1;
  return {
    sector: 'industry',
    financials: [
      year(p - 2, 160_000_000, 8_000_000),
      year(p - 1, 180_000_000, 9_000_000),
      year(p, 200_000_000, 10_000_000),
    ],
    nicheMarketSince: `${p - 7}-01-01`,
    ip: { classI: 5, selfDevelopedClassI: 3, highValueClassI: 1, classIApplied: 5, classII: 4 },
    strategicEmergingIndustry: true,
    productField: 'gap_filling',
    titles: ['high_tech_enterprise'],
    rdInstitution: 'provincial',
    digitalLevel: 3,
    quality: { award: true, qualitySystemCertified: true, ownBrand: true, standardDrafting: true },
    localFeaturePoints: 10,
    nationalMarketShare: 15,
    nationalMarketRank: 2,
    internationalMarketShare: 5,
    nicheMarketLeading: true,
    developmentScores: [{ year: asOfYear, score: 75 }],
    chainSupport: true,
    keyProductField: true,
    eligibility: {
      registeredInMainland: true,
      independentLegalPerson: true,
      abnormalOrDishonestListed: false,
      prohibitedProducts: false,
      majorIncidentLast3Years: false,
    },
    ...overrides,
  };
};

/** Figures that fail every tier: a loss-making firm with no R&D. */
export const failingFacts = (asOfYear: number): Facts => ({
  ...passingFacts(asOfYear),
  financials: [{ ...year(asOfYear - 1, 20_000_000, 0), netProfit: -1_000_000 }],
  titles: [],
  rdInstitution: null,
  ip: {},
  developmentScores: [],
});
