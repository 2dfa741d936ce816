// §5.5: the call of a title's expiry year opens its re-review. When a call's opening timer fires,
// every active title of the call's tier and region expiring that year becomes due.
import { SYSTEM_ACTOR } from '../access/roles';
import type { CallRecord } from './calls';
import type { OpenCall } from './commands';
import type { Decision } from './decision';

export const decideOpenCall = (input: {
  record: CallRecord;
  command: OpenCall;
  /** Active certificates of the call's tier and region expiring in its year. */
  dueCertificateIds: readonly string[];
}): Decision<CallRecord> => ({
  write: null,
  effects: [],
  audit: null,
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
