// The application decider (domain rules §5, §7.1): given the stored application, a command, what
// was read for it and the time, decides what changes, which effects follow, what is audited and
// which follow-up commands run. Pure: no clock, no I/O; a refusal is a thrown DomainError.
import { createHash } from 'node:crypto';
import { actsFor, isApplicant, mayEverSend, maySendInState } from '../access/application-access';
import { canViewCertificate } from '../access/certificate-access';
import { SYSTEM_ACTOR, toActorRef, type Actor } from '../access/roles';
import type { AuditEntry } from '../audit/audit-entry';
import { canonicalJson } from '../audit/hash-chain';
import { chinaDateOf, workingDayDeadline, type WorkdayCalendar } from '../calendar/working-days';
import { documentChecklist, missingDocuments, type DocumentRequest } from '../documents/checklist';
import { manifestOf, type DocumentRecord } from '../documents/documents';
import { DomainError } from '../errors';
import { assess } from '../scoring';
import { msg, sentenceList } from '../i18n/message';
import type { Assessment, RuleSetId } from '../scoring/assessment';
import { provinceOf, ruleSetForDate, type ScoringConfig } from '../scoring/config';
import {
  AUDIT_ACTION_OF,
  deadlinePurposeOf,
  EVENTS_REQUIRING_REASONS,
  type ApplicationEvent,
  type ApplicationEventType,
} from './application.events';
import {
  workflowForTier,
  workflowVersion,
  type ApplicationWorkflow,
  type MachineVersions,
} from './application.machines';
import { callWindowRefusal, chooseCall, type CallRecord } from './calls';
import type {
  Command,
  CreateApplication,
  CreateReReview,
  SendApplicationEvent,
  UpdateApplicationFacts,
} from './commands';
import type { Decision, Effect } from './decision';
import { timerEffectsOf } from './decision';
import { AUTHORITY_CONFIRMED_FACTS, type FactConfirmations, type Facts } from './facts';
import { checkPrerequisites, eligibilityRefusal, type TitleRecord } from './prerequisites';
import type { ApplicationRecord, CertificateRecord } from './records';
import type { Sector } from './sectors';
import type { Tier } from './tier';

/** Settings the application decisions depend on (from configuration, fixed at start). */
export type ApplicationPolicy = {
  calendar: WorkdayCalendar;
  /** Public-notice length in working days, unless the application's call sets its own. */
  noticeWorkingDays: number;
  /** Time to resubmit a returned application, in working days. */
  returnWorkingDays: number;
  /**
   * Specialized SME and little giant: at least one expert review before the province publishes the
   * notice (§5.3, §5.4; security review L6).
   */
  requireExpertReview: boolean;
  /**
   * A submission (and a resubmission) needs every document of its checklist (API.md Wave 2,
   * Documents); off, the checklist is only shown.
   */
  requireDocuments?: boolean;
  /** The machine version new applications take, per tier (default: DEFAULT_MACHINE_VERSIONS). */
  machineVersions?: MachineVersions;
  scoring: {
    selection: Pick<ScoringConfig, 'v2026EffectiveFrom'>;
    configFor(ruleSet: RuleSetId, provinceCode?: string): ScoringConfig;
  };
};

/** sha256 of the canonical JSON of an application's figures: every decision cites it. */
export const factsHashOf = (facts: unknown): string =>
  createHash('sha256').update(canonicalJson(facts)).digest('hex');

/** DTO instances become plain JSON: what is stored is exactly what was validated. */
const plainFacts = (facts: Facts): Facts => JSON.parse(JSON.stringify(facts)) as Facts;

const notFound = (what: string, id: string) =>
  new DomainError('NOT_FOUND', msg('problem.notFound', { what: msg(`subject.${what}`), id }));

/** Submitting runs the assessment: the rules refuse what they refuse (422 with reasons). */
const ASSESSED_EVENTS: ReadonlySet<ApplicationEventType> = new Set(['submit', 'resubmit']);

const OBJECTION_OUTCOMES: Partial<Record<ApplicationEventType, 'upheld' | 'dismissed'>> = {
  'objection.uphold': 'upheld',
  'objection.dismiss': 'dismissed',
};

/** Events after which the rules are judged again, on the facts the experts confirmed. */
const REASSESSED_EVENTS: ReadonlySet<ApplicationEventType> = new Set(['notice.publish']);

