import type { ActorRef } from '../access/roles';

/** The subjects the audit log records events of. */
export const AUDIT_SUBJECT_TYPES = [
  'application',
  'user',
  'enterprise',
  'timer',
  'certificate',
  'call',
  'system',
  'target',
  'cluster',
  'batch',
] as const;
export type AuditSubjectType = (typeof AUDIT_SUBJECT_TYPES)[number];

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
