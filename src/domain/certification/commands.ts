// Commands: every state change of every subject, as data. The command pipeline runs each one
// (load → access → decide → versioned write → effects → audit → follow-ups) in one transaction; a
// decision may ask for follow-up commands, which run through the same pipeline in that transaction.
import type { Actor } from '../access/roles';
import type { ApplicationEventType } from './application.events';
import type { CertificateEventType, RevocationGround } from './certificate.machine';
import type { AnnualReport, Facts } from './facts';
import type { Tier } from './tier';
import type { Msg } from '../i18n/message';

type Envelope = {
  actor: Actor;
  requestId: string | null;
  /** From If-Match: the version the caller last saw (412 when it moved on). */
  expectedVersion?: number;
  /** Set by the scheduler: the timer this command fires, marked fired in the same transaction. */
  timerId?: string;
};

/** A real-name objection filed during a public notice (§5.3 step 4). */
export type ObjectionInput = {
  id: string;
  name: string;
  contact: string;
  reason: string;
  evidence?: string;
};

export type CreateApplication = Envelope & {
  subject: 'application';
  kind: 'create';
  /** The new application's id, chosen by the caller (UUIDv7). */
  id: string;
  enterpriseId: string;
  tier: Tier;
  facts: Facts;
  callId?: string;
};

/** §5.5: the re-review of a certificate, on new figures; the draft is submitted at once. */
export type CreateReReview = Envelope & {
  subject: 'application';
  kind: 'createReReview';
  id: string;
  certificateId: string;
  facts: Facts;
};

export type UpdateApplicationFacts = Envelope & {
  subject: 'application';
  kind: 'updateFacts';
  id: string;
  facts: Facts;
};

export type SendApplicationEvent = Envelope & {
  subject: 'application';
  kind: 'event';
  id: string;
  type: ApplicationEventType;
  comment?: string;
  /** A person's words, or (system commands) language-neutral messages. */
  reasons?: (string | Msg)[];
  data?: Record<string, unknown>;
  /** deadline.reschedule: the new due date. */
  dueAt?: string;
  /** objection.file: the objection, stored with the transition. */
  objection?: ObjectionInput;
  /**
   * eligibility.lapse sent because the certificate under re-review was itself revoked: the
   * application ends without a re-review outcome for that certificate.
   */
  settlesCertificate?: false;
};

export type IssueCertificate = Envelope & {
  subject: 'certificate';
  kind: 'issue';
  id: string;
  applicationId: string;
  enterpriseId: string;
  regionCode: string;
  tier: Tier;
};

export type SendCertificateEvent = Envelope & {
  subject: 'certificate';
  kind: 'event';
  id: string;
  type: CertificateEventType;
  comment?: string;
  reasons?: string[];
  data?: Record<string, unknown>;
  /** annualUpdate.*: the data year (default: the one due). */
  year?: number;
  /** revoke: the ground (§5.6). */
  ground?: RevocationGround;
  /** reReview.*: the re-review application. */
  applicationId?: string;
  /** A revocation that follows from another one (the fraud cascade): it cascades no further. */
  cascadeOf?: string;
  /** annualUpdate.submit: the figures of the data year (security review M1). */
  report?: AnnualReport;
};

export type RescheduleTimer = Envelope & {
  subject: 'timer';
  kind: 'reschedule';
  id: string;
  dueAt: string;
};

/** A call opens (its timer fires): the titles expiring in its year become due for re-review. */
export type OpenCall = Envelope & { subject: 'call'; kind: 'open'; id: string };

/** A region's target of new titles for a year and tier is set (or changed). */
export type SetTarget = Envelope & {
  subject: 'target';
  kind: 'set';
  id: string;
  year: number;
  tier: Tier;
  regionCode: string;
  count: number;
};

/** An industrial cluster is set up. */
export type CreateCluster = Envelope & {
  subject: 'cluster';
  kind: 'create';
  id: string;
  name: string;
  regionCode: string;
  industry?: string;
};

/** An enterprise joins a cluster (or its leader flag changes) by a reviewer's decision. */
export type JoinCluster = Envelope & {
  subject: 'clusterMember';
  kind: 'join';
  id: string;
  clusterId: string;
  enterpriseId: string;
  leader: boolean;
};

/** Moves an application to another version of its machine, by the plan between them. */
export type MigrateApplication = Envelope & {
  subject: 'application';
  kind: 'migrate';
  id: string;
  fromVersion: number;
  toVersion: number;
  migrationId: string;
};

export type ApplicationCommand =
  | CreateApplication
  | CreateReReview
  | UpdateApplicationFacts
  | SendApplicationEvent
  | MigrateApplication;
export type CertificateCommand = IssueCertificate | SendCertificateEvent;
export type Command =
  | ApplicationCommand
  | CertificateCommand
  | RescheduleTimer
  | OpenCall
  | SetTarget
  | CreateCluster
  | JoinCluster;
export type CommandSubject = Command['subject'];

/** Commands that bring their subject into being (nothing to load first). */
export const createsSubject = (command: Command): boolean =>
  command.kind === 'create' ||
  command.kind === 'createReReview' ||
  command.kind === 'issue' ||
  // A target is set whether or not one was set before; a membership likewise: their handlers
  // read the current row themselves.
  command.kind === 'set' ||
  command.kind === 'join';
