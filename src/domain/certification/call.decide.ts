// §5.5: the call of a title's expiry year opens its re-review. When a call's opening timer fires,
// every active title of the call's tier and region expiring that year becomes due.
import { SYSTEM_ACTOR, toActorRef } from '../access/roles';
import { itemsDigest } from './batch';
import type { CallRecord } from './calls';
import type { OpenCall } from './commands';
import type { Decision } from './decision';

export const decideOpenCall = (input: {
  record: CallRecord;
  command: OpenCall;
  /** Active certificates of the call's tier and region expiring in its year. */
  dueCertificateIds: readonly string[];
  /** The id of the round (a batch) that records which certificates the opening attached. */
  roundId: string;
  at: string;
}): Decision<CallRecord> => ({
  write: null,
  // The round is recorded as a batch, followed like any other (GET /batches/{id}): its items are
  // the certificates made due. The follow-ups run in this transaction, so all of them or none.
  effects: [
    {
      type: 'recordRound',
      roundId: input.roundId,
      callId: input.record.id,
      certificateIds: [...input.dueCertificateIds],
    },
  ],
  audit: {
    at: input.at,
    actor: toActorRef(input.command.actor),
    subject: { type: 'call', id: input.record.id },
    regionCode: input.record.regionCode,
    event: 'call.opened',
    data: {
      tier: input.record.tier,
      year: input.record.year,
      roundId: input.roundId,
      count: input.dueCertificateIds.length,
      itemsDigest: itemsDigest(
        input.dueCertificateIds.map((id) => ({ id, ok: true, state: 'reReviewDue' })),
      ),
    },
    requestId: input.command.requestId,
  },
  followUps: input.dueCertificateIds.map((id) => ({
    actor: SYSTEM_ACTOR,
    requestId: input.command.requestId,
    subject: 'certificate' as const,
    kind: 'event' as const,
    id,
    type: 'reReview.open' as const,
    data: { callId: input.record.id },
  })),
});
