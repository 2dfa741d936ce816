import { createHash } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import {
  canViewApplication,
  maySendInState,
  mayEverSend,
  type ApplicationScope,
} from '../../domain/access/application-access';
import { regionPrefix } from '../../domain/access/region';
import { SYSTEM_ACTOR, toActorRef, type Actor } from '../../domain/access/roles';
import { canonicalJson } from '../../domain/audit/hash-chain';
import { chinaDateOf } from '../../domain/calendar/working-days';
import { allowedEventsFor } from '../../domain/certification/allowed-events';
import {
  AUDIT_ACTION_OF,
  deadlinePurposeOf,
  EVENTS_REQUIRING_REASONS,
  type ApplicationEvent,
  type ApplicationEventType,
} from '../../domain/certification/application.events';
import {
  workflowById,
  workflowForTier,
  type ApplicationWorkflow,
} from '../../domain/certification/application.machines';
import type { Facts } from '../../domain/certification/facts';
import { checkPrerequisites } from '../../domain/certification/prerequisites';
import type { Tier } from '../../domain/certification/tier';
import { DomainError } from '../../domain/errors';
import type { Assessment, RuleSetId } from '../../domain/scoring/assessment';
import { Clock } from '../../shared/clock';
import { newId } from '../../shared/ids';
import {
  DEFAULT_PAGE_SIZE,
  decodeCursor,
  toPage,
  type Page,
} from '../../shared/pagination/pagination';
import { execute, select } from '../../shared/persistence/raw-sql';
import { TransactionRunner } from '../../shared/persistence/transaction-runner';
import { AuditLogRepository } from '../audit/audit-log.repository';
import type { AuditEventView } from '../audit/audit.types';
import { AssessmentsService } from '../assessments/assessments.service';
import { CallsService } from '../calls/calls.service';
import type { CallEntity } from '../calls/call.entity';
import { CertificatesService } from '../certificates/certificates.service';
import { EnterpriseEntity } from '../enterprises/enterprise.entity';
import { TimersService, type DeadlineView } from '../timers/timers.service';
import { ApplicationEntity } from './application.entity';
import { insertApplication, loadApplication, writeApplication } from './application-store';
import { toApplicationView, type ApplicationView } from './application.view';
import { DeadlineCalculator } from './deadline-calculator';
import type { ListApplicationsQueryDto } from './dto/application.dto';

export type EventCommand = {
  applicationId: string;
  type: ApplicationEventType;
  comment?: string;
  reasons?: string[];
  data?: Record<string, unknown>;
  actor: Actor;
  requestId: string | null;
  /** From If-Match: the version the caller last saw. */
  expectedVersion?: number;
  /** Set by the scheduler: the timer this event fires (marked fired in the same transaction). */
  timerId?: string;
  /** deadline.reschedule: the new due date. */
  dueAt?: string;
};

type Sent = { row: ApplicationEntity; from: string; deadlines: DeadlineView[] };

const scopeOf = (row: ApplicationEntity): ApplicationScope => ({
  enterpriseId: row.enterpriseId,
  regionCode: row.regionCode,
  state: row.state,
});

const notFound = (id: string) => new DomainError('NOT_FOUND', `application ${id} not found`);

// Recorded with each decision so an auditor can prove which figures it was made on.
const sha256OfFacts = (facts: unknown): string =>
  createHash('sha256').update(canonicalJson(facts)).digest('hex');

// Submitting runs the assessment: the rules refuse what they refuse (422 with reasons).
const ASSESSED_EVENTS: ReadonlySet<ApplicationEventType> = new Set(['submit', 'resubmit']);
const OBJECTION_DECISIONS: Partial<Record<ApplicationEventType, 'upheld' | 'dismissed'>> = {
  'objection.uphold': 'upheld',
  'objection.dismiss': 'dismissed',
};

export type ObjectionInput = { name: string; contact: string; reason: string; evidence?: string };

@Injectable()
export class ApplicationsService {
  private readonly logger = new Logger(ApplicationsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
    private readonly audit: AuditLogRepository,
    private readonly timers: TimersService,
    private readonly deadlines: DeadlineCalculator,
    private readonly assessments: AssessmentsService,
    private readonly certificates: CertificatesService,
    private readonly calls: CallsService,
    private readonly clock: Clock,
  ) {}

