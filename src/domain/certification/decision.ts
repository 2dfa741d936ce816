// What a decider returns: the write, the effects, the audit event and the follow-up commands. The
// command pipeline carries it out, in this order, in the command's transaction.
import type { AuditEntry } from '../audit/audit-entry';
import type { Command } from './commands';
import type { ObjectionRecord } from './records';
import type { WorkflowEffect } from './workflow';

/** Timer effects of a transition (issuing a certificate is a follow-up command instead). */
export type TimerEffect = Exclude<WorkflowEffect, { type: 'issueCertificate' }>;

export type Effect =
  | TimerEffect
  /** objection.file: the objection is stored with the transition that suspends the notice. */
  | { type: 'fileObjection'; objection: ObjectionRecord }
  /** objection.uphold / objection.dismiss: the open objections get the outcome. */
  | { type: 'decideObjections'; outcome: 'upheld' | 'dismissed' }
  /** A call opened for re-review: the round, recorded as a batch of the certificates made due. */
  | { type: 'recordRound'; roundId: string; callId: string; certificateIds: string[] };

export type Write<R> = { insert: R } | { update: Partial<R> };

export type Decision<R> = {
  /** The row to insert, or the columns to change under the version check; null writes nothing. */
  write: Write<R> | null;
  effects: readonly Effect[];
  audit: AuditEntry | null;
  followUps: readonly Command[];
};

export const timerEffectsOf = (effects: readonly WorkflowEffect[]): TimerEffect[] =>
  effects.filter((e): e is TimerEffect => e.type !== 'issueCertificate');
