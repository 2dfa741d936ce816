import type { ActorRef } from '../../domain/access/roles';

/** What a service hands to the audit log; seq, links and hashes are added on append. */
export type AuditEntry = {
  at: string;
  actor: ActorRef;
  subject: {
    type: 'application' | 'user' | 'enterprise' | 'timer' | 'certificate' | 'call' | 'system';
    id: string;
  };
  enterpriseId?: string | null;
  regionCode?: string | null;
  event: string;
  fromState?: string | null;
  toState?: string | null;
  comment?: string | null;
  data?: Record<string, unknown> | null;
  requestId?: string | null;
};

/** The API shape of an audit event (API.md `AuditEvent`). */
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
