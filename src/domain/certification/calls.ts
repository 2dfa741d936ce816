// Calls (domain rules §0: the annual call): the windows in which an authority takes applications for
// one tier, and which one an application attaches to.
import { regionContains } from '../access/region';
import { chinaDateOf } from '../calendar/working-days';
import { DomainError } from '../errors';
import type { RuleSetId } from '../scoring/assessment';
import type { Tier } from './tier';

export type CallRecord = {
  id: string;
  tier: Tier;
  /** A province (or null: national) whose enterprises the call covers. */
  regionCode: string | null;
  year: number;
  opensAt: string;
  closesAt: string;
  ruleSet: RuleSetId | null;
  noticeWorkingDays: number | null;
  createdBy: string;
  createdAt: string;
};

export const callCovers = (call: CallRecord, regionCode: string): boolean =>
  call.regionCode === null || regionContains(call.regionCode, regionCode);

export const isCallOpen = (call: CallRecord, at: string): boolean =>
  call.opensAt <= at && at <= call.closesAt;

/**
 * The call an application for `tier` in `regionCode` attaches to at `at`: the given one, or the
 * open one covering the region (a province's before a national one). Once calls exist for a tier
 * and region, one must be open (422 NO_OPEN_CALL); with none at all, there is no call. A call
 * asked for by id must be the one the region's applications go to: no choosing a call for its
 * rule set (security review L9). `calls` holds every call of the tier.
 */
export const chooseCall = (
  calls: readonly CallRecord[],
  input: { tier: Tier; regionCode: string; at: string; callId?: string; year?: number },
): CallRecord | null => {
  const refuse = (detail: string) => new DomainError('NO_OPEN_CALL', detail, { reasons: [detail] });
  if (input.callId) {
    const call = calls.find((c) => c.id === input.callId);
    if (!call || call.tier !== input.tier || !callCovers(call, input.regionCode)) {
      throw refuse(
        `Call ${input.callId} does not take ${input.tier} applications from this region.`,
      );
    }
    if (!isCallOpen(call, input.at)) {
      throw refuse(`Call ${call.id} is open from ${call.opensAt} to ${call.closesAt}.`);
    }
  }
  const chosen = openCallFor(calls, input);
  if (input.callId && chosen && chosen.id !== input.callId) {
    throw refuse(
      `Applications of this tier from region ${input.regionCode} go to call ${chosen.id}.`,
    );
  }
  return chosen;
};

/** The open call of a tier covering a region that an application attaches to (a province's first). */
const openCallFor = (
  calls: readonly CallRecord[],
  input: { tier: Tier; regionCode: string; at: string; year?: number },
): CallRecord | null => {
  const refuse = (detail: string) => new DomainError('NO_OPEN_CALL', detail, { reasons: [detail] });
  const candidates = calls
    .filter((c) => c.tier === input.tier && callCovers(c, input.regionCode))
    .filter((c) => input.year === undefined || c.year === input.year)
    .sort((a, b) => (a.opensAt < b.opensAt ? -1 : a.opensAt > b.opensAt ? 1 : 0));
  if (candidates.length === 0) return null;
  const open = candidates.filter((c) => isCallOpen(c, input.at));
  const chosen = open.find((c) => c.regionCode !== null) ?? open[0];
  if (!chosen) {
    throw refuse(`No ${input.tier} call covering region ${input.regionCode} is open now.`);
  }
  return chosen;
};

/** A submission (or resubmission) after the call closed is refused with the call's closing time. */
export const callWindowRefusal = (
  type: string,
  callClosesAt: string | null,
  at: string,
): DomainError | null =>
  (type === 'submit' || type === 'resubmit') && callClosesAt !== null && at > callClosesAt
    ? new DomainError('CALL_CLOSED', `The call closed at ${callClosesAt}`, {
        reasons: [`Applications to this call were taken until ${callClosesAt}.`],
      })
    : null;

/** A call's year is the year it opens in (China time): its re-reviews are the titles expiring then. */
export const callYearProblem = (input: { year: number; opensAt: string }): string | null => {
  const opensIn = Number(chinaDateOf(input.opensAt).slice(0, 4));
  return input.year === opensIn ? null : `must be the year the call opens (${opensIn})`;
};
