// The figures an enterprise submits (docs/rules.md, "Facts"). Every field is optional: a rule that
// needs a missing fact fails with a reason naming it. Money is integer yuan; shares are percent
// numbers.
import type { Sector } from './sectors';

export type FinancialYear = {
  year: number;
  operatingRevenue?: number;
  mainBusinessRevenue?: number;
  rdExpense?: number;
  netProfit?: number;
  totalAssets?: number;
  totalLiabilities?: number;
  employees?: number;
  rdEmployees?: number;
};

/** The figures of one ended data year a title holder files each year (§5.5 annual update). */
export type AnnualReport = Required<Omit<FinancialYear, 'year'>>;

/**
 * What the experts and the authority confirm (security review M10): the facts the rules reserve to
 * them, which the enterprise only claims; the last confirmation of each wins.
 */
export type FactConfirmations = Partial<
  Pick<
    Facts,
    'nicheMarketLeading' | 'chainSupport' | 'keyProductField' | 'localFeaturePoints' | 'sector'
  >
>;

/** The facts only the authority (not the experts) confirms. */
export const AUTHORITY_CONFIRMED_FACTS = ['localFeaturePoints', 'sector'] as const;

export const PRODUCT_FIELDS = [
  'gap_filling',
  'six_foundations',
  'time_honoured',
  'key_chain_supplier',
  'other',
] as const;
export type ProductField = (typeof PRODUCT_FIELDS)[number];

export const TITLES = [
  'high_tech_enterprise',
  'tech_innovation_demonstration',
  'ip_advantage',
  'ip_demonstration',
] as const;
export type Title = (typeof TITLES)[number];

export const RD_INSTITUTION_LEVELS = [
  'national',
  'provincial',
  'municipal',
  'below_municipal',
] as const;
export type RdInstitutionLevel = (typeof RD_INSTITUTION_LEVELS)[number];

export const AWARD_LEVELS = ['national', 'provincial'] as const;
export type AwardLevel = (typeof AWARD_LEVELS)[number];

export type IpCounts = {
  classI?: number;
  selfDevelopedClassI?: number;
  highValueClassI?: number;
  classIApplied?: number;
  classII?: number;
};

export type EligibilityFlags = {
  registeredInMainland?: boolean;
  independentLegalPerson?: boolean;
  abnormalOrDishonestListed?: boolean;
  prohibitedProducts?: boolean;
  majorIncidentLast3Years?: boolean;
};

export type Facts = {
  financials?: FinancialYear[];
  sector?: Sector;
  nicheMarketSince?: string;
  ip?: IpCounts;
  strategicEmergingIndustry?: boolean;
  productField?: ProductField;
  awards?: { level: AwardLevel; year: number; rank: number }[];
  titles?: Title[];
  rdInstitution?: RdInstitutionLevel | null;
  equityFinancing?: { date: string; amount: number }[];
  makerInChina?: { year: number; rank: number }[];
  digitalLevel?: 1 | 2 | 3 | 4;
  quality?: {
    award?: boolean;
    qualitySystemCertified?: boolean;
    ownBrand?: boolean;
    standardDrafting?: boolean;
  };
  localFeaturePoints?: number;
  nationalMarketShare?: number;
  nationalMarketRank?: number | null;
  internationalMarketShare?: number;
  nicheMarketLeading?: boolean;
  developmentScores?: { year: number; score: number }[];
  reReview?: boolean;
  chainSupport?: boolean;
  keyProductField?: boolean;
  eligibility?: EligibilityFlags;
};
