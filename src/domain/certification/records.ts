// The stored shape of each subject, as the deciders read it (the entities implement these).
import type { Assessment, RuleSetId } from '../scoring/assessment';
import type { ApplicationState, PersistedApplicationSnapshot } from './application.machines';
import type { CertificateState, PersistedCertificateSnapshot } from './certificate.workflow';
import type { FactConfirmations, Facts } from './facts';
import type { Tier } from './tier';

export type ApplicationRecord = {
  id: string;
  enterpriseId: string;
  /** The enterprise's region when the application was made: the reviewers' jurisdiction key. */
  regionCode: string;
  tier: Tier;
  state: ApplicationState;
  /** Optimistic concurrency: every change bumps it; a write with a stale value is refused. */
  version: number;
  ruleSet: RuleSetId;
  machineId: string;
  machineVersion: number;
  snapshot: PersistedApplicationSnapshot;
  facts: Facts;
  /** sha256 of the canonical JSON of `facts`, cited by every decision's audit event. */
  factsHash: string | null;
  assessment: Assessment | null;
  /** What the experts and the authority confirmed of the facts they alone may judge (M10). */
  confirmedFacts: FactConfirmations | null;
  callId: string | null;
  certificateId: string | null;
  /** For a re-review: the certificate it renews. */
  reReviewOf: string | null;
  createdAt: string;
  updatedAt: string;
};

export type CertificateRecord = {
  id: string;
  enterpriseId: string;
  regionCode: string;
  tier: Tier;
  status: CertificateState;
  version: number;
  applicationId: string;
  validFrom: string;
  validTo: string;
  barUntil: string | null;
  machineId: string;
  machineVersion: number;
  snapshot: PersistedCertificateSnapshot;
  createdAt: string;
  updatedAt: string;
};

export type TimerSubjectType = 'application' | 'certificate' | 'call';
export type TimerStatus = 'pending' | 'fired' | 'cancelled' | 'skipped';

export type TimerRecord = {
  id: string;
  subjectType: TimerSubjectType;
  subjectId: string;
  event: string;
  purpose: string;
  dueAt: string;
  status: TimerStatus;
  firedAt: string | null;
  cancelledAt: string | null;
  attempts: number;
  data: Record<string, unknown> | null;
  createdAt: string;
};

export type ObjectionStatus = 'open' | 'upheld' | 'dismissed';

export type ObjectionRecord = {
  id: string;
  applicationId: string;
  name: string;
  /** Personal data: kept for the authority, never logged, not copied into the audit log. */
  contact: string;
  reason: string;
  evidence: string | null;
  status: ObjectionStatus;
  createdAt: string;
  decidedAt: string | null;
};
