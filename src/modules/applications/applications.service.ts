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
import { toActorRef, type Actor } from '../../domain/access/roles';
import { canonicalJson } from '../../domain/audit/hash-chain';
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
import type { Tier } from '../../domain/certification/tier';
import { DomainError } from '../../domain/errors';
import type { Assessment, RuleSetId } from '../../domain/scoring/assessment';
import { chinaDateOf } from '../../domain/calendar/working-days';
import { checkPrerequisites } from '../../domain/certification/prerequisites';
import { Clock } from '../../shared/clock';
import { newId } from '../../shared/ids';
import {
  DEFAULT_PAGE_SIZE,
  decodeCursor,
  toPage,
  type Page,
} from '../../shared/pagination/pagination';
import { insertRow } from '../../shared/persistence/insert-row';
import { execute, select } from '../../shared/persistence/raw-sql';
import { TransactionRunner } from '../../shared/persistence/transaction-runner';
import { AuditLogRepository } from '../audit/audit-log.repository';
import type { AuditEventView } from '../audit/audit.types';
import { AssessmentsService } from '../assessments/assessments.service';
import { CertificatesService } from '../certificates/certificates.service';
import { EnterpriseEntity } from '../enterprises/enterprise.entity';
import { TimersService } from '../timers/timers.service';
import { ApplicationEntity } from './application.entity';
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
};

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
    const facts = toPlainFacts(input.facts);
    const factsHash = sha256OfFacts(facts);
    const row = await this.tx.run(async (em) => {
      const enterprise = await em.findOneBy(EnterpriseEntity, { id: input.enterpriseId });
      if (!enterprise || actor.enterpriseId !== enterprise.id) {
        throw new DomainError('NOT_FOUND', `enterprise ${input.enterpriseId} not found`);
      }
      const ruleSet = this.assessments.ruleSetFor(at);
      await this.checkMayApply(em, enterprise, input.tier, ruleSet, at);
      const workflow = workflowForTier(input.tier);
      const id = newId();
      const { snapshot, effects } = workflow.start({ applicationId: id, tier: input.tier });
      const row: ApplicationEntity = {
        id,
        enterpriseId: enterprise.id,
        regionCode: enterprise.regionCode,
        tier: input.tier,
        state: snapshot.value,
        version: 1,
        ruleSet,
        machineId: workflow.id,
        machineVersion: workflow.version,
        snapshot,
        facts,
        factsHash,
        assessment: null,
        callId: input.callId ?? null,
        certificateId: null,
        createdAt: at,
        updatedAt: at,
      };
      await insertRow(em, ApplicationEntity, row);
      await this.timers.applyEffects(em, { type: 'application', id }, effects, at);
      await this.audit.append(em, {
        at,
        actor: toActorRef(actor),
        subject: { type: 'application', id },
        enterpriseId: row.enterpriseId,
        regionCode: row.regionCode,
        event: 'application.create',
        fromState: null,
        toState: row.state,
        data: {
          action: 'application.created',
          tier: row.tier,
          ruleSet,
          machineId: row.machineId,
          machineVersion: row.machineVersion,
          facts,
          factsHash,
        },
        requestId,
      });
      return row;
    });
    this.logger.log(
      { requestId, applicationId: row.id, tier: row.tier, to: row.state },
      'Application created',
    );
    return this.view(row, actor, at);
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
          {
            allowedEvents: allowedEventsFor(this.workflowOf(row), row.snapshot, actor, at),
          },
        );
      }
      const factsHash = sha256OfFacts(facts);
      const updated = await this.writeRow(em, row, { facts, factsHash, updatedAt: at });
      await this.audit.append(em, {
        at,
        actor: toActorRef(actor),
        subject: { type: 'application', id },
        enterpriseId: row.enterpriseId,
        regionCode: row.regionCode,
        event: 'application.facts.update',
        fromState: row.state,
        toState: row.state,
        data: { action: 'application.facts.updated', facts, factsHash },
        requestId,
      });
      return updated;
    });
    return this.view(row, actor, at);
  }

  /**
   * The command pipeline every state change goes through, in one transaction: load → resolve the
   * snapshot → may this caller send this event → transition → write with a version check →
   * timers → audit.
   */
  async send(command: EventCommand): Promise<ApplicationView> {
    const { actor, type } = command;
    const at = this.clock.nowIso();
    const { row, from, deadlines } = await this.tx.run(async (em) => {
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
      const purpose = deadlinePurposeOf(type);
      const event: ApplicationEvent = {
        type,
        at,
        actor: toActorRef(actor),
        ...(command.requestId ? { requestId: command.requestId } : {}),
        ...(command.comment ? { comment: command.comment } : {}),
        ...(command.reasons ? { reasons: command.reasons } : {}),
        ...(command.data ? { data: command.data } : {}),
        ...(purpose ? { dueAt: this.deadlines.dueAt(purpose, at) } : {}),
      };
      const outcome = maySendInState(actor, type, row.state)
        ? workflow.send(row.snapshot, event)
        : undefined;
      if (!outcome?.changed) {
        throw new DomainError(
          'INVALID_TRANSITION',
          `${type} is not allowed in state ${row.state}`,
          {
            allowedEvents: allowedEventsFor(workflow, row.snapshot, actor, at),
          },
        );
      }
      let assessment: Assessment | undefined;
      if (ASSESSED_EVENTS.has(type)) {
        assessment = await this.assessments.assessApplication(em, row, at);
        if (!assessment.eligible) {
          throw new DomainError(
            'RULE_NOT_MET',
            `The application does not meet the ${row.tier} rules`,
            {
              reasons: assessment.reasons,
            },
          );
        }
      }
      const issuesCertificate = outcome.effects.some((e) => e.type === 'issueCertificate');
      const certificateId = issuesCertificate ? newId() : undefined;
      const updated = await this.writeRow(em, row, {
        ...(certificateId ? { certificateId } : {}),
        state: outcome.snapshot.value,
        snapshot: outcome.snapshot,
        updatedAt: at,
        ...(assessment ? { assessment: assessment } : {}),
      });
      await this.timers.applyEffects(em, { type: 'application', id: row.id }, outcome.effects, at);
      if (certificateId) {
        await this.certificates.issue(em, {
          certificateId,
          applicationId: row.id,
          enterpriseId: row.enterpriseId,
          regionCode: row.regionCode,
          tier: row.tier,
          at,
          actor: event.actor,
          requestId: command.requestId,
        });
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
          ...(assessment ? { assessment } : {}),
        },
        requestId: command.requestId,
      });
      const deadlines = await this.timers.pendingFor({ type: 'application', id: row.id }, em);
      return { row: updated, from: row.state, deadlines };
    });
    this.logger.log(
      { requestId: command.requestId, applicationId: row.id, event: type, from, to: row.state },
      'Application transition',
    );
    return toApplicationView(
      row,
      allowedEventsFor(this.workflowOf(row), row.snapshot, actor, at),
      deadlines,
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
    if (query.enterpriseId)
      qb.andWhere('a.enterprise_id = :enterpriseId', { enterpriseId: query.enterpriseId });
    if (query.regionCode) {
      qb.andWhere('a.region_code LIKE :region', { region: `${regionPrefix(query.regionCode)}%` });
    }
    if (after) qb.andWhere('a.id > :after', { after });
    // Experts see only what is in review at their panel's level: filtered after the query, so
    // over-fetch a little and page on what remains.
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
      (r) => toApplicationView(r, allowedEventsFor(this.workflowOf(r), r.snapshot, actor, at), []),
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
    const [raw] = await select<ApplicationRow>(em, `${SELECT_APPLICATION} WHERE id = $1`, [id]);
    const row = raw ? fromRow(raw) : undefined;
    if (!row || !canViewApplication(actor, scopeOf(row))) throw notFound(id);
    return row;
  }

  /** Writes changed columns with the optimistic version check; a stale version is a 409. */
  private async writeRow(
    em: EntityManager,
    row: ApplicationEntity,
    changes: Partial<
      Pick<
        ApplicationEntity,
        'state' | 'snapshot' | 'facts' | 'factsHash' | 'assessment' | 'certificateId' | 'updatedAt'
      >
    >,
  ): Promise<ApplicationEntity> {
    const version = row.version + 1;
    const set: Record<string, unknown> = { version };
    if (changes.state !== undefined) set.state = changes.state;
    if (changes.snapshot !== undefined) set.snapshot = JSON.stringify(changes.snapshot);
    if (changes.facts !== undefined) set.facts = JSON.stringify(changes.facts);
    if (changes.factsHash !== undefined) set.facts_hash = changes.factsHash;
    if (changes.certificateId !== undefined) set.certificate_id = changes.certificateId;
    if (changes.assessment !== undefined) {
      set.assessment = changes.assessment === null ? null : JSON.stringify(changes.assessment);
    }
    if (changes.updatedAt !== undefined) set.updated_at = changes.updatedAt;
    const columns = Object.keys(set);
    const assignments = columns.map((c, i) => `${c} = $${i + 1}`).join(', ');
    const n = columns.length;
    const changed = await execute(
      em,
      `UPDATE applications SET ${assignments} WHERE id = $${n + 1} AND version = $${n + 2}`,
      [...columns.map((c) => set[c]), row.id, row.version],
    );
    if (changed !== 1) {
      throw new DomainError(
        'VERSION_CONFLICT',
        `application ${row.id} was changed by another request`,
      );
    }
    return { ...row, ...changes, version };
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

  private async view(row: ApplicationEntity, actor: Actor, at: string): Promise<ApplicationView> {
    const deadlines = await this.timers.pendingFor({ type: 'application', id: row.id });
    return toApplicationView(
      row,
      allowedEventsFor(this.workflowOf(row), row.snapshot, actor, at),
      deadlines,
    );
  }
}

