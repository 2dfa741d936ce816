// Operators reschedule a pending deadline (audited with the old and the new date). Application
// deadlines live in the machine's context too, so they move through the application's own
// pipeline as deadline.reschedule; a certificate expires with its validity, never by hand.
import { toActorRef, type Actor } from '../access/roles';
import { DomainError } from '../errors';
import type { RescheduleTimer } from './commands';
import type { Decision } from './decision';
import type { TimerRecord } from './records';

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