/** Events that may lead to a title: the bar and the prerequisites are checked again (H1). */
const ELIGIBILITY_EVENTS: ReadonlySet<ApplicationEventType> = new Set([
  'submit',
  'resubmit',
  'deadline.expired',
  'objection.dismiss',
]);

/** Whether deciding this event reads the enterprise's registered sector (for the assessment). */
export const eventNeedsSector = (type: ApplicationEventType): boolean =>
  ASSESSED_EVENTS.has(type) || REASSESSED_EVENTS.has(type);

/** Whether deciding this event reads the titles the enterprise holds and held (bars, prerequisites). */
export const eventNeedsTitles = (type: ApplicationEventType): boolean =>
  ELIGIBILITY_EVENTS.has(type);

/** Whether deciding this event opens a deadline, whose length the application's call may set. */
export const eventNeedsCall = (type: ApplicationEventType): boolean =>
  deadlinePurposeOf(type) !== undefined;

/** The machine version an application pinned; a missing one is a deployment error, not a 4xx. */
export const workflowOfRecord = (record: ApplicationRecord): ApplicationWorkflow => {
  const workflow = workflowVersion(record.machineId, record.machineVersion);
  if (!workflow) {
    throw new Error(
      `No machine ${record.machineId} v${record.machineVersion} for application ${record.id}`,
    );
  }
  return workflow;
};

/**
 * The events this actor may send now: granted by the access table, inside the call window, and
 * accepted by the machine (with any well-formed payload; the assessment is judged on sending).
 */
export const allowedApplicationEvents = (
  record: ApplicationRecord,
  actor: Actor,
  at: string,
): ApplicationEventType[] => {
  const workflow = workflowOfRecord(record);
  const callClosesAt = record.snapshot.context.callClosesAt;
  return workflow.accepted(
    record.snapshot,
    workflow.events.filter(
      (type) =>
        maySendInState(actor, type, record.state) &&
        callWindowRefusal(type, callClosesAt, at) === null,
    ),
    { at, actor: toActorRef(actor) },
  );
};

const describeActor = (actor: Actor): string =>
  actor.kind === 'user' && actor.jurisdiction
    ? `${actor.jurisdiction.level}-level ${actor.role}`
    : `${actor.role} role`;

// --- create ------------------------------------------------------------------------------------

export type CreationReads = {
  /** The enterprise applying. */
  enterprise: { id: string; regionCode: string } | undefined;
  /** The calls of the tier, or the one asked for by id. */
  calls: readonly CallRecord[];
  /** Every title the enterprise holds or held. */
  titles: readonly TitleRecord[];
  /** Its applications of this tier that are still open. */
  openApplicationIds: readonly string[];
  /** The calls in which an application of this tier of the enterprise was rejected. */
  rejectedInCalls?: readonly string[];
};

export type ReReviewReads = {
  /** The certificate to renew, its enterprise, and the rule set of the application that earned it. */
  certificate: CertificateRecord | undefined;
  enterprise: { id: string; regionCode: string } | undefined;
  originalRuleSet: RuleSetId | undefined;
  /** The calls of the certificate's tier. */
  calls: readonly CallRecord[];
};

/** The audit payload of a creation: the machine's input too, so that a replay rebuilds it. */
export const creationAuditData = (record: ApplicationRecord, callClosesAt: string | null) => ({
  action: 'application.created',
  tier: record.tier,
  ruleSet: record.ruleSet,
  machineId: record.machineId,
  machineVersion: record.machineVersion,
  callId: record.callId,
  callClosesAt,
  reReviewOf: record.reReviewOf,
  facts: record.facts,
  factsHash: record.factsHash,
});