  async create(
    input: { enterpriseId: string; tier: Tier; facts: Facts; callId?: string },
    actor: Actor,
    requestId: string | null,
  ): Promise<ApplicationView> {
    if (actor.kind !== 'user' || actor.role !== 'enterprise') {
      throw new DomainError('FORBIDDEN', 'Only an enterprise applies');
    }
    const at = this.clock.nowIso();
    const row = await this.tx.run(async (em) => {
      const enterprise = await em.findOneBy(EnterpriseEntity, { id: input.enterpriseId });
      if (!enterprise || actor.enterpriseId !== enterprise.id) {
        throw new DomainError('NOT_FOUND', `enterprise ${input.enterpriseId} not found`);
      }
      const call = await this.calls.callFor(em, {
        tier: input.tier,
        regionCode: enterprise.regionCode,
        at,
        ...(input.callId ? { callId: input.callId } : {}),
      });
      const ruleSet = (call?.ruleSet as RuleSetId | null) ?? this.assessments.ruleSetFor(at);
      await this.checkMayApply(em, enterprise, input.tier, ruleSet, at);
      return this.insertDraft(em, {
        enterprise,
        tier: input.tier,
        facts: input.facts,
        ruleSet,
        call,
        reReviewOf: null,
        actor,
        requestId,
        at,
      });
    });
    this.logger.log(
      { requestId, applicationId: row.id, tier: row.tier, to: row.state },
      'Application created',
    );
    return this.view(row, actor, at);
  }

  /**
   * §5.5: a re-review runs the same review chain. The enterprise files its figures; the application
   * is created and submitted at once (the rules must pass), and the certificate moves to
   * underReReview, all in one transaction.
   */
  async createReReview(
    certificateId: string,
    facts: Facts,
    actor: Actor,
    requestId: string | null,
  ): Promise<ApplicationView> {
    if (actor.kind !== 'user' || actor.role !== 'enterprise') {
      throw new DomainError('FORBIDDEN', 'Only the enterprise files its re-review');
    }
    const at = this.clock.nowIso();
    const sent = await this.tx.run(async (em) => {
      const certificate = await this.certificates.loadVisible(em, certificateId, actor);
      const enterprise = await em.findOneBy(EnterpriseEntity, { id: certificate.enterpriseId });
      if (!enterprise) throw new DomainError('NOT_FOUND', `certificate ${certificateId} not found`);
      const call = await this.calls.callFor(em, {
        tier: certificate.tier,
        regionCode: enterprise.regionCode,
        at,
        year: Number(certificate.validTo.slice(0, 4)),
      });
      // 2026 re-reviews of v2022 titles were judged by v2022; a call may set otherwise.
      const original = await loadApplication(em, certificate.applicationId);
      const ruleSet =
        (call?.ruleSet as RuleSetId | null) ??
        ((original?.ruleSet as RuleSetId | undefined) === 'v2022'
          ? 'v2022'
          : this.assessments.ruleSetFor(at));
      const draft = await this.insertDraft(em, {
        enterprise,
        tier: certificate.tier,
        facts: { ...facts, reReview: true },
        ruleSet,
        call,
        reReviewOf: certificate.id,
        actor,
        requestId,
        at,
      });
      const submitted = await this.sendInTransaction(
        em,
        { applicationId: draft.id, type: 'submit', actor, requestId },
        at,
      );
      await this.certificates.sendInTransaction(
        em,
        {
          certificateId,
          type: 'reReview.submit',
          actor,
          requestId,
          applicationId: draft.id,
        },
        at,
      );
      return submitted;
    });
    return toApplicationView(sent.row, this.allowed(sent.row, actor, at), sent.deadlines);
  }

