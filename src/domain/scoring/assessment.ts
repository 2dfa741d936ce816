// The result of evaluating one enterprise's facts against one tier of one rule set
// (docs/api-guide.md, "Assessments"). Pure data: it is returned by POST /assessments and stored with
// submissions.
import type { Msg } from '../i18n/message';
import type { Tier } from '../certification/tier';

export const RULE_SETS = ['v2022', 'v2026'] as const;
export type RuleSetId = (typeof RULE_SETS)[number];

export type IndicatorResult = {
  key: string;
  /** The derived metric the band was chosen on (a percent, a count, a level), or null if missing. */
  value: number | string | boolean | null;
  points: number;
  max: number;
  /** The band matched ("3–5%"), as a message, or null when the fact is missing. */
  band: Msg | null;
  /** Why the indicator scored what it did, as a message (optional addition to the API shape). */
  detail?: Msg;
};

export type DimensionResult = {
  key: string;
  score: number;
  max: number;
  min?: number;
  indicators: IndicatorResult[];
};

export type ConditionResult = {
  key: string;
  met: boolean;
  detail: Msg;
  /** The sub-tests the condition is made of (optional addition to the API shape). */
  parts?: ConditionResult[];
};

export type Assessment = {
  tier: Tier;
  ruleSet: RuleSetId;
  asOf: string;
  eligible: boolean;
  route: 'direct' | 'score' | null;
  score: number | null;
  passMark: number | null;
  dimensions: DimensionResult[];
  directQualifications: ConditionResult[];
  requirements: ConditionResult[];
  /** Language-neutral messages; the HTTP edge renders them (`reasons`) and keeps them (`reasonCodes`). */
  reasons: Msg[];
};
