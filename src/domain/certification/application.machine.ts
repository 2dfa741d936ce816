// Application pathways of the three tiers (domain rules §7.1). Each machine is pure: it is run
// with xstate's initialTransition()/transition(), reads time only from its events, and returns its
// side effects (timers) as named actions for the command pipeline to carry out.
import { assign, setup } from 'xstate';
import type { Tier } from './tier';
import type { ApplicationEvent } from './application.events';

export type ApplicationContext = {
  applicationId: string;
  tier: Tier;
  callClosesAt: string | null;
  submittedAt: string | null;
  returnDueAt: string | null;
  noticeEndsAt: string | null;
  decidedAt: string | null;
  returnCount: number;
  expertReviewCount: number;
  inspectionCount: number;
  objectionCount: number;
};

export type ApplicationInput = {
  applicationId: string;
  tier: Tier;
  callClosesAt?: string | null;
};

export type ScheduleDeadlineParams = { purpose: 'return' | 'notice'; dueAt: string | null };

const applicationSetup = setup({
  types: {
    context: {} as ApplicationContext,
    events: {} as ApplicationEvent,
    input: {} as ApplicationInput,
  },
  guards: {
    hasDueAt: ({ event }) => event.dueAt !== undefined,
    beforeReturnDeadline: ({ context, event }) =>
      context.returnDueAt === null || event.at < context.returnDueAt,
    returnDeadlinePassed: ({ context, event }) =>
      context.returnDueAt !== null && event.at >= context.returnDueAt,
    noticeEnded: ({ context, event }) =>
      context.noticeEndsAt !== null && event.at >= context.noticeEndsAt,
    // §7.1: objections are taken only before the notice ends (security review L4).
    noticeOpen: ({ context, event }) =>
      context.noticeEndsAt === null || event.at < context.noticeEndsAt,
  },
  actions: {
    // Side effects: declared here with empty bodies, carried out by the pipeline in the same
    // database transaction as the state change.
    scheduleDeadline: (_args, _params: ScheduleDeadlineParams) => undefined,
    rescheduleDeadline: (_args, _params: ScheduleDeadlineParams) => undefined,
    cancelDeadlines: () => undefined,
    issueCertificate: () => undefined,
    // facts.confirm: the pipeline stores the confirmation with the application.
    recordConfirmation: () => undefined,
    recordSubmission: assign({ submittedAt: ({ event }) => event.at }),
    recordReturn: assign({
      returnDueAt: ({ event }) => event.dueAt ?? null,
      returnCount: ({ context }) => context.returnCount + 1,
    }),
    clearReturn: assign({ returnDueAt: null }),
    recordNotice: assign({ noticeEndsAt: ({ event }) => event.dueAt ?? null }),
    recordReturnReschedule: assign({
      returnDueAt: ({ context, event }) => event.dueAt ?? context.returnDueAt,
    }),
    recordNoticeReschedule: assign({
      noticeEndsAt: ({ context, event }) => event.dueAt ?? context.noticeEndsAt,
    }),
    recordExpertReview: assign({
      expertReviewCount: ({ context }) => context.expertReviewCount + 1,
    }),
    recordInspection: assign({ inspectionCount: ({ context }) => context.inspectionCount + 1 }),
    recordObjection: assign({ objectionCount: ({ context }) => context.objectionCount + 1 }),
    recordDecision: assign({ decidedAt: ({ event }) => event.at }),
  },
});

// xstate's transition() builds a throwaway actor, without input, on every call: this must neither
// throw nor cost anything when input is missing.
const initialContext = ({
  input,
}: {
  input: ApplicationInput | undefined;
}): ApplicationContext => ({
  applicationId: input?.applicationId ?? '',
  tier: input?.tier ?? 'innovative_sme',
  callClosesAt: input?.callClosesAt ?? null,
  submittedAt: null,
  returnDueAt: null,
  noticeEndsAt: null,
  decidedAt: null,
  returnCount: 0,
  expertReviewCount: 0,
  inspectionCount: 0,
  objectionCount: 0,
});

// A bar or a lapsed prerequisite ends an application wherever it is (security review H1): the
// system rejects it, with the reasons in the event.
const lapse = { 'eligibility.lapse': { target: 'rejected', actions: 'recordDecision' } } as const;

