// Domain rules §0–§10: every point marked [U], as configuration with the spec's stated default.
import { TITLES, type Title } from '../certification/facts';
import { DomainError } from '../errors';
import type { RuleSetId } from './assessment';
import { BAND_TIE_BREAKS, type BandTieBreak } from './common/bands';
import { TWO_YEAR_GROWTH_METHODS, type TwoYearGrowthMethod } from './common/metrics';
import { compareDates, parseIsoDate } from './common/periods';
import { SIZE_TEST_READINGS, type SizeTestReading } from './common/size-test';

export { BAND_TIE_BREAKS, TWO_YEAR_GROWTH_METHODS, SIZE_TEST_READINGS };
export type { BandTieBreak, TwoYearGrowthMethod, SizeTestReading };

export const LG_SMALL_FIRM_RD_BASES = ['two-year-total', 'single-year'] as const;
export const LG_EXACTLY_50M_TIERS = ['50m-to-100m', 'below-50m'] as const;
export const LG_IP_COUNT_BASES = ['class-i', 'class-i-applied'] as const;
export const CHAIN_OR_FIELD_READINGS = ['either', 'both'] as const;
export const GROWTH_REVENUE_BASES = ['operating-revenue', 'main-business-revenue'] as const;

export type InnovativeDimensionMinimums = {
  innovation: number;
  growth: number;
  specialization: number;
};

export type SpecializedDimensionMinimums = {
  specialization: number;
  refinement: number;
  distinctiveness: number;
  innovation: number;
};

export type InnovativeConfig = {
  /** §2 route B: total ≥ 60. */
  passMark: number;
  /** §2 route B: innovation ≥ 20, growth ≥ 15, specialization ≥ 15. */
  dimensionMinimums: InnovativeDimensionMinimums;
  /** §2 D2: the list is open ("etc.") [U]; titles that qualify directly. */
  directTitles: Title[];
};

export type SpecializedConfig = {
  /** §3 M4: score ≥ 60. */
  passMark: number;
  /** §3: no national minimum per dimension; provinces may tighten. */
  dimensionMinimums: SpecializedDimensionMinimums;
  /** §3 SN9: the province's local-feature indicator maximum (localFeaturePoints is capped at it). */
  localFeatureMax: number;
};

export type LittleGiantConfig = {
  /** §4 general (a), revenue < 50 M: R&D ≥ 30 M as a 2-year total or in year P alone [U]. */
  smallFirmRdBasis: (typeof LG_SMALL_FIRM_RD_BASES)[number];
  /** §4 general (a): revenue of exactly 50 M sits in both tiers; first match from the top [U]. */
  exactly50MTier: (typeof LG_EXACTLY_50M_TIERS)[number];
  /** §4 specialization: a 2-year niche for gap-filling firms (productField 'gap_filling') [U]. */
  twoYearNicheRelaxation: boolean;
  /** §4 specialization: the growth test waived for re-reviews (an annual-call rule, 2025). */
  waiveGrowthTestAtReReview: boolean;
  /** §4 general (c): count Class I IP by nesting (§10) or only items in use earning revenue. */
  ipCountBasis: (typeof LG_IP_COUNT_BASES)[number];
};

export type V2026Config = {
  /** §9 specialized 8: platform score ≥ 50. */
  specializedPassMark: number;
  /** §9 little giant 10: platform score ≥ 60. */
  littleGiantPassMark: number;
  /** §9: a re-review uses the better of the Y−1 and Y platform scores [U]. */
  reReviewUsesBetterScore: boolean;
  /** §9 little giant 9: six foundations or chain support, either suffices [U]. */
  chainOrField: (typeof CHAIN_OR_FIELD_READINGS)[number];
  /** §9 little giant 4: compound growth of operating revenue [U]. */
  littleGiantGrowthRevenue: (typeof GROWTH_REVENUE_BASES)[number];
  /** §9 little giant 4: not tested at re-review [U]. */
  littleGiantGrowthAtReReview: boolean;
};

/** What a province may change (§3: SN9, the pass mark, the prerequisites). */
export type ProvinceOverride = {
  requireInnovativeTitleForSpecialized?: boolean;
  innovative?: { passMark?: number; dimensionMinimums?: Partial<InnovativeDimensionMinimums> };
  specialized?: {
    passMark?: number;
    localFeatureMax?: number;
    dimensionMinimums?: Partial<SpecializedDimensionMinimums>;
  };
  v2026?: { specializedPassMark?: number };
};

