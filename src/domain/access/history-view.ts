// What the enterprise concerned sees of an application's history (security review M5): objectors'
// identities, expert opinions and the authorities' internal comments stay with the authorities.
// The audit log keeps everything; auditors read it whole.
import type { ActorRef } from './roles';

export type HistoryEvent = {
  actor: ActorRef;
  comment: string | null;
  data: unknown;
};

// What the enterprise reads of an event it did not send itself: the decision, its reasons and
// deadlines, the machine and the figures it was made on.
const SHOWN_DATA_KEYS = new Set([
  'action',
  'machineId',
  'machineVersion',
  'version',
  'factsHash',
  'reasons',
  'dueAt',
]);
// Of the event's own payload: the documents a return asks for.
const SHOWN_PAYLOAD_KEYS = new Set(['requestedDocuments']);

const pick = (value: unknown, keys: ReadonlySet<string>): Record<string, unknown> | undefined => {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const kept = Object.entries(value as Record<string, unknown>).filter(([key]) => keys.has(key));
  return kept.length > 0 ? Object.fromEntries(kept) : undefined;
};

/**
 * An event as the enterprise may read it: its own events unchanged; others without the sender's
 * identity (role and level only), without internal comments and with only the data it must know.
 * A redacted event says so (its hashes then no longer cover what is shown).
 */
export const forEnterprise = <E extends HistoryEvent>(event: E): E & { redacted?: true } => {
  if (event.actor.role === 'enterprise') return event;
  const payload = pick((event.data as { data?: unknown } | null)?.data, SHOWN_PAYLOAD_KEYS);
  const data = { ...pick(event.data, SHOWN_DATA_KEYS), ...(payload ? { data: payload } : {}) };
  const actor: ActorRef = {
    id: event.actor.role,
    role: event.actor.role,
    ...(event.actor.level ? { level: event.actor.level } : {}),
  };
  return { ...event, actor, comment: null, data, redacted: true };
};