// Experts (and the authority of the stage) confirm the facts the rules reserve to them
// (nicheMarketLeading, chainSupport, keyProductField, localFeaturePoints, the sector): recorded by
// the command pipeline with the application, no change of state.
const confirmFacts = { 'facts.confirm': { actions: 'recordConfirmation' } } as const;

// A reviewer's two ways of not passing an application on: back to the enterprise, or refused.
const returnOrReject = {
  'review.return': { target: 'returned', actions: 'recordReturn' },
  'review.reject': { target: 'rejected', actions: 'recordDecision' },
} as const;

// States shared by every tier, up to and including the local (county/city) review.
const intake = {
  draft: {
    on: {
      submit: { target: 'submitted', actions: 'recordSubmission' },
      withdraw: { target: 'withdrawn', actions: 'recordDecision' },
      ...lapse,
    },
  },
  submitted: {
    on: {
      'review.start': { target: 'localReview' },
      withdraw: { target: 'withdrawn', actions: 'recordDecision' },
      ...lapse,
    },
  },
  localReview: {
    on: {
      ...lapse,
      ...returnOrReject,
      'review.recommend': { target: 'provincialReview' },
    },
  },
  returned: {
    entry: [
      {
        type: 'scheduleDeadline',
        params: ({ context }: { context: ApplicationContext }) => ({
          purpose: 'return' as const,
          dueAt: context.returnDueAt,
        }),
      },
    ],
    exit: ['cancelDeadlines', 'clearReturn'],
    on: {
      ...lapse,
      resubmit: { guard: 'beforeReturnDeadline', target: 'localReview' },
      withdraw: { target: 'withdrawn', actions: 'recordDecision' },
      'deadline.expired': {
        guard: 'returnDeadlinePassed',
        target: 'rejected',
        actions: 'recordDecision',
      },
      'deadline.reschedule': {
        guard: 'hasDueAt',
        actions: [
          'recordReturnReschedule',
          {
            type: 'rescheduleDeadline',
            params: ({ context }: { context: ApplicationContext }) => ({
              purpose: 'return' as const,
              dueAt: context.returnDueAt,
            }),
          },
        ],
      },
    },
  },
} as const;

const noticeEntry = [
  {
    type: 'scheduleDeadline',
    params: ({ context }: { context: ApplicationContext }) => ({
      purpose: 'notice' as const,
      dueAt: context.noticeEndsAt,
    }),
  },
] as const;

const finals = {
  certified: { type: 'final', entry: ['recordDecision', 'issueCertificate'] },
  rejected: { type: 'final' },
  withdrawn: { type: 'final' },
} as const;

/** A public notice and its objection review; `next` is where the notice leads when it ends. */
const noticeStates = <N extends string, O extends string, X extends string>(
  notice: N,
  objectionReview: O,
  next: X,
) =>
  ({
    [notice]: {
      entry: noticeEntry,
      exit: 'cancelDeadlines',
      on: {
        ...lapse,
        'objection.file': {
          guard: 'noticeOpen',
          target: objectionReview,
          actions: 'recordObjection',
        },
        'deadline.expired': { guard: 'noticeEnded', target: next },
        'deadline.reschedule': {
          guard: 'hasDueAt',
          actions: [
            'recordNoticeReschedule',
            {
              type: 'rescheduleDeadline',
              params: ({ context }: { context: ApplicationContext }) => ({
                purpose: 'notice' as const,
                dueAt: context.noticeEndsAt,
              }),
            },
          ],
        },
      },
    },
    [objectionReview]: {
      on: {
        ...lapse,
        'objection.uphold': { target: 'rejected', actions: 'recordDecision' },
        'objection.dismiss': [{ guard: 'noticeEnded', target: next }, { target: notice }],
      },
    },
  }) as Record<N | O, object>;

export const INNOVATIVE_SME_MACHINE_ID = 'innovative-sme-application';
export const SPECIALIZED_SME_MACHINE_ID = 'specialized-sme-application';
export const LITTLE_GIANT_MACHINE_ID = 'little-giant-application';
/** Bump on any change that breaks stored snapshots, and ship a migration with it. */
export const APPLICATION_MACHINE_VERSION = 1;

// Innovative SME (§5.2): local review → provincial check → public notice → announced.
export const innovativeSmeMachine = applicationSetup.createMachine({
  id: INNOVATIVE_SME_MACHINE_ID,
  version: String(APPLICATION_MACHINE_VERSION),
  context: initialContext,
  initial: 'draft',
  states: {
    ...intake,
    provincialReview: {
      on: {
        ...lapse,
        ...confirmFacts,
        ...returnOrReject,
        'notice.publish': { target: 'publicNotice', actions: 'recordNotice' },
      },
    },
    ...noticeStates('publicNotice', 'objectionReview', 'certified'),
    ...finals,
  },
});

