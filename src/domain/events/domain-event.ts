// The domain events the outbox carries: one per audited transition (plus a few named outcomes),
// built from the transition as the pipeline committed it. Pure: ids and times are passed in.
import type { AuditEntry } from '../audit/audit-entry';
import type { Effect } from '../certification/decision';
import type { Tier } from '../certification/tier';

/** A deadline a transition opened: its purpose, the event it sends and when it falls due. */
export type OpenedDeadline = { purpose: string; event: string; dueAt: string };

/** What webhooks, the broker and the inbox receive (the webhook body, API.md Wave 2). */
export type DomainEvent = {
  id: string;
  /** `<subject>.<event>`: `application.review.return`, `certificate.revoke`, `application.certified`… */
  type: string;
  occurredAt: string;
  /** The seq of the audit event of the transition (derived events share it). */
  seq: number;
  subject: { kind: string; id: string };
  tier?: Tier;
  regionCode: string | null;
  enterpriseId: string | null;
  from?: string;
  to?: string;
  actorRole: string;
  deadlines: OpenedDeadline[];
  data: Record<string, unknown>;
};

export type TransitionFacts = {
  audit: AuditEntry;
  seq: number;
  tier?: Tier;
  effects: readonly Effect[];
};

/** `<subject>.<event>`, without doubling a subject the event already names (`certificate.issue`). */
export const eventTypeOf = (subject: string, event: string): string =>
  event.startsWith(`${subject}.`) ? event : `${subject}.${event}`;

const openedDeadlines = (effects: readonly Effect[]): OpenedDeadline[] =>
  effects.flatMap((e) =>
    e.type === 'scheduleDeadline' || e.type === 'rescheduleDeadline'
      ? [
          {
            purpose: e.purpose,
            event:
              e.type === 'scheduleDeadline' ? (e.event ?? 'deadline.expired') : 'deadline.expired',
            dueAt: e.dueAt,
          },
        ]
      : [],
  );

/**
 * The audit data an event carries, without the enterprise's figures (`facts`; their hash stays)
 * and without the assessment's explanations (indicator by indicator): only its outcome. The audit
 * log keeps the whole of it; integrators read the rest through the API, within their rights.
 */
const eventData = (data: Record<string, unknown> | null | undefined): Record<string, unknown> => {
  if (!data) return {};
  const { assessment, facts: _facts, ...rest } = data;
  if (!assessment || typeof assessment !== 'object') return rest;
  const { tier, ruleSet, eligible, route, score, passMark } = assessment as Record<string, unknown>;
  return { ...rest, assessment: { tier, ruleSet, eligible, route, score, passMark } };
};

/**
 * The events one committed transition publishes, in order: the transition itself, then the named
 * outcomes integrators ask for (`application.certified` when an application reaches `certified`,
 * `certificate.issued` when a certificate is issued). `ids` supplies one id per event.
 */
export const domainEventsOf = (facts: TransitionFacts, ids: () => string): DomainEvent[] => {
  const { audit } = facts;
  const base = {
    occurredAt: audit.at,
    seq: facts.seq,
    subject: { kind: audit.subject.type, id: audit.subject.id },
    ...(facts.tier ? { tier: facts.tier } : {}),
    regionCode: audit.regionCode ?? null,
    enterpriseId: audit.enterpriseId ?? null,
    ...(audit.fromState ? { from: audit.fromState } : {}),
    ...(audit.toState ? { to: audit.toState } : {}),
    actorRole: audit.actor.role,
    deadlines: openedDeadlines(facts.effects),
    data: eventData(audit.data),
  };
  const primary = eventTypeOf(audit.subject.type, audit.event);
  const types = [primary];
  if (
    audit.subject.type === 'application' &&
    audit.toState === 'certified' &&
    audit.fromState !== 'certified'
  ) {
    types.push('application.certified');
  }
  if (primary === 'certificate.issue') types.push('certificate.issued');
  return types.map((type) => ({ id: ids(), type, ...base }));
};

/** A subscription's filter (API.md Wave 2: events, tiers, regionCode). */
export type EventFilter = {
  events: readonly string[];
  tiers?: readonly Tier[] | null;
  regionPrefix?: string | null;
};

/** An exact type, or a prefix ending in `*` (`application.*`, `*`). */
export const typeMatches = (pattern: string, type: string): boolean =>
  pattern.endsWith('*') ? type.startsWith(pattern.slice(0, -1)) : pattern === type;

/**
 * Whether a subscription receives an event. A tier filter admits only events that carry one of
 * its tiers; a region filter only events inside the region (by code prefix).
 */
export const filterAdmits = (filter: EventFilter, event: DomainEvent): boolean => {
  if (!filter.events.some((p) => typeMatches(p, event.type))) return false;
  if (filter.tiers && filter.tiers.length > 0) {
    if (!event.tier || !filter.tiers.includes(event.tier)) return false;
  }
  if (filter.regionPrefix) {
    if (!event.regionCode || !event.regionCode.startsWith(filter.regionPrefix)) return false;
  }
  return true;
};

/**
 * The wait before attempt `attempt + 1` after `attempt` failed: base × 2^(attempt−1), with "full
 * jitter" on the upper half (a random in [0, 1) passed in), capped at one day.
 */
export const retryDelayMs = (attempt: number, baseMs: number, random: number): number => {
  const ceiling = Math.min(baseMs * 2 ** Math.max(0, attempt - 1), 86_400_000);
  return Math.round(ceiling / 2 + (ceiling / 2) * random);
};