/** A new draft in its machine's initial state, and its creation event. */
const draft = (input: {
  id: string;
  enterprise: { id: string; regionCode: string };
  tier: Tier;
  facts: Facts;
  ruleSet: RuleSetId;
  call: CallRecord | null;
  reReviewOf: string | null;
  actor: Actor;
  requestId: string | null;
  at: string;
  machineVersions: MachineVersions | undefined;
}): Decision<ApplicationRecord> => {
  const { at } = input;
  const workflow = workflowForTier(input.tier, input.machineVersions);
  const callClosesAt = input.call?.closesAt ?? null;
  const { snapshot, effects } = workflow.start({
    applicationId: input.id,
    tier: input.tier,
    callClosesAt,
  });
  const facts = plainFacts(input.facts);
  const record: ApplicationRecord = {
    id: input.id,
    enterpriseId: input.enterprise.id,
    regionCode: input.enterprise.regionCode,
    tier: input.tier,
    state: snapshot.value,
    version: 1,
    ruleSet: input.ruleSet,
    machineId: workflow.id,
    machineVersion: workflow.version,
    snapshot,
    facts,
    factsHash: factsHashOf(facts),
    assessment: null,
    confirmedFacts: null,
    callId: input.call?.id ?? null,
    certificateId: null,
    reReviewOf: input.reReviewOf,
    createdAt: at,
    updatedAt: at,
  };
  return {
    write: { insert: record },
    effects: timerEffectsOf(effects),
    audit: {
      at,
      actor: toActorRef(input.actor),
      subject: { type: 'application', id: record.id },
      enterpriseId: record.enterpriseId,
      regionCode: record.regionCode,
      event: 'application.create',
      fromState: null,
      toState: record.state,
      data: creationAuditData(record, callClosesAt),
      requestId: input.requestId,
    },
    followUps: [],
  };
};

/**
 * A new application in `draft` (§5.6, §5.7): an enterprise's own, attached to the open call of its
 * tier and region, pinning a rule set; refused while a revocation bar runs, a prerequisite title
 * is missing, the title is already held, or another application of the tier is open.
 */
export const decideCreateApplication = (input: {
  command: CreateApplication;
  reads: CreationReads;
  at: string;
  policy: ApplicationPolicy;
}): Decision<ApplicationRecord> => {
  const { command, reads, at, policy } = input;
  const { actor, tier } = command;
  if (!isApplicant(actor)) throw new DomainError('FORBIDDEN', 'Only an enterprise applies');
  const enterprise = reads.enterprise;
  if (!enterprise || !actsFor(actor, enterprise.id)) {
    throw notFound('enterprise', command.enterpriseId);
  }
  const call = chooseCall(reads.calls, {
    tier,
    regionCode: enterprise.regionCode,
    at,
    ...(command.callId ? { callId: command.callId } : {}),
  });
  if (call && reads.rejectedInCalls?.includes(call.id)) {
    throw new DomainError('RULE_NOT_MET', `Rejected in call ${call.id}`, {
      reasons: [
        `An application of this tier was rejected in call ${call.id}: the enterprise may apply again in a later call (§7.1).`,
      ],
    });
  }
  const ruleSet = call?.ruleSet ?? ruleSetForDate(chinaDateOf(at), policy.scoring.selection);
  const refusal = checkPrerequisites({
    tier,
    date: chinaDateOf(at),
    titles: reads.titles,
    requireInnovativeTitleForSpecialized: policy.scoring.configFor(
      ruleSet,
      provinceOf(enterprise.regionCode),
    ).requireInnovativeTitleForSpecialized,
  });
  if (refusal) {
    throw new DomainError(refusal.code, sentenceList(refusal.reasons), {
      reasons: refusal.reasons,
    });
  }
  const open = reads.openApplicationIds[0];
  if (open !== undefined) {
    throw new DomainError('DUPLICATE', `The enterprise already has an open ${tier} application`, {
      reasons: [`Application ${open} for this tier is still open.`],
    });
  }
  return draft({
    machineVersions: policy.machineVersions,
    id: command.id,
    enterprise,
    tier,
    facts: command.facts,
    ruleSet,
    call,
    reReviewOf: null,
    actor,
    requestId: command.requestId,
    at,
  });
};

/**
 * §5.5: a re-review runs the same review chain. The enterprise files its figures; the application
 * is created and submitted at once (the rules must pass), and the certificate moves to
 * underReReview: both follow-ups in the same transaction.
 */