export type ScoringConfig = {
  /** §0: which of two bands a boundary value takes [U]. */
  bandTieBreak: BandTieBreak;
  /** §0: "2-year average growth" as the mean of the annual rates or the compound rate [U]. */
  twoYearGrowth: TwoYearGrowthMethod;
  /** §1/§10: large only when every ceiling is reached [U per sector]. */
  sizeTestReading: SizeTestReading;
  /** §9: v2026 applies from this date (ruleSetForDate). */
  v2026EffectiveFrom: string;
  /** §3: innovative-SME title before specialized SME; per province under v2022 [U], always under v2026. */
  requireInnovativeTitleForSpecialized: boolean;
  innovative: InnovativeConfig;
  specialized: SpecializedConfig;
  littleGiant: LittleGiantConfig;
  v2026: V2026Config;
  /** Province code (GB/T 2260, "130000") → override. */
  provinces: Record<string, ProvinceOverride>;
};

export type DeepPartial<T> = T extends readonly unknown[]
  ? T
  : T extends object
    ? { [K in keyof T]?: DeepPartial<T[K]> }
    : T;

// v2022: on by default, provinces may turn it off [U]. v2026: a national requirement.
const REQUIRE_INNOVATIVE_TITLE: Record<RuleSetId, boolean> = { v2022: true, v2026: true };

export const defaultScoringConfig = (ruleSet: RuleSetId): ScoringConfig => ({
  bandTieBreak: 'best-first',
  twoYearGrowth: 'arithmetic-mean',
  sizeTestReading: 'every-ceiling',
  v2026EffectiveFrom: '2026-04-01',
  requireInnovativeTitleForSpecialized: REQUIRE_INNOVATIVE_TITLE[ruleSet],
  innovative: {
    passMark: 60,
    dimensionMinimums: { innovation: 20, growth: 15, specialization: 15 },
    directTitles: [...TITLES],
  },
  specialized: {
    passMark: 60,
    dimensionMinimums: { specialization: 0, refinement: 0, distinctiveness: 0, innovation: 0 },
    localFeatureMax: 15,
  },
  littleGiant: {
    smallFirmRdBasis: 'two-year-total',
    exactly50MTier: '50m-to-100m',
    twoYearNicheRelaxation: false,
    waiveGrowthTestAtReReview: false,
    ipCountBasis: 'class-i',
  },
  v2026: {
    specializedPassMark: 50,
    littleGiantPassMark: 60,
    reReviewUsesBetterScore: true,
    chainOrField: 'either',
    littleGiantGrowthRevenue: 'operating-revenue',
    littleGiantGrowthAtReReview: false,
  },
  provinces: {},
});

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const mergeDeep = (base: unknown, patch: unknown): unknown => {
  if (patch === undefined) return base;
  if (!isPlainObject(base) || !isPlainObject(patch)) return patch;
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(patch)) merged[key] = mergeDeep(base[key], value);
  return merged;
};

/** The province a region code belongs to: "130102" → "130000". */
export const provinceOf = (regionCode: string): string =>
  /^\d{6}$/.test(regionCode) ? `${regionCode.slice(0, 2)}0000` : regionCode;

/**
 * Defaults of the rule set ← `overrides` (national settings and the province map) ← the entry of the
 * province that contains `regionCode`. Under v2026 the innovative-title prerequisite stays on.
 */
export const resolveScoringConfig = (
  ruleSet: RuleSetId,
  regionCode?: string,
  overrides?: DeepPartial<ScoringConfig>,
): ScoringConfig => {
  const national = mergeDeep(defaultScoringConfig(ruleSet), overrides) as ScoringConfig;
  const province = regionCode ? national.provinces[provinceOf(regionCode)] : undefined;
  const resolved = mergeDeep(national, province) as ScoringConfig;
  return ruleSet === 'v2026'
    ? { ...resolved, requireInnovativeTitleForSpecialized: true }
    : resolved;
};

/** §9: v2026 for dates from `v2026EffectiveFrom` (default 2026-04-01), else v2022. */
export const ruleSetForDate = (
  date: string,
  config: Pick<ScoringConfig, 'v2026EffectiveFrom'> = { v2026EffectiveFrom: '2026-04-01' },
): RuleSetId => {
  const day = parseIsoDate(date);
  const from = parseIsoDate(config.v2026EffectiveFrom);
  if (!day) throw new DomainError('VALIDATION_FAILED', `not a YYYY-MM-DD date: ${date}`);
  if (!from)
    throw new DomainError(
      'VALIDATION_FAILED',
      `v2026EffectiveFrom is not a YYYY-MM-DD date: ${config.v2026EffectiveFrom}`,
    );
  return compareDates(day, from) >= 0 ? 'v2026' : 'v2022';
};
