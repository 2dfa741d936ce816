// Domain rules §0–§10 [U] points: hand-written, pure validation of a complete ScoringConfig (e.g. loaded from JSON).
import { TITLES } from '../certification/facts';
import { parseIsoDate } from './common/periods';
import {
  BAND_TIE_BREAKS,
  CHAIN_OR_FIELD_READINGS,
  GROWTH_REVENUE_BASES,
  LG_EXACTLY_50M_TIERS,
  LG_IP_COUNT_BASES,
  LG_SMALL_FIRM_RD_BASES,
  SIZE_TEST_READINGS,
  TWO_YEAR_GROWTH_METHODS,
  type ScoringConfig,
} from './config';

const INNOVATIVE_DIMENSION_MAX = { innovation: 40, growth: 30, specialization: 30 } as const;
const SPECIALIZED_DIMENSION_MAX = {
  specialization: 25,
  refinement: 25,
  distinctiveness: 15,
  innovation: 35,
} as const;

type Errors = string[];
type Obj = Record<string, unknown>;

const isObject = (value: unknown): value is Obj =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The object at `path`, reporting unknown keys and (when `required`) missing ones. */
const object = (
  errors: Errors,
  path: string,
  value: unknown,
  keys: readonly string[],
  required: boolean,
): Obj | null => {
  if (!isObject(value)) {
    // A missing section is reported once, as required, by its parent.
    if (value !== undefined || path === 'config') errors.push(`${path} must be an object`);
    return null;
  }
  for (const key of Object.keys(value))
    if (!keys.includes(key)) errors.push(`${path}.${key} is not a known setting`);
  if (required)
    for (const key of keys) if (!(key in value)) errors.push(`${path}.${key} is required`);
  return value;
};

const number = (errors: Errors, path: string, value: unknown, min: number, max: number): void => {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max)
    errors.push(`${path} must be a number from ${min} to ${max}`);
};

const boolean = (errors: Errors, path: string, value: unknown): void => {
  if (typeof value !== 'boolean') errors.push(`${path} must be true or false`);
};

const oneOf = (errors: Errors, path: string, value: unknown, options: readonly string[]): void => {
  if (typeof value !== 'string' || !options.includes(value))
    errors.push(`${path} must be one of ${options.map((o) => `'${o}'`).join(', ')}`);
};

/** Each key present is checked; with `required`, each must be present. */
const minimums = (
  errors: Errors,
  path: string,
  value: unknown,
  maxima: Readonly<Record<string, number>>,
  required: boolean,
): void => {
  const obj = object(errors, path, value, Object.keys(maxima), required);
  if (!obj) return;
  for (const [key, max] of Object.entries(maxima))
    if (key in obj) number(errors, `${path}.${key}`, obj[key], 0, max);
};

const provinceOverride = (errors: Errors, path: string, value: unknown): void => {
  const obj = object(
    errors,
    path,
    value,
    ['requireInnovativeTitleForSpecialized', 'innovative', 'specialized', 'v2026'],
    false,
  );
  if (!obj) return;
  if ('requireInnovativeTitleForSpecialized' in obj)
    boolean(
      errors,
      `${path}.requireInnovativeTitleForSpecialized`,
      obj.requireInnovativeTitleForSpecialized,
    );
  if ('innovative' in obj) {
    const inn = object(
      errors,
      `${path}.innovative`,
      obj.innovative,
      ['passMark', 'dimensionMinimums'],
      false,
    );
    if (inn && 'passMark' in inn)
      number(errors, `${path}.innovative.passMark`, inn.passMark, 0, 100);
    if (inn && 'dimensionMinimums' in inn)
      minimums(
        errors,
        `${path}.innovative.dimensionMinimums`,
        inn.dimensionMinimums,
        INNOVATIVE_DIMENSION_MAX,
        false,
      );
  }
  if ('specialized' in obj) {
    const spec = object(
      errors,
      `${path}.specialized`,
      obj.specialized,
      ['passMark', 'localFeatureMax', 'dimensionMinimums'],
      false,
    );
    if (spec && 'passMark' in spec)
      number(errors, `${path}.specialized.passMark`, spec.passMark, 0, 100);
    if (spec && 'localFeatureMax' in spec)
      number(errors, `${path}.specialized.localFeatureMax`, spec.localFeatureMax, 0, 15);
    if (spec && 'dimensionMinimums' in spec)
      minimums(
        errors,
        `${path}.specialized.dimensionMinimums`,
        spec.dimensionMinimums,
        SPECIALIZED_DIMENSION_MAX,
        false,
      );
  }
  if ('v2026' in obj) {
    const v = object(errors, `${path}.v2026`, obj.v2026, ['specializedPassMark'], false);
    if (v && 'specializedPassMark' in v)
      number(errors, `${path}.v2026.specializedPassMark`, v.specializedPassMark, 0, 100);
  }
};