const SELECT_APPLICATION = `SELECT id, enterprise_id, region_code, tier, state, version, rule_set,
  machine_id, machine_version, snapshot, facts, facts_hash, assessment, call_id, certificate_id,
  created_at, updated_at FROM applications`;

type ApplicationRow = {
  id: string;
  enterprise_id: string;
  region_code: string;
  tier: ApplicationEntity['tier'];
  state: ApplicationEntity['state'];
  version: number | string;
  rule_set: string;
  machine_id: string;
  machine_version: number | string;
  snapshot: string;
  facts: string;
  facts_hash: string | null;
  assessment: string | null;
  call_id: string | null;
  certificate_id: string | null;
  created_at: string;
  updated_at: string;
};

const fromRow = (r: ApplicationRow): ApplicationEntity => ({
  id: r.id,
  enterpriseId: r.enterprise_id,
  regionCode: r.region_code,
  tier: r.tier,
  state: r.state,
  version: Number(r.version),
  ruleSet: r.rule_set,
  machineId: r.machine_id,
  machineVersion: Number(r.machine_version),
  snapshot: JSON.parse(r.snapshot) as ApplicationEntity['snapshot'],
  facts: JSON.parse(r.facts) as ApplicationEntity['facts'],
  factsHash: r.facts_hash,
  assessment:
    r.assessment === null ? null : (JSON.parse(r.assessment) as ApplicationEntity['assessment']),
  callId: r.call_id,
  certificateId: r.certificate_id,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

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
