// The result of evaluating one enterprise's facts against one tier of one rule set
// (docs/api-guide.md, "Assessments"). Pure data: it is returned by POST /assessments and stored with
// submissions.
import type { Tier } from '../certification/tier';

export const RULE_SETS = ['v2022', 'v2026'] as const;
export type RuleSetId = (typeof RULE_SETS)[number];

export type IndicatorResult = {
  key: string;
  /** The derived metric the band was chosen on (a percent, a count, a level), or null if missing. */
  value: number | string | boolean | null;
  points: number;
  max: number;
  /** The band matched, in words ("3–5%"), or null when the fact is missing. */
  band: string | null;
  /** Why the indicator scored what it did, in words (optional addition to the API shape). */
  detail?: string;
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
  detail: string;
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
  reasons: string[];
};
