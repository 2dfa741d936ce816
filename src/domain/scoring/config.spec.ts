import { DomainError } from '../errors';
import { defaultScoringConfig, provinceOf, resolveScoringConfig, ruleSetForDate } from './config';
import { validateScoringConfig } from './config-validation';

describe('scoring configuration', () => {
  it.each(['v2022', 'v2026'] as const)(
    'the %s defaults are the spec defaults and validate',
    (ruleSet) => {
      const config = defaultScoringConfig(ruleSet);
      expect(config).toMatchObject({
        bandTieBreak: 'best-first',
        twoYearGrowth: 'arithmetic-mean',
        sizeTestReading: 'every-ceiling',
        v2026EffectiveFrom: '2026-04-01',
        requireInnovativeTitleForSpecialized: true,
        innovative: {
          passMark: 60,
          dimensionMinimums: { innovation: 20, growth: 15, specialization: 15 },
        },
        specialized: { passMark: 60, localFeatureMax: 15 },
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
      expect(validateScoringConfig(config)).toEqual({ ok: true, config });
    },
  );

  it('national overrides apply, then the province that contains the region', () => {
    const config = resolveScoringConfig('v2022', '130102', {
      bandTieBreak: 'literal',
      specialized: { passMark: 62 },
      provinces: {
        '130000': {
          requireInnovativeTitleForSpecialized: false,
          specialized: { localFeatureMax: 10 },
        },
        '440000': { specialized: { passMark: 70 } },
      },
    });
    expect(config.bandTieBreak).toBe('literal');
    expect(config.specialized).toEqual({
      passMark: 62,
      localFeatureMax: 10,
      dimensionMinimums: { specialization: 0, refinement: 0, distinctiveness: 0, innovation: 0 },
    });
    expect(config.requireInnovativeTitleForSpecialized).toBe(false);
    expect(
      resolveScoringConfig('v2022', '440300', { provinces: config.provinces }).specialized.passMark,
    ).toBe(70);
    expect(
      resolveScoringConfig('v2022', undefined, { provinces: config.provinces }).specialized
        .passMark,
    ).toBe(60);
  });

  it('under v2026 the innovative-title prerequisite stays on whatever a province says', () => {
    const config = resolveScoringConfig('v2026', '130000', {
      provinces: { '130000': { requireInnovativeTitleForSpecialized: false } },
    });
    expect(config.requireInnovativeTitleForSpecialized).toBe(true);
  });

  it('resolving does not change the defaults', () => {
    resolveScoringConfig('v2022', '130000', {
      provinces: { '130000': { specialized: { passMark: 1 } } },
    });
    expect(defaultScoringConfig('v2022').specialized.passMark).toBe(60);
  });

  it.each([
    ['130102', '130000'],
    ['440300', '440000'],
    ['110000', '110000'],
    ['x', 'x'],
  ])('region %s belongs to province %s', (region, province) => {
    expect(provinceOf(region)).toBe(province);
  });

  it.each([
    ['2026-03-31', 'v2022'],
    ['2026-04-01', 'v2026'],
    ['2027-01-01', 'v2026'],
  ] as const)('ruleSetForDate(%s) = %s', (date, ruleSet) => {
    expect(ruleSetForDate(date)).toBe(ruleSet);
  });

  it('ruleSetForDate follows a configured effective date and refuses bad dates', () => {
    expect(ruleSetForDate('2026-04-01', { v2026EffectiveFrom: '2026-07-01' })).toBe('v2022');
    expect(() => ruleSetForDate('2026-02-30')).toThrow(DomainError);
  });

  it('validation lists every problem', () => {
    const config = defaultScoringConfig('v2022');
    const result = validateScoringConfig({
      ...config,
      bandTieBreak: 'worst',
      extra: 1,
      innovative: { ...config.innovative, passMark: 120, directTitles: ['nobel'] },
      specialized: { ...config.specialized, localFeatureMax: 16 },
      littleGiant: { ...config.littleGiant, exactly50MTier: 'middle' },
      v2026: { ...config.v2026, chainOrField: undefined },
      provinces: { '130102': { specialized: { passMark: 'high' } }, '440000': { nope: true } },
    });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors).toEqual([
      'config.extra is not a known setting',
      "config.bandTieBreak must be one of 'best-first', 'literal'",
      'config.innovative.passMark must be a number from 0 to 100',
      'config.innovative.directTitles must be a list of high_tech_enterprise, tech_innovation_demonstration, ip_advantage, ip_demonstration',
      'config.specialized.localFeatureMax must be a number from 0 to 15',
      "config.littleGiant.exactly50MTier must be one of '50m-to-100m', 'below-50m'",
      "config.v2026.chainOrField must be one of 'either', 'both'",
      'config.provinces.130102: the key must be a province code such as 130000',
      'config.provinces.130102.specialized.passMark must be a number from 0 to 100',
      'config.provinces.440000.nope is not a known setting',
    ]);
  });

  it.each([null, 3, 'config', []])('validation refuses %j', (value) => {
    expect(validateScoringConfig(value)).toEqual({
      ok: false,
      errors: ['config must be an object'],
    });
  });

  it('validation refuses a missing section and minimums above the dimension maximum', () => {
    const { littleGiant: _lg, ...rest } = defaultScoringConfig('v2022');
    const result = validateScoringConfig({
      ...rest,
      innovative: {
        ...rest.innovative,
        dimensionMinimums: { innovation: 41, growth: 15, specialization: 15 },
      },
    });
    expect(!result.ok && result.errors).toEqual([
      'config.littleGiant is required',
      'config.innovative.dimensionMinimums.innovation must be a number from 0 to 40',
    ]);
  });
});
