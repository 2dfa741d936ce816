// Certificate lifecycle (domain rules §5.5, §5.6, §7.2). Pure, like the application machines: run
// with initialTransition()/transition(); time arrives in events; timers are returned as actions.
import { assign, setup } from 'xstate';
import type { ActorRef } from '../access/roles';
import type { Tier } from './tier';

export const CERTIFICATE_EVENT_TYPES = [
  'annualUpdate.submit',
  'annualUpdate.overdue',
  'annualUpdate.remind',
  'change.report',
  'change.accept',
  'change.reject',
  'reReview.open',
  'reReview.submit',
  'reReview.pass',
  'reReview.fail',
  'revoke',
  'deadline.expired',
] as const;
export type CertificateEventType = (typeof CERTIFICATE_EVENT_TYPES)[number];

export const REVOCATION_GROUNDS = [
  'fraud',
  'major_incident',
  'tax_violation',
  'dishonesty_listed',
  'no_longer_qualified',
  'change_not_approved',
  'spot_check_failed',
] as const;
export type RevocationGround = (typeof REVOCATION_GROUNDS)[number];

export type CertificateEvent = {
  type: CertificateEventType;
  at: string;
  actor: ActorRef;
  requestId?: string;
  comment?: string;
  reasons?: string[];
  data?: Record<string, unknown>;
  /** annualUpdate.submit / annualUpdate.overdue: the year the data update is for. */
  year?: number;
  /** annualUpdate.submit / annualUpdate.overdue: when the next year's update falls due. */
  nextDueAt?: string;
  /** annualUpdate.submit / annualUpdate.overdue: when the enterprise is reminded of it (if at all). */
  nextRemindAt?: string;
  /** revoke: the ground, and the bar it carries (computed by the pipeline from config). */
  ground?: RevocationGround;
  barUntil?: string | null;
  /** reReview.pass: the new end of validity, and the instant it ends. */
  validTo?: string;
  expiresAt?: string;
  /** reReview.submit: the re-review application. */
  applicationId?: string;
};

export type CertificateContext = {
  certificateId: string;
  tier: Tier;
  validFrom: string;
  validTo: string;
  /** The instant validity ends (24:00 China time at the end of validTo). */
  expiresAt: string;
  annualUpdates: number[];
  reReviewForfeited: boolean;
  reReviewApplicationId: string | null;
  revokedGround: RevocationGround | null;
  barUntil: string | null;
  changeReports: number;
  /**
   * The data year whose annual update is due next, and when (§5.5: 31 May by default); `remindAt`:
   * when the enterprise is reminded (ANNUAL_UPDATE_REMINDER_DAYS before; absent when off).
   */
  annualUpdateDue: AnnualUpdateDue | null;
};

export type AnnualUpdateDue = { year: number; dueAt: string; remindAt?: string };

export type CertificateInput = {
  certificateId: string;
  tier: Tier;
  validFrom: string;
  validTo: string;
  expiresAt: string;
  annualUpdateDue?: AnnualUpdateDue | null;
};

export type CertificateTimerParams = {
  purpose: 'expiry' | 'annualUpdate' | 'annualUpdateReminder';
  dueAt: string | null;
  event?: string;
  data?: Record<string, unknown>;
};

export const CERTIFICATE_MACHINE_ID = 'certificate';
/** Bump on any change that breaks stored snapshots, and ship a migration with it. */
export const CERTIFICATE_MACHINE_VERSION = 1;

const certificateSetup = setup({
  types: {
    context: {} as CertificateContext,
    events: {} as CertificateEvent,
    input: {} as CertificateInput,
  },
  guards: {
    expired: ({ context, event }) => event.at >= context.expiresAt,
    isDueYear: ({ context, event }) =>
      event.year !== undefined && event.year === context.annualUpdateDue?.year,
    // Overdue, or reminded: the year that is due, not yet updated.
    dueYearOutstanding: ({ context, event }) =>
      event.year !== undefined &&
      event.year === context.annualUpdateDue?.year &&
      !context.annualUpdates.includes(event.year),
    mayReReview: ({ context }) => !context.reReviewForfeited,
    hasYear: ({ event }) => event.year !== undefined,
    hasGround: ({ event }) => event.ground !== undefined,
    hasNewValidity: ({ context, event }) =>
      event.validTo !== undefined && event.validTo > context.validTo,
  },
  actions: {
    scheduleDeadline: (_args, _params: CertificateTimerParams) => undefined,
    cancelDeadlines: (_args, _params?: { purpose: string }) => undefined,
    // The reminder is the audited event itself (its notification follows from the outbox); XState
    // counts a targetless transition as taken only when it has an action.
    remind: () => undefined,
    advanceAnnualUpdate: assign({
      annualUpdateDue: ({ context, event }) =>
        context.annualUpdateDue && event.nextDueAt
          ? {
              year: context.annualUpdateDue.year + 1,
              dueAt: event.nextDueAt,
              ...(event.nextRemindAt ? { remindAt: event.nextRemindAt } : {}),
            }
          : context.annualUpdateDue,
    }),
    recordAnnualUpdate: assign({
      annualUpdates: ({ context, event }) =>
        event.year === undefined || context.annualUpdates.includes(event.year)
          ? context.annualUpdates
          : [...context.annualUpdates, event.year].sort((a, b) => a - b),
    }),
    forfeitReReview: assign({ reReviewForfeited: true }),
    recordChangeReport: assign({ changeReports: ({ context }) => context.changeReports + 1 }),
    recordReReviewApplication: assign({
      reReviewApplicationId: ({ event }) => event.applicationId ?? null,
    }),
    extendValidity: assign({
      validTo: ({ context, event }) => event.validTo ?? context.validTo,
      expiresAt: ({ context, event }) => event.expiresAt ?? context.expiresAt,
      reReviewApplicationId: null,
      reReviewForfeited: false,
    }),
    recordRevocation: assign({
      revokedGround: ({ event }) => event.ground ?? null,
      barUntil: ({ event }) => event.barUntil ?? null,
    }),
  },
});