export const decideCreateReReview = (input: {
  command: CreateReReview;
  reads: ReReviewReads;
  at: string;
  policy: ApplicationPolicy;
}): Decision<ApplicationRecord> => {
  const { command, reads, at, policy } = input;
  const { actor } = command;
  if (!isApplicant(actor)) {
    throw new DomainError('FORBIDDEN', 'Only the enterprise files its re-review');
  }
  const { certificate, enterprise } = reads;
  if (!certificate || !canViewCertificate(actor, certificate) || !enterprise) {
    throw notFound('certificate', command.certificateId);
  }
  const call = chooseCall(reads.calls, {
    tier: certificate.tier,
    regionCode: enterprise.regionCode,
    at,
    year: Number(certificate.validTo.slice(0, 4)),
  });
  // 2026 re-reviews of v2022 titles were judged by v2022; a call may set otherwise.
  const ruleSet =
    call?.ruleSet ??
    (reads.originalRuleSet === 'v2022'
      ? 'v2022'
      : ruleSetForDate(chinaDateOf(at), policy.scoring.selection));
  const created = draft({
    machineVersions: policy.machineVersions,
    id: command.id,
    enterprise,
    tier: certificate.tier,
    facts: { ...command.facts, reReview: true },
    ruleSet,
    call,
    reReviewOf: certificate.id,
    actor,
    requestId: command.requestId,
    at,
  });
  const envelope = { actor, requestId: command.requestId };
  return {
    ...created,
    followUps: [
      { ...envelope, subject: 'application', kind: 'event', id: command.id, type: 'submit' },
      {
        ...envelope,
        subject: 'certificate',
        kind: 'event',
        id: certificate.id,
        type: 'reReview.submit',
        applicationId: command.id,
      },
    ],
  };
};

// --- facts -------------------------------------------------------------------------------------

/** Figures are edited while the application is with the enterprise (draft or returned). */
export const decideUpdateFacts = (input: {
  record: ApplicationRecord;
  command: UpdateApplicationFacts;
  at: string;
}): Decision<ApplicationRecord> => {
  const { record, command, at } = input;
  if (!isApplicant(command.actor)) {
    throw new DomainError(
      'FORBIDDEN',
      `The ${command.actor.role} role may not edit an application`,
    );
  }
  if (record.state !== 'draft' && record.state !== 'returned') {
    throw new DomainError(
      'INVALID_TRANSITION',
      `Facts can be edited only in draft or returned, not in ${record.state}`,
      { allowedEvents: allowedApplicationEvents(record, command.actor, at) },
    );
  }
  const plain = plainFacts(command.facts);
  const facts: Facts = record.reReviewOf ? { ...plain, reReview: true } : plain;
  const factsHash = factsHashOf(facts);
  return {
    write: { update: { facts, factsHash, updatedAt: at } },
    effects: [],
    audit: {
      at,
      actor: toActorRef(command.actor),
      subject: { type: 'application', id: record.id },
      enterpriseId: record.enterpriseId,
      regionCode: record.regionCode,
      event: 'application.facts.update',
      fromState: record.state,
      toState: record.state,
      data: { action: 'application.facts.updated', facts, factsHash },
      requestId: command.requestId,
    },
    followUps: [],
  };
};

// --- events ------------------------------------------------------------------------------------

export type EventReads = {
  /** submit / resubmit / notice.publish: the enterprise's registered sector (the size test's). */
  enterpriseSector?: Sector | undefined;
  /** Events that may lead to a title: every title the enterprise holds or held. */
  titles?: readonly TitleRecord[];
  /** Deadline events: the notice length the application's call sets, if any. */
  callNoticeWorkingDays?: number | null;
  /** A fresh id, used if this transition certifies a first application. */
  newCertificateId: string;
  /** submit / resubmit: the application's documents (deleted ones included, as stored). */
  documents?: readonly DocumentRecord[];
  /** resubmit: the documents a reviewer asked for on the return, if any. */
  documentRequest?: DocumentRequest | null;
};

/** Whether deciding this event reads the application's documents (checklist and manifest). */
export const eventNeedsDocuments = (type: ApplicationEventType): boolean =>
  ASSESSED_EVENTS.has(type);