  private async insertDraft(
    em: EntityManager,
    input: {
      enterprise: EnterpriseEntity;
      tier: Tier;
      facts: Facts;
      ruleSet: RuleSetId;
      call: CallEntity | null;
      reReviewOf: string | null;
      actor: Actor;
      requestId: string | null;
      at: string;
    },
  ): Promise<ApplicationEntity> {
    const facts = toPlainFacts(input.facts);
    const factsHash = sha256OfFacts(facts);
    const workflow = workflowForTier(input.tier);
    const id = newId();
    const { snapshot, effects } = workflow.start({
      applicationId: id,
      tier: input.tier,
      callClosesAt: input.call?.closesAt ?? null,
    });
    const row: ApplicationEntity = {
      id,
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
      factsHash,
      assessment: null,
      callId: input.call?.id ?? null,
      certificateId: null,
      reReviewOf: input.reReviewOf,
      createdAt: input.at,
      updatedAt: input.at,
    };
    await insertApplication(em, row);
    await this.timers.applyEffects(em, { type: 'application', id }, effects, input.at);
    await this.audit.append(em, {
      at: input.at,
      actor: toActorRef(input.actor),
      subject: { type: 'application', id },
      enterpriseId: row.enterpriseId,
      regionCode: row.regionCode,
      event: 'application.create',
      fromState: null,
      toState: row.state,
      data: {
        action: 'application.created',
        tier: row.tier,
        ruleSet: row.ruleSet,
        machineId: row.machineId,
        machineVersion: row.machineVersion,
        callId: row.callId,
        // The machine's input, so that replaying the history rebuilds the same snapshot.
        callClosesAt: input.call?.closesAt ?? null,
        reReviewOf: row.reReviewOf,
        facts,
        factsHash,
      },
      requestId: input.requestId,
    });
    return row;
  }

  /** The stored record (snapshot included) of an application the actor may see: for audits. */
  record(id: string, actor: Actor): Promise<ApplicationEntity> {
    return this.loadVisible(this.dataSource.manager, id, actor);
  }

  async get(id: string, actor: Actor): Promise<ApplicationView> {
    const row = await this.loadVisible(this.dataSource.manager, id, actor);
    return this.view(row, actor, this.clock.nowIso());
  }

  /** Edits facts while the application is with the enterprise (draft or returned). */
  async updateFacts(
    id: string,
    input: { facts: Facts },
    actor: Actor,
    requestId: string | null,
    expectedVersion?: number,
  ): Promise<ApplicationView> {
    const at = this.clock.nowIso();
    const facts = toPlainFacts(input.facts);
    const row = await this.tx.run(async (em) => {
      const row = await this.loadVisible(em, id, actor);
      if (actor.kind !== 'user' || actor.role !== 'enterprise') {
        throw new DomainError('FORBIDDEN', `The ${actor.role} role may not edit an application`);
      }
      checkExpectedVersion(row, expectedVersion);
      if (row.state !== 'draft' && row.state !== 'returned') {
        throw new DomainError(
          'INVALID_TRANSITION',
          `Facts can be edited only in draft or returned, not in ${row.state}`,
          { allowedEvents: this.allowed(row, actor, at) },
        );
      }
      const merged = row.reReviewOf ? { ...facts, reReview: true } : facts;
      const factsHash = sha256OfFacts(merged);
      const updated = await writeApplication(em, row, { facts: merged, factsHash, updatedAt: at });
      await this.audit.append(em, {
        at,
        actor: toActorRef(actor),
        subject: { type: 'application', id },
        enterpriseId: row.enterpriseId,
        regionCode: row.regionCode,
        event: 'application.facts.update',
        fromState: row.state,
        toState: row.state,
        data: { action: 'application.facts.updated', facts: merged, factsHash },
        requestId,
      });
      return updated;
    });
    return this.view(row, actor, at);
  }

  /** The command pipeline, in a transaction of its own. */
  async send(command: EventCommand): Promise<ApplicationView> {
    const at = this.clock.nowIso();
    const { row, from, deadlines } = await this.tx.run((em) =>
      this.sendInTransaction(em, command, at),
    );
    this.logger.log(
      {
        requestId: command.requestId,
        applicationId: row.id,
        event: command.type,
        from,
        to: row.state,
      },
      'Application transition',
    );
    return toApplicationView(row, this.allowed(row, command.actor, at), deadlines);
  }