// Reviews with experts and an on-site check, at provincial or national level.
const expertReview = (onSiteCheck: string) =>
  ({
    'expert.review.record': { actions: 'recordExpertReview' },
    'inspection.schedule': { target: onSiteCheck },
  }) as const;
const onSiteCheckOf = (review: string) =>
  ({
    on: { ...lapse, 'inspection.record': { target: review, actions: 'recordInspection' } },
  }) as const;

// Specialized SME (§5.3): local review → provincial review with expert review and on-site check
// → public notice → certified.
export const specializedSmeMachine = applicationSetup.createMachine({
  id: SPECIALIZED_SME_MACHINE_ID,
  version: String(APPLICATION_MACHINE_VERSION),
  context: initialContext,
  initial: 'draft',
  states: {
    ...intake,
    provincialReview: {
      on: {
        ...lapse,
        ...confirmFacts,
        ...expertReview('onSiteCheck'),
        ...returnOrReject,
        'notice.publish': { target: 'publicNotice', actions: 'recordNotice' },
      },
    },
    onSiteCheck: onSiteCheckOf('provincialReview'),
    ...noticeStates('publicNotice', 'objectionReview', 'certified'),
    ...finals,
  },
});

// Little giant (§5.4): city/provincial review → provincial notice of the recommendation →
// recommended to MIIT → national review → national notice → certified.
export const littleGiantMachine = applicationSetup.createMachine({
  id: LITTLE_GIANT_MACHINE_ID,
  version: String(APPLICATION_MACHINE_VERSION),
  context: initialContext,
  initial: 'draft',
  states: {
    ...intake,
    provincialReview: {
      on: {
        ...lapse,
        ...confirmFacts,
        ...expertReview('onSiteCheck'),
        ...returnOrReject,
        'notice.publish': { target: 'publicNotice', actions: 'recordNotice' },
      },
    },
    onSiteCheck: onSiteCheckOf('provincialReview'),
    ...noticeStates('publicNotice', 'objectionReview', 'recommendedToMiit'),
    recommendedToMiit: { on: { ...lapse, 'review.start': { target: 'nationalReview' } } },
    nationalReview: {
      on: {
        ...lapse,
        ...confirmFacts,
        ...expertReview('nationalOnSiteCheck'),
        'review.reject': { target: 'rejected', actions: 'recordDecision' },
        'notice.publish': { target: 'nationalNotice', actions: 'recordNotice' },
      },
    },
    nationalOnSiteCheck: onSiteCheckOf('nationalReview'),
    ...noticeStates('nationalNotice', 'nationalObjectionReview', 'certified'),
    ...finals,
  },
});

// Specialized SME, version 2 (the 2026 revision of the procedure, 工信部企业〔2026〕 measures as
// applied by the provinces): the on-site check comes first, and the experts review what it found.
// The provincial review is split in two: `provincialReview` (the authority's check, ending in the
// on-site check) and `expertReview` (the panel, after the check; the notice is published from
// there only). The on-site report is `inspection.report` (v1: `inspection.record`). Applications
// started on version 1 keep it, or move with the plan in application.migrations.ts.
export const SPECIALIZED_SME_MACHINE_V2 = 2;
export const specializedSmeMachineV2 = applicationSetup.createMachine({
  id: SPECIALIZED_SME_MACHINE_ID,
  version: String(SPECIALIZED_SME_MACHINE_V2),
  context: initialContext,
  initial: 'draft',
  states: {
    ...intake,
    provincialReview: {
      on: {
        ...lapse,
        ...confirmFacts,
        'inspection.schedule': { target: 'onSiteCheck' },
        ...returnOrReject,
      },
    },
    onSiteCheck: {
      on: {
        ...lapse,
        'inspection.report': { target: 'expertReview', actions: 'recordInspection' },
      },
    },
    expertReview: {
      on: {
        ...lapse,
        ...confirmFacts,
        ...expertReview('onSiteCheck'),
        ...returnOrReject,
        'notice.publish': { target: 'publicNotice', actions: 'recordNotice' },
      },
    },
    ...noticeStates('publicNotice', 'objectionReview', 'certified'),
    ...finals,
  },
});
