// Operators reschedule a pending deadline (audited with the old and the new date). Application
// deadlines live in the machine's context too, so they move through the application's own
// pipeline as deadline.reschedule; a certificate expires with its validity, never by hand.
import { toActorRef, type Actor } from '../access/roles';
import { DomainError } from '../errors';
import type { RescheduleTimer } from './commands';
import type { Decision } from './decision';
import type { TimerRecord } from './records';

/** How much later than its current date an operator may move a deadline. */
export const MAX_DEADLINE_EXTENSION_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Operators manage timers, never decisions (security review M11): a deadline moves only later, by
 * at most MAX_DEADLINE_EXTENSION_DAYS, never into the past. Shortening a statutory notice, or
 * bringing an annual update forward so that a re-review right is forfeited, is a decision of the
 * competent authority, not a timer operation.
 */
export const rescheduleRefusal = (current: string, next: string, at: string): string | null => {
  if (next <= at) return 'A deadline cannot be moved into the past.';
  if (next < current) {
    return 'A deadline may only be moved later: shortening it is the competent authority’s decision, not an operator’s.';
  }
  if (Date.parse(next) - Date.parse(current) > MAX_DEADLINE_EXTENSION_DAYS * DAY_MS) {
    return `A deadline may be moved at most ${MAX_DEADLINE_EXTENSION_DAYS} days later.`;
  }
  return null;
};

/** Timers are operated by admins (and fired by the scheduler). */
export const mayOperateTimers = (actor: Actor): boolean =>
  actor.kind === 'system' || (actor.kind === 'user' && actor.role === 'admin');

export const decideRescheduleTimer = (input: {
  record: TimerRecord;
  command: RescheduleTimer;
  /** For a certificate's timer: its enterprise and region, recorded with the change. */
  owner: { enterpriseId: string; regionCode: string } | undefined;
  at: string;
}): Decision<TimerRecord> => {
  const { record, command, owner, at } = input;
  if (!mayOperateTimers(command.actor)) {
    throw new DomainError('FORBIDDEN', `The ${command.actor.role} role may not move timers`);
  }
  if (record.status !== 'pending') {
    throw new DomainError(
      'INVALID_TRANSITION',
      `timer ${record.id} is ${record.status}, not pending`,
    );
  }
  const bounds = rescheduleRefusal(record.dueAt, command.dueAt, at);
  if (bounds) throw new DomainError('RULE_NOT_MET', bounds, { reasons: [bounds] });
  const change = {
    timerId: record.id,
    purpose: record.purpose,
    oldDueAt: record.dueAt,
    newDueAt: command.dueAt,
  };
  if (record.subjectType === 'application') {
    return {
      write: null,
      effects: [],
      audit: null,
      followUps: [
        {
          actor: command.actor,
          requestId: command.requestId,
          subject: 'application',
          kind: 'event',
          id: record.subjectId,
          type: 'deadline.reschedule',
          dueAt: command.dueAt,
          data: change,
        },
      ],
    };
  }
  if (record.subjectType === 'certificate' && record.purpose === 'expiry') {
    throw new DomainError('RULE_NOT_MET', 'A certificate expires with its validity', {
      reasons: [
        'The expiry of a title follows its validity; it changes by re-review or revocation.',
      ],
    });
  }
  return {
    write: { update: { dueAt: command.dueAt } },
    effects: [],
    audit: {
      at,
      actor: toActorRef(command.actor),
      subject: { type: record.subjectType, id: record.subjectId },
      enterpriseId: owner?.enterpriseId ?? null,
      regionCode: owner?.regionCode ?? null,
      event: 'timer.reschedule',
      data: { action: 'timer.rescheduled', ...change },
      requestId: command.requestId,
    },
    followUps: [],
  };
};
