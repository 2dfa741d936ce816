// Who may see an application and who may send which event to it. Anything not granted here is
// denied. The machines check state and time; this table checks role, level, region and ownership.
import { admits, applicationScopeOf } from './list-scope';
import type { Actor, Level } from './roles';
import { REVIEWER_LEVELS_OF_STAGE, EXPERT_LEVELS_OF_STAGE, STAGE_OF_STATE } from './stages';
import type { ApplicationEventType } from '../certification/application.events';
import type { ApplicationState } from '../certification/application.machines';

const ENTERPRISE_EVENTS: ReadonlySet<ApplicationEventType> = new Set([
  'submit',
  'resubmit',
  'withdraw',
]);

const REVIEWER_EVENTS: ReadonlySet<ApplicationEventType> = new Set([
  'review.start',
  'review.return',
  'review.reject',
  'review.recommend',
  'inspection.schedule',
  'inspection.record',
  'inspection.report',
  'notice.publish',
  'objection.uphold',
  'objection.dismiss',
  'facts.confirm',
]);

// Experts record their review and confirm the facts the rules reserve to them.
const EXPERT_EVENTS: ReadonlySet<ApplicationEventType> = new Set([
  'expert.review.record',
  'facts.confirm',
]);

// The scheduler's deadlines, and the rejection of an application whose enterprise lost the right to
// a title (a bar, a lapsed prerequisite, a revoked title under re-review).
const SYSTEM_EVENTS: ReadonlySet<ApplicationEventType> = new Set([
  'deadline.expired',
  'eligibility.lapse',
]);

// §7.1: the recommendation to the province is the city authority's.
const EVENT_LEVELS: Partial<Record<ApplicationEventType, readonly Level[]>> = {
  'review.recommend': ['city'],
};

/** What the access rules need to know of an application. */
export type ApplicationScope = {
  enterpriseId: string;
  regionCode: string;
  state: ApplicationState;
};

/** Whether the actor may see this application: the same scope that lists applications. */
export const canViewApplication = (actor: Actor, app: ApplicationScope): boolean =>
  admits(applicationScopeOf(actor), app);

/** Applying, filing a re-review and editing an application's figures are the enterprise's. */
export const isApplicant = (actor: Actor): boolean =>
  actor.kind === 'user' && actor.role === 'enterprise';

/** Whether the actor is a user of this enterprise. */
export const actsFor = (actor: Actor, enterpriseId: string): boolean =>
  actor.kind === 'user' && actor.enterpriseId !== undefined && actor.enterpriseId === enterpriseId;

/**
 * Whether the actor's role and level may send this event to an application in this state.
 * Ownership and jurisdiction are checked by canViewApplication; the machine decides whether the
 * event is possible at all.
 */
export const maySendInState = (
  actor: Actor,
  type: ApplicationEventType,
  state: ApplicationState,
): boolean => {
  const stage = STAGE_OF_STATE[state];
  if (actor.kind === 'system') return SYSTEM_EVENTS.has(type);
  if (actor.kind === 'public') return type === 'objection.file';
  switch (actor.role) {
    case 'enterprise':
      return ENTERPRISE_EVENTS.has(type) && stage !== 'closed';
    case 'reviewer': {
      const level = actor.jurisdiction?.level;
      if (!level || !REVIEWER_EVENTS.has(type)) return false;
      const eventLevels = EVENT_LEVELS[type];
      if (eventLevels && !eventLevels.includes(level)) return false;
      return REVIEWER_LEVELS_OF_STAGE[stage].includes(level);
    }
    case 'admin':
      // Operators manage timers, never decisions.
      return type === 'deadline.reschedule' && stage !== 'closed';
    case 'expert': {
      const level = actor.jurisdiction?.level;
      return EXPERT_EVENTS.has(type) && !!level && EXPERT_LEVELS_OF_STAGE[stage].includes(level);
    }
    default:
      return false;
  }
};

/**
 * Whether the actor may send this event in some state where the machine accepts it at all
 * (403 when not; 409 when it may, but not now).
 */
export const mayEverSend = (
  actor: Actor,
  type: ApplicationEventType,
  transitions: readonly { from: ApplicationState; event: ApplicationEventType }[],
): boolean => transitions.some((t) => t.event === type && maySendInState(actor, type, t.from));

/** Labels of the actors that may send an event in a state, for workflow introspection. */
type ActorPrototype = { label: string; actor: Actor };

export const ACTOR_PROTOTYPES: readonly ActorPrototype[] = [
  { label: 'enterprise', actor: { kind: 'user', id: 'p', role: 'enterprise', enterpriseId: 'p' } },
  ...(['county', 'city', 'province', 'national'] as const).map((level): ActorPrototype => ({
    label: `reviewer:${level}`,
    actor: { kind: 'user', id: 'p', role: 'reviewer', jurisdiction: { level } },
  })),
  ...(['province', 'national'] as const).map((level): ActorPrototype => ({
    label: `expert:${level}`,
    actor: { kind: 'user', id: 'p', role: 'expert', jurisdiction: { level } },
  })),
  { label: 'admin', actor: { kind: 'user', id: 'p', role: 'admin' } },
  { label: 'system', actor: { kind: 'system', id: 'system', role: 'system' } },
  { label: 'public', actor: { kind: 'public', id: 'public', role: 'public' } },
];

export const rolesForTransition = (type: ApplicationEventType, state: ApplicationState): string[] =>
  ACTOR_PROTOTYPES.filter((p) => maySendInState(p.actor, type, state)).map((p) => p.label);
