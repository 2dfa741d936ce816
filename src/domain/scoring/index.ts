// Domain rules §0 and §10: the versioned rule engine. assess() is pure: no clock, no I/O; it never throws.
import type { Facts } from '../certification/facts';
import { msg, type Msg } from '../i18n/message';
import { isTier, type Tier } from '../certification/tier';
import { RULE_SETS, type Assessment, type RuleSetId } from './assessment';
import type { RuleContext, TierOutcome } from './common/context';
import { parseIsoDate, periodsOf } from './common/periods';
import { defaultScoringConfig, type ScoringConfig } from './config';
import { assessInnovativeSme } from './v2022/innovative-sme';
import { assessLittleGiant } from './v2022/little-giant';
import { assessSpecializedSme } from './v2022/specialized-sme';
import { assessLittleGiant2026 } from './v2026/little-giant';
import { assessSpecializedSme2026 } from './v2026/specialized-sme';

export type {
  Assessment,
  ConditionResult,
  DimensionResult,
  IndicatorResult,
  RuleSetId,
} from './assessment';
export { RULE_SETS } from './assessment';
export {
  BAND_TIE_BREAKS,
  CHAIN_OR_FIELD_READINGS,
  GROWTH_REVENUE_BASES,
  LG_EXACTLY_50M_TIERS,
  LG_IP_COUNT_BASES,
  LG_SMALL_FIRM_RD_BASES,
  SIZE_TEST_READINGS,
  TWO_YEAR_GROWTH_METHODS,
  defaultScoringConfig,
  provinceOf,
  resolveScoringConfig,
  ruleSetForDate,
} from './config';
export type {
  BandTieBreak,
  DeepPartial,
  InnovativeConfig,
  LittleGiantConfig,
  ProvinceOverride,
  ScoringConfig,
  SizeTestReading,
  SpecializedConfig,
  TwoYearGrowthMethod,
  V2026Config,
} from './config';
export { validateScoringConfig } from './config-validation';

export type AssessInput = {
  tier: Tier;
  ruleSet: RuleSetId;
  /** YYYY-MM-DD: fixes P = asOf year − 1 and the look-back windows. */
  asOf: string;
  facts: Facts;
  config?: ScoringConfig;
};

const EVALUATORS: Record<RuleSetId, Record<Tier, (ctx: RuleContext) => TierOutcome>> = {
  v2022: {
    innovative_sme: assessInnovativeSme,
    specialized_sme: assessSpecializedSme,
    little_giant: assessLittleGiant,
  },
  // §9: tier 1 keeps v2022 Annex 1 until a merged standard appears.
  v2026: {
    innovative_sme: assessInnovativeSme,
    specialized_sme: assessSpecializedSme2026,
    little_giant: assessLittleGiant2026,
  },
};

const refused = (input: AssessInput, key: string, detail: Msg): Assessment => ({
  tier: input.tier,
  ruleSet: input.ruleSet,
  asOf: input.asOf,
  eligible: false,
  route: null,
  score: null,
  passMark: null,
  dimensions: [],
  directQualifications: [],
  requirements: [{ key, met: false, detail }],
  reasons: [detail],
});

const isRuleSet = (value: unknown): value is RuleSetId =>
  typeof value === 'string' && (RULE_SETS as readonly string[]).includes(value);

export const assess = (input: AssessInput): Assessment => {
  if (!isRuleSet(input.ruleSet))
    return refused(input, 'ruleSet', msg('input.ruleSetUnknown', { value: String(input.ruleSet) }));
  if (!isTier(input.tier))
    return refused(input, 'tier', msg('input.tierUnknown', { value: String(input.tier) }));
  const asOf = parseIsoDate(input.asOf);
  if (!asOf) return refused(input, 'asOf', msg('input.asOfInvalid', { value: String(input.asOf) }));
  const facts: Facts = typeof input.facts === 'object' && input.facts !== null ? input.facts : {};
  const config = input.config ?? defaultScoringConfig(input.ruleSet);
  const outcome = EVALUATORS[input.ruleSet][input.tier]({
    facts,
    periods: periodsOf(asOf),
    config,
  });
  // §10: route is how an eligible enterprise qualifies, so none for an ineligible one ("score not
  // considered"); the tier's own reasons still say which routes held.
  return {
    tier: input.tier,
    ruleSet: input.ruleSet,
    asOf: input.asOf,
    ...outcome,
    route: outcome.eligible ? outcome.route : null,
  };
};