/** The audit payload of a transition: which machine, which figures, and what the event carried. */
export const applicationEventAuditData = (input: {
  record: Pick<ApplicationRecord, 'machineId' | 'machineVersion' | 'factsHash'>;
  version: number;
  event: Pick<ApplicationEvent, 'type' | 'reasons' | 'data' | 'dueAt' | 'timerId'>;
  assessment?: Assessment;
  /** submit / resubmit: the manifest of the documents submitted (the chain covers the evidence). */
  documents?: readonly unknown[];
}): Record<string, unknown> => {
  const { record, event, assessment, documents } = input;
  return {
    action: AUDIT_ACTION_OF[event.type],
    machineId: record.machineId,
    machineVersion: record.machineVersion,
    version: input.version,
    factsHash: record.factsHash,
    ...(event.reasons ? { reasons: event.reasons } : {}),
    ...(event.data ? { data: event.data } : {}),
    ...(event.dueAt ? { dueAt: event.dueAt } : {}),
    ...(event.timerId ? { timerId: event.timerId } : {}),
    ...(assessment ? { assessment } : {}),
    ...(documents ? { documents } : {}),
  };
};

/**
 * The documents a submission is judged on (API.md Wave 2): every required item of the checklist
 * met, or 422 DOCUMENTS_MISSING naming each missing one. A re-review is submitted as it is filed,
 * before any document can be uploaded: its documents are asked for on return instead.
 */
const checkDocuments = (
  record: ApplicationRecord,
  type: ApplicationEventType,
  reads: EventReads,
  policy: ApplicationPolicy,
): void => {
  if (!policy.requireDocuments) return;
  if (type === 'submit' && record.reReviewOf !== null) return;
  const documents = (reads.documents ?? []).filter((d) => d.deletedAt === null);
  const missing = missingDocuments(
    documentChecklist({
      tier: record.tier,
      facts: record.facts,
      documents,
      request: type === 'resubmit' ? (reads.documentRequest ?? null) : null,
    }),
  );
  if (missing.length > 0) {
    throw new DomainError('DOCUMENTS_MISSING', `${missing.length} required document(s) missing`, {
      reasons: missing,
    });
  }
};

/**
 * The facts an assessment is judged on (security review M10): the size test's sector is the
 * registered one (a reviewer may confirm another); the facts the rules reserve to the experts and
 * the authority are the enterprise's claims until `confirmed` is given, then only what was confirmed.
 */
export const factsToJudge = (
  record: ApplicationRecord,
  enterpriseSector: Sector | undefined,
  confirmed?: FactConfirmations,
): Facts => ({
  ...record.facts,
  sector: confirmed?.sector ?? enterpriseSector ?? record.facts.sector,
  ...(confirmed
    ? {
        nicheMarketLeading: confirmed.nicheMarketLeading,
        chainSupport: confirmed.chainSupport,
        keyProductField: confirmed.keyProductField,
        localFeaturePoints: confirmed.localFeaturePoints,
      }
    : {}),
});

/** The assessment a submission is judged on: the pinned rule set, the registered sector. */
export const assessRecord = (
  record: ApplicationRecord,
  at: string,
  enterpriseSector: Sector | undefined,
  policy: ApplicationPolicy,
  confirmed?: FactConfirmations,
): Assessment =>
  assess({
    tier: record.tier,
    ruleSet: record.ruleSet,
    asOf: chinaDateOf(at),
    facts: factsToJudge(record, enterpriseSector, confirmed),
    config: policy.scoring.configFor(record.ruleSet, provinceOf(record.regionCode)),
  });

/** Why the application may no longer lead to a title on `at`, or null (H1). */
const eligibilityLost = (
  record: ApplicationRecord,
  titles: readonly TitleRecord[] | undefined,
  at: string,
  policy: ApplicationPolicy,
) =>
  eligibilityRefusal({
    tier: record.tier,
    date: chinaDateOf(at),
    titles: titles ?? [],
    requireInnovativeTitleForSpecialized: policy.scoring.configFor(
      record.ruleSet,
      provinceOf(record.regionCode),
    ).requireInnovativeTitleForSpecialized,
    reReview: record.reReviewOf !== null,
  });

const notEligible = (record: ApplicationRecord, assessment: Assessment) =>
  new DomainError(
    'RULE_NOT_MET',
    msg('problem.ruleNotMet.tier', { tier: msg(`tier.${record.tier}`) }),
    {
      reasons: assessment.reasons,
    },
  );

/**
 * The facts a facts.confirm confirms: the experts confirm the three judgments; the local-feature
 * points and the sector are the authority's (403 for an expert).
 */
