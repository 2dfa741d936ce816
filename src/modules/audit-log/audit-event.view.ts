import type { ActorRef } from '../../domain/access/roles';

export type { AuditEntry } from '../../domain/audit/audit-entry';

/** The API shape of an audit event (docs/api-guide.md, "The audit log"). */
export type AuditEventView = {
  seq: number;
  at: string;
  actor: ActorRef;
  subject: { type: string; id: string };
  enterpriseId: string | null;
  regionCode: string | null;
  event: string;
  fromState: string | null;
  toState: string | null;
  comment: string | null;
  data: unknown;
  requestId: string | null;
  prevHash: string;
  hash: string;
};