export const validateScoringConfig = (
  value: unknown,
): { ok: true; config: ScoringConfig } | { ok: false; errors: string[] } => {
  const errors: Errors = [];
  const root = object(
    errors,
    'config',
    value,
    [
      'bandTieBreak',
      'twoYearGrowth',
      'sizeTestReading',
      'v2026EffectiveFrom',
      'requireInnovativeTitleForSpecialized',
      'innovative',
      'specialized',
      'littleGiant',
      'v2026',
      'provinces',
    ],
    true,
  );
  if (!root) return { ok: false, errors };
  oneOf(errors, 'config.bandTieBreak', root.bandTieBreak, BAND_TIE_BREAKS);
  oneOf(errors, 'config.twoYearGrowth', root.twoYearGrowth, TWO_YEAR_GROWTH_METHODS);
  oneOf(errors, 'config.sizeTestReading', root.sizeTestReading, SIZE_TEST_READINGS);
  if (!parseIsoDate(root.v2026EffectiveFrom))
    errors.push('config.v2026EffectiveFrom must be a YYYY-MM-DD date');
  boolean(
    errors,
    'config.requireInnovativeTitleForSpecialized',
    root.requireInnovativeTitleForSpecialized,
  );

  const inn = object(
    errors,
    'config.innovative',
    root.innovative,
    ['passMark', 'dimensionMinimums', 'directTitles'],
    true,
  );
  if (inn) {
    number(errors, 'config.innovative.passMark', inn.passMark, 0, 100);
    minimums(
      errors,
      'config.innovative.dimensionMinimums',
      inn.dimensionMinimums,
      INNOVATIVE_DIMENSION_MAX,
      true,
    );
    const titles = inn.directTitles;
    if (
      !Array.isArray(titles) ||
      titles.some((t) => typeof t !== 'string' || !(TITLES as readonly string[]).includes(t))
    )
      errors.push(`config.innovative.directTitles must be a list of ${TITLES.join(', ')}`);
  }

  const spec = object(
    errors,
    'config.specialized',
    root.specialized,
    ['passMark', 'dimensionMinimums', 'localFeatureMax'],
    true,
  );
  if (spec) {
    number(errors, 'config.specialized.passMark', spec.passMark, 0, 100);
    number(errors, 'config.specialized.localFeatureMax', spec.localFeatureMax, 0, 15);
    minimums(
      errors,
      'config.specialized.dimensionMinimums',
      spec.dimensionMinimums,
      SPECIALIZED_DIMENSION_MAX,
      true,
    );
  }

  const lg = object(
    errors,
    'config.littleGiant',
    root.littleGiant,
    [
      'smallFirmRdBasis',
      'exactly50MTier',
      'twoYearNicheRelaxation',
      'waiveGrowthTestAtReReview',
      'ipCountBasis',
    ],
    true,
  );
  if (lg) {
    oneOf(
      errors,
      'config.littleGiant.smallFirmRdBasis',
      lg.smallFirmRdBasis,
      LG_SMALL_FIRM_RD_BASES,
    );
    oneOf(errors, 'config.littleGiant.exactly50MTier', lg.exactly50MTier, LG_EXACTLY_50M_TIERS);
    boolean(errors, 'config.littleGiant.twoYearNicheRelaxation', lg.twoYearNicheRelaxation);
    boolean(errors, 'config.littleGiant.waiveGrowthTestAtReReview', lg.waiveGrowthTestAtReReview);
    oneOf(errors, 'config.littleGiant.ipCountBasis', lg.ipCountBasis, LG_IP_COUNT_BASES);
  }

  const v = object(
    errors,
    'config.v2026',
    root.v2026,
    [
      'specializedPassMark',
      'littleGiantPassMark',
      'reReviewUsesBetterScore',
      'chainOrField',
      'littleGiantGrowthRevenue',
      'littleGiantGrowthAtReReview',
    ],
    true,
  );
  if (v) {
    number(errors, 'config.v2026.specializedPassMark', v.specializedPassMark, 0, 100);
    number(errors, 'config.v2026.littleGiantPassMark', v.littleGiantPassMark, 0, 100);
    boolean(errors, 'config.v2026.reReviewUsesBetterScore', v.reReviewUsesBetterScore);
    oneOf(errors, 'config.v2026.chainOrField', v.chainOrField, CHAIN_OR_FIELD_READINGS);
    oneOf(
      errors,
      'config.v2026.littleGiantGrowthRevenue',
      v.littleGiantGrowthRevenue,
      GROWTH_REVENUE_BASES,
    );
    boolean(errors, 'config.v2026.littleGiantGrowthAtReReview', v.littleGiantGrowthAtReReview);
  }

  if (!isObject(root.provinces)) errors.push('config.provinces must be an object');
  else
    for (const [code, override] of Object.entries(root.provinces)) {
      if (!/^\d{2}0000$/.test(code))
        errors.push(`config.provinces.${code}: the key must be a province code such as 130000`);
      provinceOverride(errors, `config.provinces.${code}`, override);
    }

  return errors.length > 0 ? { ok: false, errors } : { ok: true, config: value as ScoringConfig };
};
