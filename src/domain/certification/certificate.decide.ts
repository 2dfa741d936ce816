// The certificate decider (domain rules §5.5, §5.6, §7.2): issuing a title on certification, and
// every event of its lifecycle. Pure, like the application decider.
import { maySendToCertificate } from '../access/certificate-access';
import { SYSTEM_ACTOR, toActorRef, type Actor } from '../access/roles';
import { addDays, yearOf } from '../calendar/dates';
import { chinaDateOf, endOfChinaDay } from '../calendar/working-days';
import { DomainError } from '../errors';
import {
  CERTIFICATE_EVENT_TYPES,
  CERTIFICATE_MACHINE_ID,
  type AnnualUpdateDue,
  type CertificateEvent,
  type CertificateEventType,
  type RevocationGround,
} from './certificate.machine';
import { certificateWorkflow, extendValidity, validityFrom } from './certificate.workflow';
import type { Command, IssueCertificate, SendCertificateEvent } from './commands';
import { timerEffectsOf, type Decision } from './decision';
import type { CertificateRecord } from './records';
import { annualUpdateDueDate, barUntilFor, CASCADING_GROUNDS } from './revocation';
import { msg } from '../i18n/message';

/** Settings of the certificate lifecycle (from configuration, fixed at start). */
export type CertificatePolicy = {
  /** MM-DD by which the annual data update for the previous year is due (§5.5: 31 May). */
  annualUpdateDue: string;
  /** Years a revocation for fraud or a violation bars new applications (§5.6). */
  revocationBarYears: number;
  /** Days before the annual update falls due that the enterprise is reminded (0: never). */
  annualUpdateReminderDays: number;
};

const DAY_MS = 24 * 60 * 60 * 1000;

/** The instant the annual update for data year `dataYear` falls due. */
export const annualUpdateDueAt = (dataYear: number, policy: CertificatePolicy): string =>
  endOfChinaDay(annualUpdateDueDate(dataYear, policy.annualUpdateDue));

/** The instant the enterprise is reminded of an update due at `dueAt`, if reminders are on. */
export const annualUpdateRemindAt = (
  dueAt: string,
  policy: CertificatePolicy,
): string | undefined =>
  policy.annualUpdateReminderDays > 0
    ? new Date(Date.parse(dueAt) - policy.annualUpdateReminderDays * DAY_MS).toISOString()
    : undefined;

/** The annual update due for data year `dataYear`: when, and when its reminder goes out. */
export const annualUpdateDueOf = (dataYear: number, policy: CertificatePolicy): AnnualUpdateDue => {
  const dueAt = annualUpdateDueAt(dataYear, policy);
  const remindAt = annualUpdateRemindAt(dueAt, policy);
  return { year: dataYear, dueAt, ...(remindAt ? { remindAt } : {}) };
};

/** Whether revoking on this command cancels the enterprise's other titles too (2026 call). */
export const cascadesRevocation = (command: SendCertificateEvent): boolean =>
  command.type === 'revoke' &&
  command.cascadeOf === undefined &&
  command.ground !== undefined &&
  CASCADING_GROUNDS.includes(command.ground);

/**
 * The title of a certified application, valid for three years from the announcement, with its
 * expiry and first annual update scheduled.
 */
export const decideIssueCertificate = (input: {
  command: IssueCertificate;
  at: string;
  policy: CertificatePolicy;
}): Decision<CertificateRecord> => {
  const { command, at, policy } = input;
  const validity = validityFrom(at);
  const dataYear = yearOf(validity.validFrom);
  const { snapshot, effects } = certificateWorkflow.start({
    certificateId: command.id,
    tier: command.tier,
    ...validity,
    annualUpdateDue: annualUpdateDueOf(dataYear, policy),
  });
  const record: CertificateRecord = {
    id: command.id,
    enterpriseId: command.enterpriseId,
    regionCode: command.regionCode,
    tier: command.tier,
    status: snapshot.value,
    version: 1,
    applicationId: command.applicationId,
    validFrom: validity.validFrom,
    validTo: validity.validTo,
    barUntil: null,
    machineId: CERTIFICATE_MACHINE_ID,
    machineVersion: certificateWorkflow.version,
    snapshot,
    createdAt: at,
    updatedAt: at,
  };
  return {
    write: { insert: record },
    effects: timerEffectsOf(effects),
    audit: {
      at,
      actor: toActorRef(command.actor),
      subject: { type: 'certificate', id: record.id },
      enterpriseId: record.enterpriseId,
      regionCode: record.regionCode,
      event: 'certificate.issue',
      fromState: null,
      toState: record.status,
      data: {
        action: 'certificate.issued',
        tier: record.tier,
        applicationId: record.applicationId,
        validFrom: record.validFrom,
        validTo: record.validTo,
        machineId: record.machineId,
        machineVersion: record.machineVersion,
      },
      requestId: command.requestId,
    },
    followUps: [],
  };
};