  /**
   * The command pipeline every state change goes through, inside the caller's transaction: load →
   * resolve the snapshot → may this caller send this event → transition → write with a version
   * check → timers → certificates → audit.
   */
  async sendInTransaction(em: EntityManager, command: EventCommand, at: string): Promise<Sent> {
    const { actor, type } = command;
    const row = await this.loadVisible(em, command.applicationId, actor);
    checkExpectedVersion(row, command.expectedVersion);
    const workflow = this.workflowOf(row);
    if (!mayEverSend(actor, type, workflow.transitions())) {
      throw new DomainError('FORBIDDEN', `The ${describeActor(actor)} may not send ${type}`);
    }
    if (EVENTS_REQUIRING_REASONS.includes(type) && !command.reasons?.length && !command.comment) {
      throw new DomainError('VALIDATION_FAILED', `${type} needs reasons or a comment`, {
        errors: [{ field: 'reasons', message: `${type} must give at least one reason` }],
      });
    }
    if (command.timerId && !(await this.timers.markFired(em, command.timerId, at))) {
      throw new DomainError('INVALID_TRANSITION', `timer ${command.timerId} was already handled`);
    }
    const callClosesAt = row.snapshot.context.callClosesAt;
    if ((type === 'submit' || type === 'resubmit') && callClosesAt && at > callClosesAt) {
      throw new DomainError('CALL_CLOSED', `The call closed at ${callClosesAt}`, {
        reasons: [`Applications to this call were taken until ${callClosesAt}.`],
      });
    }
    const event = await this.buildEvent(em, row, command, at);
    const outcome = maySendInState(actor, type, row.state)
      ? workflow.send(row.snapshot, event)
      : undefined;
    if (!outcome?.changed) {
      throw new DomainError('INVALID_TRANSITION', `${type} is not allowed in state ${row.state}`, {
        allowedEvents: allowedEventsFor(workflow, row.snapshot, actor, at),
      });
    }
    let assessment: Assessment | undefined;
    if (ASSESSED_EVENTS.has(type)) {
      assessment = await this.assessments.assessApplication(em, row, at);
      if (!assessment.eligible) {
        throw new DomainError(
          'RULE_NOT_MET',
          `The application does not meet the ${row.tier} rules`,
          { reasons: assessment.reasons },
        );
      }
    }
    const certifies = outcome.effects.some((e) => e.type === 'issueCertificate');
    // A re-review renews the certificate it is for; a first application earns a new one.
    const certificateId = certifies ? (row.reReviewOf ?? newId()) : undefined;
    const updated = await writeApplication(em, row, {
      ...(certificateId ? { certificateId } : {}),
      state: outcome.snapshot.value,
      snapshot: outcome.snapshot,
      updatedAt: at,
      ...(assessment ? { assessment: assessment } : {}),
    });
    await this.timers.applyEffects(em, { type: 'application', id: row.id }, outcome.effects, at);
    const decision = OBJECTION_DECISIONS[type];
    if (decision) {
      await execute(
        em,
        `UPDATE objections SET status = $1, decided_at = $2 WHERE application_id = $3 AND status = 'open'`,
        [decision, at, row.id],
      );
    }
    await this.audit.append(em, {
      at,
      actor: event.actor,
      subject: { type: 'application', id: row.id },
      enterpriseId: row.enterpriseId,
      regionCode: row.regionCode,
      event: type,
      fromState: row.state,
      toState: updated.state,
      comment: command.comment ?? null,
      data: {
        action: AUDIT_ACTION_OF[type],
        machineId: row.machineId,
        machineVersion: row.machineVersion,
        version: updated.version,
        factsHash: row.factsHash,
        ...(command.reasons ? { reasons: command.reasons } : {}),
        ...(command.data ? { data: command.data } : {}),
        ...(event.dueAt ? { dueAt: event.dueAt } : {}),
        ...(command.timerId ? { timerId: command.timerId } : {}),
        ...(assessment ? { assessment } : {}),
      },
      requestId: command.requestId,
    });
    await this.settleCertificate(em, row, updated, certificateId, command, at);
    const deadlines = await this.timers.pendingFor({ type: 'application', id: row.id }, em);
    return { row: updated, from: row.state, deadlines };
  }

  /** Certification issues a title or renews the one under re-review; a failed re-review ends it. */
  private async settleCertificate(
    em: EntityManager,
    before: ApplicationEntity,
    after: ApplicationEntity,
    certificateId: string | undefined,
    command: EventCommand,
    at: string,
  ): Promise<void> {
    const base = { actor: SYSTEM_ACTOR, requestId: command.requestId };
    if (certificateId && !before.reReviewOf) {
      await this.certificates.issue(em, {
        certificateId,
        applicationId: after.id,
        enterpriseId: after.enterpriseId,
        regionCode: after.regionCode,
        tier: after.tier,
        at,
        actor: toActorRef(SYSTEM_ACTOR),
        requestId: command.requestId,
      });
    } else if (certificateId && before.reReviewOf) {
      await this.certificates.sendInTransaction(
        em,
        {
          ...base,
          certificateId: before.reReviewOf,
          type: 'reReview.pass',
          applicationId: after.id,
        },
        at,
      );
    } else if (before.reReviewOf && (after.state === 'rejected' || after.state === 'withdrawn')) {
      await this.certificates.sendInTransaction(
        em,
        {
          ...base,
          certificateId: before.reReviewOf,
          type: 'reReview.fail',
          applicationId: after.id,
        },
        at,
      );
    }
  }

