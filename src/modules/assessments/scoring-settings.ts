import { readFileSync } from 'node:fs';
import {
  RULE_SETS,
  resolveScoringConfig,
  validateScoringConfig,
  type DeepPartial,
  type RuleSetId,
  type ScoringConfig,
} from '../../domain/scoring';

export const SCORING_SETTINGS = Symbol('SCORING_SETTINGS');

/**
 * The scoring configuration file (SCORING_CONFIG_FILE): a partial ScoringConfig applied to every
 * rule set, with optional per-rule-set sections. Provincial overrides sit under `provinces`.
 *
 *   { "bandTieBreak": "best-first",
 *     "provinces": { "130000": { "specialized": { "passMark": 65 } } },
 *     "ruleSets": { "v2022": { "twoYearGrowth": "compound" } } }
 */
export type ScoringSettingsFile = DeepPartial<ScoringConfig> & {
  ruleSets?: Partial<Record<RuleSetId, DeepPartial<ScoringConfig>>>;
};

export type ScoringSettings = {
  selection: Pick<ScoringConfig, 'v2026EffectiveFrom'>;
  configFor(ruleSet: RuleSetId, provinceCode?: string): ScoringConfig;
};

const overridesFor = (
  file: ScoringSettingsFile,
  ruleSet: RuleSetId,
): DeepPartial<ScoringConfig> => {
  const { ruleSets, ...common } = file;
  const own = ruleSets?.[ruleSet] ?? {};
  return {
    ...common,
    ...own,
    provinces: { ...common.provinces, ...own.provinces },
  };
};

/** Builds and validates (fail fast, at boot) every rule set's config and every province's. */
export const createScoringSettings = (file: ScoringSettingsFile = {}): ScoringSettings => {
  const errors: string[] = [];
  const overrides = {} as Record<RuleSetId, DeepPartial<ScoringConfig>>;
  for (const ruleSet of RULE_SETS) {
    overrides[ruleSet] = overridesFor(file, ruleSet);
    const national = resolveScoringConfig(ruleSet, undefined, overrides[ruleSet]);
    const checks = [
      national,
      ...Object.keys(national.provinces).map((p) =>
        resolveScoringConfig(ruleSet, p, overrides[ruleSet]),
      ),
    ];
    for (const config of checks) {
      const result = validateScoringConfig(config);
      if (!result.ok) errors.push(...result.errors.map((e) => `${ruleSet}: ${e}`));
    }
  }
  if (errors.length > 0)
    throw new Error(`Invalid scoring configuration:\n  ${[...new Set(errors)].join('\n  ')}`);
  const cache = new Map<string, ScoringConfig>();
  return {
    selection: {
      v2026EffectiveFrom: resolveScoringConfig('v2026', undefined, overrides.v2026)
        .v2026EffectiveFrom,
    },
    configFor: (ruleSet, provinceCode) => {
      const key = `${ruleSet}:${provinceCode ?? ''}`;
      let config = cache.get(key);
      if (!config) {
        config = resolveScoringConfig(ruleSet, provinceCode, overrides[ruleSet]);
        cache.set(key, config);
      }
      return config;
    },
  };
};

export const loadScoringSettings = (path: string | undefined): ScoringSettings => {
  if (!path) return createScoringSettings();
  const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new Error(`SCORING_CONFIG_FILE ${path} must hold a JSON object`);
  }
  return createScoringSettings(parsed);
};