type EventInput = Pick<
  SendCertificateEvent,
  'type' | 'comment' | 'reasons' | 'data' | 'year' | 'ground' | 'applicationId' | 'requestId'
> & { actor: Actor };

/**
 * The machine event of a command: the data year of an annual update (default: the one due) and
 * when the next falls due; a revocation's bar; a passed re-review's new validity (§5.5: three
 * years from the current end).
 */
export const certificateEventOf = (
  record: CertificateRecord,
  command: EventInput,
  at: string,
  policy: CertificatePolicy,
): CertificateEvent => {
  const context = record.snapshot.context;
  const event: CertificateEvent = {
    type: command.type,
    at,
    actor: toActorRef(command.actor),
    ...(command.requestId ? { requestId: command.requestId } : {}),
    ...(command.comment ? { comment: command.comment } : {}),
    ...(command.reasons ? { reasons: command.reasons } : {}),
    ...(command.data ? { data: command.data } : {}),
    ...(command.applicationId ? { applicationId: command.applicationId } : {}),
  };
  if (command.type === 'annualUpdate.submit' || command.type === 'annualUpdate.overdue') {
    const year = command.year ?? context.annualUpdateDue?.year;
    if (year !== undefined) {
      const next = annualUpdateDueOf(year + 1, policy);
      event.year = year;
      event.nextDueAt = next.dueAt;
      if (next.remindAt) event.nextRemindAt = next.remindAt;
    }
  }
  if (command.type === 'annualUpdate.remind') {
    const year = command.year ?? context.annualUpdateDue?.year;
    if (year !== undefined) event.year = year;
  }
  if (command.type === 'revoke' || command.type === 'change.reject') {
    const ground: RevocationGround | undefined =
      command.ground ?? (command.type === 'change.reject' ? 'change_not_approved' : undefined);
    if (ground) {
      event.ground = ground;
      event.barUntil = barUntilFor(ground, chinaDateOf(at), policy.revocationBarYears);
    }
  }
  if (command.type === 'reReview.pass') {
    const next = extendValidity(record.validFrom, addDays(record.validTo, 1));
    event.validTo = next.validTo;
    event.expiresAt = next.expiresAt;
  }
  return event;
};

// The payload a revocation must carry; asking whether one is possible now, any ground will do
// (the machine accepts a revocation whatever its ground; the ground decides only the bar).
const PROBE_GROUND: RevocationGround = 'no_longer_qualified';

/** The events this actor may send now: granted by the access table and accepted by the machine. */
export const allowedCertificateEvents = (
  record: CertificateRecord,
  actor: Actor,
  at: string,
  policy: CertificatePolicy,
): CertificateEventType[] =>
  CERTIFICATE_EVENT_TYPES.filter(
    (type) =>
      maySendToCertificate(actor, type, record) &&
      certificateWorkflow.can(
        record.snapshot,
        certificateEventOf(
          record,
          {
            type,
            actor,
            requestId: null,
            ...(type === 'revoke' ? { ground: PROBE_GROUND } : {}),
          },
          at,
          policy,
        ),
      ),
  );

export type CertificateEventReads = {
  /** A cascading revocation: the enterprise's other titles that are still in force. */
  otherLiveTitleIds: readonly string[];
  /** A revocation: the enterprise's open applications (and the certificate each renews). */
  openApplications?: readonly { id: string; reReviewOf: string | null }[];
};

/** Whether deciding this command reads the enterprise's open applications (a revocation). */
export const revocationEndsApplications = (command: SendCertificateEvent): boolean =>
  (command.type === 'revoke' || command.type === 'change.reject') &&
  command.cascadeOf === undefined;