  private async buildEvent(
    em: EntityManager,
    row: ApplicationEntity,
    command: EventCommand,
    at: string,
  ): Promise<ApplicationEvent> {
    let dueAt: string | undefined = command.dueAt;
    const purpose = deadlinePurposeOf(command.type);
    if (purpose) {
      const call = row.callId ? await this.calls.get(em, row.callId) : undefined;
      dueAt = this.deadlines.dueAt(purpose, at, call?.noticeWorkingDays ?? undefined);
    }
    return {
      type: command.type,
      at,
      actor: toActorRef(command.actor),
      ...(command.requestId ? { requestId: command.requestId } : {}),
      ...(command.comment ? { comment: command.comment } : {}),
      ...(command.reasons ? { reasons: command.reasons } : {}),
      ...(command.data ? { data: command.data } : {}),
      ...(dueAt ? { dueAt } : {}),
      ...(command.timerId ? { timerId: command.timerId } : {}),
    };
  }

  /**
   * A real-name objection during a public notice (no account needed): stored with the contact
   * details, sent through the pipeline as objection.file, which suspends the notice timer.
   */
  async fileObjection(
    applicationId: string,
    input: ObjectionInput,
    requestId: string,
  ): Promise<{ objectionId: string; applicationId: string; state: string }> {
    const at = this.clock.nowIso();
    const objectionId = newId();
    const actor: Actor = { kind: 'public', id: `objection:${objectionId}`, role: 'public' };
    const sent = await this.tx.run(async (em) => {
      await execute(
        em,
        `INSERT INTO objections (id, application_id, name, contact, reason, evidence, status, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, 'open', $7)`,
        [
          objectionId,
          applicationId,
          input.name,
          input.contact,
          input.reason,
          input.evidence ?? null,
          at,
        ],
      );
      return this.sendInTransaction(
        em,
        {
          applicationId,
          type: 'objection.file',
          actor,
          requestId,
          comment: input.reason,
          data: { objectionId, name: input.name, hasEvidence: input.evidence !== undefined },
        },
        at,
      );
    });
    return { objectionId, applicationId, state: sent.row.state };
  }

  /** Applications now under public notice, with the end of the notice (public, no auth). */
  async publicNotices(query: { limit?: number; cursor?: string }) {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const after = decodeCursor(query.cursor);
    const rows = await select<{
      id: string;
      name: string;
      credit_code: string;
      tier: string;
      region_code: string;
      state: string;
      due_at: string | null;
    }>(
      this.dataSource.manager,
      `SELECT a.id, e.name, e.credit_code, a.tier, a.region_code, a.state, t.due_at
         FROM applications a
         JOIN enterprises e ON e.id = a.enterprise_id
         LEFT JOIN timers t ON t.subject_type = 'application' AND t.subject_id = a.id
                           AND t.purpose = 'notice' AND t.status = 'pending'
        WHERE a.state IN ('publicNotice', 'nationalNotice') AND a.id > $1
        ORDER BY a.id LIMIT $2`,
      [after ?? '', limit + 1],
    );
    return toPage(
      rows,
      limit,
      (r) => r.id,
      (r) => ({
        applicationId: r.id,
        enterpriseName: r.name,
        creditCode: r.credit_code,
        tier: r.tier,
        regionCode: r.region_code,
        level: r.state === 'nationalNotice' ? 'national' : 'provincial',
        noticeEndsAt: r.due_at,
      }),
    );
  }

