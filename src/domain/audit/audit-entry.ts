import type { ActorRef } from '../access/roles';

/** The subjects the audit log records events of. */
export type AuditSubjectType =
  | 'application'
  | 'user'
  | 'enterprise'
  | 'timer'
  | 'certificate'
  | 'call'
  | 'system'
  | 'target'
  | 'cluster';

/** One event for the audit log, as a decision states it; seq, link and hash are added on append. */
export type AuditEntry = {
  at: string;
  actor: ActorRef;
  subject: { type: AuditSubjectType; id: string };
  enterpriseId?: string | null;
  regionCode?: string | null;
  event: string;
  fromState?: string | null;
  toState?: string | null;
  comment?: string | null;
  data?: Record<string, unknown> | null;
  requestId?: string | null;
};