const confirmationOf = (command: SendApplicationEvent): FactConfirmations => {
  const data = (command.data ?? {}) as FactConfirmations;
  if (Object.keys(data).length === 0) {
    throw new DomainError('VALIDATION_FAILED', 'facts.confirm needs the facts it confirms', {
      errors: [{ field: 'data', message: 'facts.confirm must confirm at least one fact' }],
    });
  }
  const actor = command.actor;
  const expert = actor.kind === 'user' && actor.role === 'expert';
  const authorityOnly = AUTHORITY_CONFIRMED_FACTS.filter((key) => data[key] !== undefined);
  if (expert && authorityOnly.length > 0) {
    throw new DomainError(
      'FORBIDDEN',
      `Experts do not set ${authorityOnly.join(' or ')}: the authority does`,
    );
  }
  return data;
};

/**
 * An event sent to an application (§7.1). In order: the role may send it at all (403), a return
 * or rejection gives reasons (400), the call is still open for a submission (422), the access
 * table and the machine accept it now (409), the rules pass for a submission (422). Certification
 * issues the title, or renews the one under re-review; a failed re-review ends that title.
 */
export const decideApplicationEvent = (input: {
  record: ApplicationRecord;
  command: SendApplicationEvent;
  reads: EventReads;
  at: string;
  policy: ApplicationPolicy;
}): Decision<ApplicationRecord> => {
  const { record, command, reads, at, policy } = input;
  const { actor, type } = command;
  const workflow = workflowOfRecord(record);
  if (!mayEverSend(actor, type, workflow.transitions())) {
    throw new DomainError('FORBIDDEN', `The ${describeActor(actor)} may not send ${type}`);
  }
  if (EVENTS_REQUIRING_REASONS.includes(type) && !command.reasons?.length && !command.comment) {
    throw new DomainError('VALIDATION_FAILED', `${type} needs reasons or a comment`, {
      errors: [{ field: 'reasons', message: `${type} must give at least one reason` }],
    });
  }
  const closed = callWindowRefusal(type, record.snapshot.context.callClosesAt, at);
  if (closed) throw closed;
  const confirmation = type === 'facts.confirm' ? confirmationOf(command) : undefined;
  const purpose = deadlinePurposeOf(type);
  const dueAt = purpose
    ? workingDayDeadline(
        at,
        purpose === 'notice'
          ? (reads.callNoticeWorkingDays ?? policy.noticeWorkingDays)
          : policy.returnWorkingDays,
        policy.calendar,
      )
    : command.dueAt;
  const event: ApplicationEvent = {
    type,
    at,
    actor: toActorRef(actor),
    ...(command.requestId ? { requestId: command.requestId } : {}),
    ...(command.comment ? { comment: command.comment } : {}),
    ...(command.reasons ? { reasons: command.reasons } : {}),
    ...(command.data ? { data: command.data } : {}),
    ...(dueAt ? { dueAt } : {}),
    ...(command.timerId ? { timerId: command.timerId } : {}),
  };
  const outcome = maySendInState(actor, type, record.state)
    ? workflow.send(record.snapshot, event)
    : undefined;
  if (!outcome?.changed) {
    throw new DomainError(
      'INVALID_TRANSITION',
      msg('problem.eventNotAllowed', { event: type, state: record.state }),
      {
        allowedEvents: allowedApplicationEvents(record, actor, at),
      },
    );
  }
  let assessment: Assessment | undefined;
  if (ASSESSED_EVENTS.has(type)) {
    checkDocuments(record, type, reads, policy);
    const lost = eligibilityLost(record, reads.titles, at, policy);
    if (lost)
      throw new DomainError(lost.code, sentenceList(lost.reasons), { reasons: lost.reasons });
    assessment = assessRecord(record, at, reads.enterpriseSector, policy);
    if (!assessment.eligible) throw notEligible(record, assessment);
  }
  if (REASSESSED_EVENTS.has(type)) {
    if (
      policy.requireExpertReview &&
      record.tier !== 'innovative_sme' &&
      (record.state === 'provincialReview' || record.state === 'expertReview') &&
      record.snapshot.context.expertReviewCount === 0
    ) {
      throw new DomainError('RULE_NOT_MET', 'No expert review has been recorded', {
        reasons: [
          'The experts review a specialized-SME or little-giant application before its notice (§5.3, §5.4): record their review first.',
        ],
      });
    }
    // The notice publishes a verdict: judged again on what the experts and the authority confirmed.
    assessment = assessRecord(
      record,
      at,
      reads.enterpriseSector,
      policy,
      record.confirmedFacts ?? {},
    );
    if (!assessment.eligible) throw notEligible(record, assessment);
  }
  // Certification: a bar or a lapsed prerequisite since the submission ends the application
  // instead of granting the title (H1).
  const certifies = outcome.effects.some((e) => e.type === 'issueCertificate');
  const lost = certifies ? eligibilityLost(record, reads.titles, at, policy) : null;
  if (lost) {
    return decideApplicationEvent({
      record,
      command: {
        ...command,
        type: 'eligibility.lapse',
        actor: SYSTEM_ACTOR,
        reasons: lost.reasons,
        data: { instead: type, requestedBy: toActorRef(actor) },
      },
      reads,
      at,
      policy,
    });
  }
  const state = outcome.snapshot.value;
  const settlement = settle(record, state, outcome.effects, reads.newCertificateId, command);
  const effects: Effect[] = timerEffectsOf(outcome.effects);
  if (type === 'objection.file' && command.objection) {
    const { id, name, contact, reason, evidence } = command.objection;
    effects.push({
      type: 'fileObjection',
      objection: {
        id,
        applicationId: record.id,
        name,
        contact,
        reason,
        evidence: evidence ?? null,
        status: 'open',
        createdAt: at,
        decidedAt: null,
      },
    });
  }
  const objectionOutcome = OBJECTION_OUTCOMES[type];
  if (objectionOutcome) effects.push({ type: 'decideObjections', outcome: objectionOutcome });
  const audit: AuditEntry = {
    at,
    actor: event.actor,
    subject: { type: 'application', id: record.id },
    enterpriseId: record.enterpriseId,
    regionCode: record.regionCode,
    event: type,
    fromState: record.state,
    toState: state,
    comment: command.comment ?? null,
    data: applicationEventAuditData({
      record,
      version: record.version + 1,
      event,
      ...(assessment ? { assessment } : {}),
      ...(ASSESSED_EVENTS.has(type) ? { documents: manifestOf(reads.documents ?? []) } : {}),
    }),
    requestId: command.requestId,
  };
  return {
    write: {
      update: {
        state,
        snapshot: outcome.snapshot,
        updatedAt: at,
        ...(settlement.certificateId ? { certificateId: settlement.certificateId } : {}),
        ...(assessment ? { assessment } : {}),
        ...(confirmation ? { confirmedFacts: { ...record.confirmedFacts, ...confirmation } } : {}),
      },
    },
    effects,
    audit,
    followUps: settlement.followUps,
  };
};