/** An event sent to a certificate: access (403), a revocation's ground (400), the machine (409). */
export const decideCertificateEvent = (input: {
  record: CertificateRecord;
  command: SendCertificateEvent;
  reads: CertificateEventReads;
  at: string;
  policy: CertificatePolicy;
}): Decision<CertificateRecord> => {
  const { record, command, reads, at, policy } = input;
  const { actor, type } = command;
  if (!maySendToCertificate(actor, type, record)) {
    throw new DomainError(
      'FORBIDDEN',
      `The ${actor.role} role may not send ${type} to this certificate`,
    );
  }
  if (type === 'revoke' && !command.ground) {
    throw new DomainError('VALIDATION_FAILED', 'revoke needs a ground', {
      errors: [{ field: 'ground', message: 'revoke must give a ground' }],
    });
  }
  if (type === 'annualUpdate.submit') annualUpdateRefusal(record, command, at);
  const event = certificateEventOf(record, command, at, policy);
  const outcome = certificateWorkflow.send(record.snapshot, event);
  if (!outcome.changed) {
    throw new DomainError(
      'INVALID_TRANSITION',
      msg('problem.eventNotAllowed', { event: type, state: record.status }),
      {
        allowedEvents: allowedCertificateEvents(record, actor, at, policy),
      },
    );
  }
  const context = outcome.snapshot.context;
  const cascade: Command[] = cascadesRevocation(command)
    ? reads.otherLiveTitleIds.map((id) => ({
        actor: SYSTEM_ACTOR,
        requestId: command.requestId,
        subject: 'certificate' as const,
        kind: 'event' as const,
        id,
        type: 'revoke' as const,
        ground: command.ground!,
        cascadeOf: record.id,
        comment: `Cascade of the revocation of certificate ${record.id} for ${command.ground!}`,
        data: { cascadeOf: record.id },
      }))
    : [];
  const followUps = [...cascade, ...lapses(record, command, event, reads, cascade)];
  return {
    write: {
      update: {
        status: outcome.snapshot.value,
        snapshot: outcome.snapshot,
        validTo: context.validTo,
        barUntil: context.barUntil,
        updatedAt: at,
      },
    },
    effects: timerEffectsOf(outcome.effects),
    audit: {
      at,
      actor: event.actor,
      subject: { type: 'certificate', id: record.id },
      enterpriseId: record.enterpriseId,
      regionCode: record.regionCode,
      event: type,
      fromState: record.status,
      toState: outcome.snapshot.value,
      comment: command.comment ?? null,
      data: {
        machineId: record.machineId,
        machineVersion: record.machineVersion,
        version: record.version + 1,
        ...(command.reasons ? { reasons: command.reasons } : {}),
        ...(command.data ? { data: command.data } : {}),
        ...(event.year !== undefined ? { year: event.year } : {}),
        ...(type === 'annualUpdate.remind' && record.snapshot.context.annualUpdateDue
          ? { dueAt: record.snapshot.context.annualUpdateDue.dueAt }
          : {}),
        ...(event.ground ? { ground: event.ground, barUntil: event.barUntil ?? null } : {}),
        ...(event.applicationId ? { applicationId: event.applicationId } : {}),
        ...(type === 'reReview.pass' ? { validTo: context.validTo } : {}),
        ...(command.report ? { report: command.report } : {}),
        ...(command.timerId ? { timerId: command.timerId } : {}),
      },
      requestId: command.requestId,
    },
    followUps,
  };
};

/**
 * The open applications a revocation ends (security review H1, L5): a revocation that bars the
 * enterprise ends all of them, any revocation ends the re-review of the revoked title. An
 * application renewing a title revoked in the same decision is ended without settling it.
 */
const lapses = (
  record: CertificateRecord,
  command: SendCertificateEvent,
  event: CertificateEvent,
  reads: CertificateEventReads,
  cascade: readonly Command[],
): Command[] => {
  if (!revocationEndsApplications(command)) return [];
  const revoked = new Set([record.id, ...cascade.map((c) => c.id)]);
  const barring = event.barUntil !== undefined && event.barUntil !== null;
  return (reads.openApplications ?? [])
    .filter((a) => barring || a.reReviewOf === record.id)
    .map((a) => ({
      actor: SYSTEM_ACTOR,
      requestId: command.requestId,
      subject: 'application' as const,
      kind: 'event' as const,
      id: a.id,
      type: 'eligibility.lapse' as const,
      reasons: [
        barring
          ? `A title of this enterprise was revoked (${event.ground ?? 'revoked'}); it may not be granted a title before ${event.barUntil}.`
          : `The title under re-review (certificate ${record.id}) was revoked.`,
      ],
      data: { revokedCertificate: record.id },
      ...(a.reReviewOf !== null && revoked.has(a.reReviewOf)
        ? { settlesCertificate: false as const }
        : {}),
    }));
};

/**
 * §5.5 annual updates (security review M1): the figures of the data year that is due, once it
 * has ended, and nothing else.
 */
const annualUpdateRefusal = (
  record: CertificateRecord,
  command: SendCertificateEvent,
  at: string,
): void => {
  if (command.actor.kind === 'system') return;
  if (!command.report) {
    throw new DomainError(
      'VALIDATION_FAILED',
      'annualUpdate.submit needs the figures of the year',
      {
        errors: [{ field: 'report', message: 'give the figures of the data year (report)' }],
      },
    );
  }
  const due = record.snapshot.context.annualUpdateDue;
  const year = command.year ?? due?.year;
  if (!due || year !== due.year) {
    throw new DomainError('RULE_NOT_MET', `The update for data year ${String(year)} is not due`, {
      reasons: [
        due
          ? `Only the update for data year ${due.year} is due (by ${due.dueAt}).`
          : 'No annual update is due for this title.',
      ],
    });
  }
  const thisYear = Number(chinaDateOf(at).slice(0, 4));
  if (year >= thisYear) {
    throw new DomainError('RULE_NOT_MET', `Data year ${year} has not ended`, {
      reasons: [`The update for data year ${year} is filed from 1 January ${year + 1}.`],
    });
  }
};