// The annual update's deadline, and its reminder (a timer with no remindAt is not scheduled).
const scheduleAnnualUpdate = [
  {
    type: 'scheduleDeadline',
    params: ({ context }: { context: CertificateContext }) => ({
      purpose: 'annualUpdate' as const,
      dueAt: context.annualUpdateDue?.dueAt ?? null,
      event: 'annualUpdate.overdue',
      data: { year: context.annualUpdateDue?.year ?? null },
    }),
  },
  {
    type: 'scheduleDeadline',
    params: ({ context }: { context: CertificateContext }) => ({
      purpose: 'annualUpdateReminder' as const,
      dueAt: context.annualUpdateDue?.remindAt ?? null,
      event: 'annualUpdate.remind',
      data: { year: context.annualUpdateDue?.year ?? null },
    }),
  },
] as const;

const cancelAnnualUpdate = [
  { type: 'cancelDeadlines', params: { purpose: 'annualUpdate' } },
  { type: 'cancelDeadlines', params: { purpose: 'annualUpdateReminder' } },
] as const;

const expiryEntry = [
  {
    type: 'scheduleDeadline',
    params: ({ context }: { context: CertificateContext }) => ({
      purpose: 'expiry' as const,
      dueAt: context.expiresAt,
    }),
  },
  ...scheduleAnnualUpdate,
] as const;

// An update for the year that is due moves the next one on; any other year is just recorded.
const annualUpdateSubmit = [
  {
    guard: 'isDueYear',
    actions: [
      'recordAnnualUpdate',
      'advanceAnnualUpdate',
      ...cancelAnnualUpdate,
      ...scheduleAnnualUpdate,
    ],
  },
  { guard: 'hasYear', actions: 'recordAnnualUpdate' },
] as const;

// §5.5: a missed annual update forfeits the right to re-review (Guangdong art. 14).
const annualUpdateOverdue = {
  guard: 'dueYearOutstanding',
  actions: [
    'forfeitReReview',
    'advanceAnnualUpdate',
    { type: 'cancelDeadlines', params: { purpose: 'annualUpdateReminder' } },
    ...scheduleAnnualUpdate,
  ],
} as const;

// The reminder changes nothing: it is recorded (and tells the enterprise) while the update is owed.
const annualUpdateRemind = { guard: 'dueYearOutstanding', actions: 'remind' } as const;

const revoke = { guard: 'hasGround', target: 'revoked', actions: 'recordRevocation' } as const;

export const certificateMachine = certificateSetup.createMachine({
  id: CERTIFICATE_MACHINE_ID,
  version: String(CERTIFICATE_MACHINE_VERSION),
  // transition() builds a throwaway actor without input: stay total when it is missing.
  context: ({ input }: { input: CertificateInput | undefined }) => ({
    certificateId: input?.certificateId ?? '',
    tier: input?.tier ?? 'innovative_sme',
    validFrom: input?.validFrom ?? '',
    validTo: input?.validTo ?? '',
    expiresAt: input?.expiresAt ?? '',
    annualUpdates: [],
    reReviewForfeited: false,
    reReviewApplicationId: null,
    revokedGround: null,
    barUntil: null,
    changeReports: 0,
    annualUpdateDue: input?.annualUpdateDue ?? null,
  }),
  initial: 'active',
  states: {
    active: {
      entry: expiryEntry,
      exit: 'cancelDeadlines',
      on: {
        'annualUpdate.submit': annualUpdateSubmit,
        'annualUpdate.overdue': annualUpdateOverdue,
        'annualUpdate.remind': annualUpdateRemind,
        'change.report': { target: 'changeUnderReview', actions: 'recordChangeReport' },
        'reReview.open': { target: 'reReviewDue' },
        'deadline.expired': { guard: 'expired', target: 'expired' },
        revoke,
      },
    },
    changeUnderReview: {
      entry: expiryEntry,
      exit: 'cancelDeadlines',
      on: {
        'annualUpdate.submit': annualUpdateSubmit,
        'annualUpdate.overdue': annualUpdateOverdue,
        'annualUpdate.remind': annualUpdateRemind,
        'change.accept': { target: 'active' },
        'change.reject': { target: 'revoked', actions: 'recordRevocation' },
        'deadline.expired': { guard: 'expired', target: 'expired' },
        revoke,
      },
    },
    reReviewDue: {
      entry: expiryEntry,
      exit: 'cancelDeadlines',
      on: {
        'annualUpdate.submit': annualUpdateSubmit,
        'annualUpdate.overdue': annualUpdateOverdue,
        'annualUpdate.remind': annualUpdateRemind,
        'reReview.submit': {
          guard: 'mayReReview',
          target: 'underReReview',
          actions: 'recordReReviewApplication',
        },
        'deadline.expired': { guard: 'expired', target: 'expired' },
        revoke,
      },
    },
    // The old title stays valid while the re-review runs (§5.5): no expiry here.
    underReReview: {
      entry: [...scheduleAnnualUpdate],
      exit: 'cancelDeadlines',
      on: {
        'annualUpdate.submit': annualUpdateSubmit,
        'annualUpdate.overdue': annualUpdateOverdue,
        'annualUpdate.remind': annualUpdateRemind,
        'reReview.pass': { guard: 'hasNewValidity', target: 'active', actions: 'extendValidity' },
        'reReview.fail': { target: 'expired' },
        revoke,
      },
    },
    expired: { type: 'final' },
    revoked: { type: 'final' },
  },
});