  async list(query: ListApplicationsQueryDto, actor: Actor): Promise<Page<ApplicationView>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const after = decodeCursor(query.cursor);
    const qb = this.dataSource.getRepository(ApplicationEntity).createQueryBuilder('a');
    if (actor.kind !== 'user') return { items: [], nextCursor: null };
    switch (actor.role) {
      case 'enterprise':
        qb.andWhere('a.enterprise_id = :own', { own: actor.enterpriseId ?? '' });
        break;
      case 'reviewer':
      case 'auditor':
      case 'expert': {
        const j = actor.jurisdiction;
        if (!j) return { items: [], nextCursor: null };
        if (j.level !== 'national') {
          qb.andWhere('a.region_code LIKE :scope', {
            scope: `${regionPrefix(j.regionCode ?? '')}%`,
          });
        }
        break;
      }
      case 'admin':
        break;
      default:
        return { items: [], nextCursor: null };
    }
    if (query.tier) qb.andWhere('a.tier = :tier', { tier: query.tier });
    if (query.state) qb.andWhere('a.state = :state', { state: query.state });
    if (query.enterpriseId) {
      qb.andWhere('a.enterprise_id = :enterpriseId', { enterpriseId: query.enterpriseId });
    }
    if (query.regionCode) {
      qb.andWhere('a.region_code LIKE :region', { region: `${regionPrefix(query.regionCode)}%` });
    }
    if (after) qb.andWhere('a.id > :after', { after });
    // Experts see only what is in review at their panel's level: filtered after the query.
    const rows = (
      await qb
        .orderBy('a.id', 'ASC')
        .limit(limit + 1)
        .getMany()
    ).filter((row) => canViewApplication(actor, scopeOf(row)));
    const at = this.clock.nowIso();
    return toPage(
      rows,
      limit,
      (r) => r.id,
      (r) => toApplicationView(r, this.allowed(r, actor, at), []),
    );
  }

  async history(id: string, actor: Actor): Promise<{ items: AuditEventView[] }> {
    await this.loadVisible(this.dataSource.manager, id, actor);
    return { items: await this.audit.forSubject('application', id) };
  }

  /**
   * §5.6, §5.7: the lower title where required, no running revocation bar, no title of this tier
   * already held, and one open application per tier at a time.
   */
  private async checkMayApply(
    em: EntityManager,
    enterprise: EnterpriseEntity,
    tier: Tier,
    ruleSet: RuleSetId,
    at: string,
  ): Promise<void> {
    const config = this.assessments.configFor(ruleSet, enterprise.regionCode);
    const refusal = checkPrerequisites({
      tier,
      date: chinaDateOf(at),
      titles: await this.certificates.titlesOf(em, enterprise.id),
      requireInnovativeTitleForSpecialized: config.requireInnovativeTitleForSpecialized,
    });
    if (refusal) {
      throw new DomainError(refusal.code, refusal.reasons.join(' '), { reasons: refusal.reasons });
    }
    const open = await select<{ id: string }>(
      em,
      `SELECT id FROM applications WHERE enterprise_id = $1 AND tier = $2
          AND state NOT IN ('certified', 'rejected', 'withdrawn')`,
      [enterprise.id, tier],
    );
    if (open.length > 0) {
      throw new DomainError('DUPLICATE', `The enterprise already has an open ${tier} application`, {
        reasons: [`Application ${open[0]!.id} for this tier is still open.`],
      });
    }
  }

  private async loadVisible(
    em: EntityManager,
    id: string,
    actor: Actor,
  ): Promise<ApplicationEntity> {
    const row = await loadApplication(em, id);
    if (!row || !canViewApplication(actor, scopeOf(row))) throw notFound(id);
    return row;
  }

  private workflowOf(row: ApplicationEntity): ApplicationWorkflow {
    const workflow = workflowById(row.machineId);
    if (!workflow || workflow.version !== row.machineVersion) {
      throw new Error(
        `No machine ${row.machineId} v${row.machineVersion} for application ${row.id}`,
      );
    }
    return workflow;
  }

  private allowed(row: ApplicationEntity, actor: Actor, at: string): ApplicationEventType[] {
    return allowedEventsFor(this.workflowOf(row), row.snapshot, actor, at);
  }

  private async view(row: ApplicationEntity, actor: Actor, at: string): Promise<ApplicationView> {
    const deadlines = await this.timers.pendingFor({ type: 'application', id: row.id });
    return toApplicationView(row, this.allowed(row, actor, at), deadlines);
  }
}

const checkExpectedVersion = (row: ApplicationEntity, expected: number | undefined): void => {
  if (expected !== undefined && row.version !== expected) {
    throw new DomainError(
      'PRECONDITION_FAILED',
      `application ${row.id} is at version ${row.version}, not ${expected}`,
    );
  }
};

const describeActor = (actor: Actor): string =>
  actor.kind === 'user' && actor.jurisdiction
    ? `${actor.jurisdiction.level}-level ${actor.role}`
    : `${actor.role} role`;

/** DTO instances become plain JSON: what is stored is exactly what was validated. */
const toPlainFacts = (facts: Facts): Record<string, unknown> =>
  JSON.parse(JSON.stringify(facts)) as Record<string, unknown>;
