import type { ActorRef } from '../access/roles';
import type { Msg } from '../i18n/message';

export const APPLICATION_EVENT_TYPES = [
  'submit',
  'withdraw',
  'resubmit',
  'review.start',
  'review.return',
  'review.reject',
  'review.recommend',
  'expert.review.record',
  'inspection.schedule',
  'inspection.record',
  'inspection.report',
  'notice.publish',
  'objection.file',
  'objection.uphold',
  'objection.dismiss',
  'deadline.expired',
  'deadline.reschedule',
  'facts.confirm',
  'eligibility.lapse',
] as const;

export type ApplicationEventType = (typeof APPLICATION_EVENT_TYPES)[number];

export const isApplicationEventType = (value: unknown): value is ApplicationEventType =>
  typeof value === 'string' && (APPLICATION_EVENT_TYPES as readonly string[]).includes(value);

/**
 * Every event carries its time, its actor and its request id: the machines read no clock.
 * `dueAt` is set by the command pipeline for events that open a deadline (see DEADLINE_EVENTS).
 */
export type ApplicationEvent = {
  type: ApplicationEventType;
  at: string;
  actor: ActorRef;
  requestId?: string;
  comment?: string;
  /** A person's words, or (system events such as eligibility.lapse) language-neutral messages. */
  reasons?: (string | Msg)[];
  data?: Record<string, unknown>;
  dueAt?: string;
  /** deadline.expired / deadline.reschedule: the timer concerned. */
  timerId?: string;
};

/** Events that open a deadline, and which one: the pipeline computes `dueAt` for them. */
export const DEADLINE_EVENTS = {
  'review.return': 'return',
  'notice.publish': 'notice',
} as const satisfies Partial<Record<ApplicationEventType, DeadlinePurpose>>;

export type DeadlinePurpose = 'return' | 'notice';

export const deadlinePurposeOf = (type: ApplicationEventType): DeadlinePurpose | undefined =>
  (DEADLINE_EVENTS as Partial<Record<ApplicationEventType, DeadlinePurpose>>)[type];

/** Events whose payload must carry at least one reason (a return or a rejection is explained). */
export const EVENTS_REQUIRING_REASONS: readonly ApplicationEventType[] = [
  'review.return',
  'review.reject',
  'objection.uphold',
];

/** Audit names are past tense: `submit` is recorded as `application.submitted`. */
export const AUDIT_ACTION_OF: Record<ApplicationEventType, string> = {
  submit: 'application.submitted',
  withdraw: 'application.withdrawn',
  resubmit: 'application.resubmitted',
  'review.start': 'application.review.started',
  'review.return': 'application.returned',
  'review.reject': 'application.rejected',
  'review.recommend': 'application.recommended',
  'expert.review.record': 'application.expert.review.recorded',
  'inspection.schedule': 'application.inspection.scheduled',
  'inspection.record': 'application.inspection.recorded',
  'inspection.report': 'application.inspection.reported',
  'notice.publish': 'application.notice.published',
  'objection.file': 'application.objection.filed',
  'objection.uphold': 'application.objection.upheld',
  'objection.dismiss': 'application.objection.dismissed',
  'deadline.expired': 'application.deadline.expired',
  'deadline.reschedule': 'application.deadline.rescheduled',
  'facts.confirm': 'application.facts.confirmed',
  'eligibility.lapse': 'application.eligibility.lapsed',
};