/** Certification issues a title or renews the one under re-review; a failed re-review ends it. */
const settle = (
  record: ApplicationRecord,
  state: ApplicationRecord['state'],
  machineEffects: readonly { type: string }[],
  newCertificateId: string,
  command: SendApplicationEvent,
): { certificateId?: string; followUps: Command[] } => {
  const system = { actor: SYSTEM_ACTOR, requestId: command.requestId };
  // The certificate under re-review was revoked: that revocation settled it already.
  if (command.type === 'eligibility.lapse' && command.settlesCertificate === false) {
    return { followUps: [] };
  }
  const certifies = machineEffects.some((e) => e.type === 'issueCertificate');
  if (certifies && !record.reReviewOf) {
    return {
      certificateId: newCertificateId,
      followUps: [
        {
          ...system,
          subject: 'certificate',
          kind: 'issue',
          id: newCertificateId,
          applicationId: record.id,
          enterpriseId: record.enterpriseId,
          regionCode: record.regionCode,
          tier: record.tier,
        },
      ],
    };
  }
  if (certifies && record.reReviewOf) {
    return {
      certificateId: record.reReviewOf,
      followUps: [
        {
          ...system,
          subject: 'certificate',
          kind: 'event',
          id: record.reReviewOf,
          type: 'reReview.pass',
          applicationId: record.id,
        },
      ],
    };
  }
  if (record.reReviewOf && (state === 'rejected' || state === 'withdrawn')) {
    return {
      followUps: [
        {
          ...system,
          subject: 'certificate',
          kind: 'event',
          id: record.reReviewOf,
          type: 'reReview.fail',
          applicationId: record.id,
        },
      ],
    };
  }
  return { followUps: [] };
};
