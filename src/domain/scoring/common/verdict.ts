// Domain rules §10 (route, score always computed): judging a scorecard and wording the verdict.
import type { ConditionResult, DimensionResult } from '../assessment';
import { capitalize, unmetDetails } from './results';

export type ScoreVerdict = {
  readonly total: number;
  readonly max: number;
  readonly passes: boolean;
  /** Why the score route fails: the total and each dimension below its minimum. */
  readonly shortfalls: string[];
  /** The indicators that lost points, where that explains a shortfall. */
  readonly notes: string[];
};

export const judgeScore = (
  dimensions: readonly DimensionResult[],
  passMark: number,
): ScoreVerdict => {
  const total = dimensions.reduce((sum, d) => sum + d.score, 0);
  const max = dimensions.reduce((sum, d) => sum + d.max, 0);
  const short = dimensions.filter((d) => d.min !== undefined && d.score < d.min);
  const totalShort = !(total >= passMark);
  const shortfalls = [
    ...(totalShort
      ? [`The total score of ${total} of ${max} is below the pass mark of ${passMark}.`]
      : []),
    ...short.map(
      (d) =>
        `${capitalize(d.key)} scores ${d.score} of ${d.max}; at least ${d.min ?? 0} is needed.`,
    ),
  ];
  const explained = totalShort ? dimensions : short;
  const notes = explained.flatMap((d) =>
    d.indicators.filter((i) => i.points < i.max && i.detail).map((i) => i.detail ?? ''),
  );
  return { total, max, passes: shortfalls.length === 0, shortfalls, notes };
};

export const directSummary = (direct: readonly ConditionResult[]): string => {
  const met = direct.filter((c) => c.met);
  return `Qualifies through direct condition ${met.map((c) => c.key).join(', ')}: ${met[0]?.detail ?? ''}`;
};

export const scoreSummary = (verdict: ScoreVerdict, passMark: number): string =>
  `Qualifies through the score: ${verdict.total} of ${verdict.max} points against a pass mark of ${passMark}${verdict.shortfalls.length === 0 ? ', every dimension at or above its minimum' : ''}.`;

/** Reasons for a scorecard tier: a one-line summary when eligible, else every cause of the failure. */
export const scoredReasons = (input: {
  readonly eligible: boolean;
  readonly route: 'direct' | 'score' | null;
  readonly requirements: readonly ConditionResult[];
  readonly direct: readonly ConditionResult[];
  readonly verdict: ScoreVerdict;
  readonly passMark: number;
  /** Said when neither route holds, unless a requirement already says it. */
  readonly noRoute?: string;
}): string[] => {
  const { eligible, route, requirements, direct, verdict, passMark, noRoute } = input;
  if (eligible)
    return [route === 'direct' ? directSummary(direct) : scoreSummary(verdict, passMark)];
  const failures = unmetDetails(requirements);
  if (route !== null) return failures;
  return [...failures, ...(noRoute ? [noRoute] : []), ...verdict.shortfalls, ...verdict.notes];
};
