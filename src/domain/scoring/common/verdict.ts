// Domain rules §10 (route, score always computed): judging a scorecard and wording the verdict.
import { msg, type Msg } from '../../i18n/message';
import type { ConditionResult, DimensionResult } from '../assessment';
import { unmetDetails } from './results';

export type ScoreVerdict = {
  readonly total: number;
  readonly max: number;
  readonly passes: boolean;
  /** Why the score route fails: the total and each dimension below its minimum. */
  readonly shortfalls: Msg[];
  /** The indicators that lost points, where that explains a shortfall. */
  readonly notes: Msg[];
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
    ...(totalShort ? [msg('score.belowPassMark', { total, max, passMark })] : []),
    ...short.map((d) =>
      msg('score.dimensionShort', {
        dimension: msg(`dimension.${d.key}`),
        score: d.score,
        max: d.max,
        min: d.min ?? 0,
      }),
    ),
  ];
  const explained = totalShort ? dimensions : short;
  const notes = explained.flatMap((d) =>
    d.indicators.flatMap((i) => (i.points < i.max && i.detail ? [i.detail] : [])),
  );
  return { total, max, passes: shortfalls.length === 0, shortfalls, notes };
};

export const directSummary = (direct: readonly ConditionResult[]): Msg => {
  const met = direct.filter((c) => c.met);
  return msg('summary.direct', {
    keys: met.map((c) => c.key).join(', '),
    detail: met[0]?.detail ?? '',
  });
};

export const scoreSummary = (verdict: ScoreVerdict, passMark: number): Msg =>
  msg(verdict.shortfalls.length === 0 ? 'summary.score.allMinimums' : 'summary.score', {
    total: verdict.total,
    max: verdict.max,
    passMark,
  });

/** Reasons for a scorecard tier: a one-line summary when eligible, else every cause of the failure. */
export const scoredReasons = (input: {
  readonly eligible: boolean;
  readonly route: 'direct' | 'score' | null;
  readonly requirements: readonly ConditionResult[];
  readonly direct: readonly ConditionResult[];
  readonly verdict: ScoreVerdict;
  readonly passMark: number;
  /** Said when neither route holds, unless a requirement already says it. */
  readonly noRoute?: Msg;
}): Msg[] => {
  const { eligible, route, requirements, direct, verdict, passMark, noRoute } = input;
  if (eligible)
    return [route === 'direct' ? directSummary(direct) : scoreSummary(verdict, passMark)];
  const failures = unmetDetails(requirements);
  if (route !== null) return failures;
  return [...failures, ...(noRoute ? [noRoute] : []), ...verdict.shortfalls, ...verdict.notes];
};
