import { Injectable, Logger, Optional } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CallRecord } from '../../domain/certification/calls';
import {
  createsSubject,
  type ApplicationCommand,
  type CertificateCommand,
  type Command,
  type CreateCluster,
  type JoinCluster,
  type OpenCall,
  type RescheduleTimer,
  type SetTarget,
} from '../../domain/certification/commands';
import type {
  ApplicationRecord,
  CertificateRecord,
  TimerRecord,
} from '../../domain/certification/records';
import { isTier, type Tier } from '../../domain/certification/tier';
import { DomainError } from '../../domain/errors';
import type {
  ClusterMemberRecord,
  ClusterRecord,
  TargetRecord,
} from '../../domain/statistics/targets-and-clusters';
import { Clock } from '../../infra/clock';
import { Metrics } from '../../infra/metrics/metrics';
import { inSavepoint, TransactionRunner } from '../../infra/persistence/transaction-runner';
import { AuditLogRepository } from '../audit-log/audit-log.repository';
import { TimerRepository } from '../timers/timer.repository';
import { ApplicationHandler } from './application.handler';
import { CallHandler } from './call.handler';
import { CertificateHandler } from './certificate.handler';
import { EffectRunner } from './effect-runner';
import type { SubjectHandler } from './subject-handler';
import { TimerHandler } from './timer.handler';
import { msg } from '../../domain/i18n/message';
import { ClusterHandler, ClusterMemberHandler, TargetHandler } from './statistics.handlers';

/** The row a command's subject is stored as. */
export type RowOf<C extends Command> = C extends ApplicationCommand
  ? ApplicationRecord
  : C extends CertificateCommand
    ? CertificateRecord
    : C extends RescheduleTimer
      ? TimerRecord
      : C extends OpenCall
        ? CallRecord
        : C extends SetTarget
          ? TargetRecord
          : C extends CreateCluster
            ? ClusterRecord
            : C extends JoinCluster
              ? ClusterMemberRecord
              : never;

/** The event a command sends (its kind for commands that are not machine events). */
const eventOf = (command: Command): string =>
  'type' in command && typeof command.type === 'string' ? command.type : command.kind;

const tierOf = (row: object): { tier?: Tier } =>
  'tier' in row && isTier(row.tier) ? { tier: row.tier } : {};

/** The subject after the command: its row as written, and the state it left. */
export type Outcome<R> = { row: R; from: string | null };

/** One command's outcome in runTogether: done, or refused (its savepoint rolled back). */
export type TogetherOutcome<R> =
  { ok: true; outcome: Outcome<R> } | { ok: false; error: DomainError };

/** Thrown to roll back a runTogether transaction that its settle step did not commit. */
class RolledBack extends Error {}

type Transition = {
  requestId: string | null;
  subject: string;
  id: string;
  event: string;
  from: string | null;
  to: string | null;
};

/**
 * The one writer of state. Every command of every subject runs the same steps in one
 * transaction: load → may the caller see it (else 404) → If-Match (412) → the subject's reads and
 * its pure decider (403, 400, 409, 422 are refusals of the decider) → the timer it fires, marked
 * fired exactly once → the versioned write (a stale one is 409) → the effects (timers, objections)
 * → the audit event → the follow-up commands, through these same steps. (In `run`, the audit
 * events are held and written in this order after the answer's reads, just before the commit.)
 * Anything refused rolls the whole transaction back: state, timers and audit never disagree.
 */
@Injectable()
export class CommandPipeline {
  private readonly logger = new Logger('CommandPipeline');

  constructor(
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
    private readonly audit: AuditLogRepository,
    private readonly timers: TimerRepository,
    private readonly effects: EffectRunner,
    private readonly applications: ApplicationHandler,
    private readonly certificates: CertificateHandler,
    private readonly timerSubjects: TimerHandler,
    private readonly calls: CallHandler,
    private readonly targets: TargetHandler,
    private readonly clusters: ClusterHandler,
    private readonly clusterMembers: ClusterMemberHandler,
    @Optional() private readonly metrics?: Metrics,
  ) {}

  /**
   * Runs a command in a transaction of its own; `then` reads what the answer needs inside it. The
   * audit events of the command and its follow-ups are written after `then`, in their order, as
   * the transaction's last writes (AuditLogRepository.appendingLast). The transitions are logged
   * once the transaction has committed.
   */
  async run<C extends Command, T = Outcome<RowOf<C>>>(
    command: C,
    then?: (em: EntityManager, outcome: Outcome<RowOf<C>>, at: string) => Promise<T>,
  ): Promise<T> {
    const at = this.clock.nowIso();
    const trail: Transition[] = [];
    let result: T;
    try {
      // The audit events are written last, after the answer's reads (the chain lock is short).
      result = await this.tx.run((em) =>
        this.audit.appendingLast(em, async () => {
          const outcome = await this.execute(em, command, at, trail);
          return then ? then(em, outcome, at) : (outcome as T);
        }),
      );
    } catch (error) {
      const outcome = error instanceof DomainError ? error.code : 'error';
      this.metrics?.transition(command.subject, eventOf(command), outcome);
      throw error;
    }
    this.committed(trail);
    return result;
  }

  /**
   * Runs commands together in one transaction (an all-or-nothing batch). Each is tried in a
   * savepoint of its own, so a refused one leaves nothing behind and the next still sees a clean
   * transaction (PostgreSQL aborts a transaction on a failed statement, not a savepoint).
   * `settle` reads every outcome and says whether the whole commits; when it does not, everything
   * rolls back and its value is still returned. Errors other than refusals fail the transaction.
   */
  async runTogether<C extends Command, T>(
    commands: readonly C[],
    settle: (
      em: EntityManager,
      outcomes: TogetherOutcome<RowOf<C>>[],
      at: string,
    ) => Promise<{ commit: boolean; value: T }>,
  ): Promise<T> {
    const at = this.clock.nowIso();
    let trail: Transition[] = [];
    let settled: { commit: boolean; value: T } | undefined;
    try {
      await this.tx.run(async (em) => {
        trail = [];
        const outcomes: TogetherOutcome<RowOf<C>>[] = [];
        for (const command of commands) {
          const mark = trail.length;
          const item = await inSavepoint(em, 'batch_item', () =>
            this.execute(em, command, at, trail),
          );
          if (item.ok) {
            outcomes.push({ ok: true, outcome: item.value });
            continue;
          }
          if (!(item.error instanceof DomainError)) throw item.error;
          trail.length = mark;
          this.metrics?.transition(command.subject, eventOf(command), item.error.code);
          outcomes.push({ ok: false, error: item.error });
        }
        settled = await settle(em, outcomes, at);
        if (!settled.commit) throw new RolledBack();
      });
    } catch (error) {
      if (!(error instanceof RolledBack) || !settled) throw error;
      return settled.value;
    }
    this.committed(trail);
    return settled!.value;
  }

  /** Logs and counts the transitions of a transaction that has committed. */
  private committed(trail: readonly Transition[]): void {
    for (const step of trail) {
      this.logger.log(step, 'Transition');
      this.metrics?.transition(step.subject, step.event, 'ok');
    }
  }

  /** Runs a command inside the caller's transaction (and its follow-ups after it). */
  execute<C extends Command>(
    em: EntityManager,
    command: C,
    at: string,
    trail: Transition[] = [],
  ): Promise<Outcome<RowOf<C>>> {
    const run = <K extends Command, R extends { id: string }>(
      handler: SubjectHandler<K, R>,
      typed: K,
    ) => this.step(em, handler, typed, at, trail) as unknown as Promise<Outcome<RowOf<C>>>;
    const typed: Command = command;
    switch (typed.subject) {
      case 'application':
        return run(this.applications, typed);
      case 'certificate':
        return run(this.certificates, typed);
      case 'timer':
        return run(this.timerSubjects, typed);
      case 'call':
        return run(this.calls, typed);
      case 'target':
        return run(this.targets, typed);
      case 'cluster':
        return run(this.clusters, typed);
      case 'clusterMember':
        return run(this.clusterMembers, typed);
    }
  }

  private async step<C extends Command, R extends { id: string }>(
    em: EntityManager,
    handler: SubjectHandler<C, R>,
    command: C,
    at: string,
    trail: Transition[],
  ): Promise<Outcome<R>> {
    let row: R | undefined;
    if (!createsSubject(command)) {
      row = await handler.load(em, command.id);
      if (!row || !handler.visibleTo(command.actor, row)) {
        throw new DomainError(
          'NOT_FOUND',
          msg('problem.notFound', { what: msg(`subject.${command.subject}`), id: command.id }),
        );
      }
      const version = handler.versionOf(row);
      if (command.expectedVersion !== undefined && version !== command.expectedVersion) {
        throw new DomainError(
          'PRECONDITION_FAILED',
          msg('problem.versionMismatch', {
            what: msg(`subject.${command.subject}`),
            id: command.id,
            version: String(version),
            expected: String(command.expectedVersion),
          }),
        );
      }
    }
    const decision = await handler.decide(em, command, row, at);
    if (command.timerId && !(await this.timers.markFired(em, command.timerId, at))) {
      throw new DomainError('INVALID_TRANSITION', `timer ${command.timerId} was already handled`);
    }
    const written = decision.write ? await handler.write(em, row, decision.write) : row;
    if (!written) throw new Error(`${command.subject} ${command.id}: a creation wrote nothing`);
    if (
      command.subject === 'application' ||
      command.subject === 'certificate' ||
      command.subject === 'call'
    ) {
      await this.effects.apply(em, { type: command.subject, id: written.id }, decision.effects, at);
    }
    if (decision.audit) {
      const audit = decision.audit;
      // The outbox row goes with the audit row (one round trip on PostgreSQL, in the chain lock).
      await this.audit.append(em, audit, (seq) =>
        this.effects.outboxStatement(
          { audit, seq, effects: decision.effects, ...tierOf(written) },
          at,
        ),
      );
      trail.push({
        requestId: command.requestId,
        subject: command.subject,
        id: written.id,
        event: decision.audit.event,
        from: row ? handler.stateOf(row) : null,
        to: handler.stateOf(written),
      });
    }
    for (const followUp of decision.followUps) await this.execute(em, followUp, at, trail);
    return { row: written, from: row ? handler.stateOf(row) : null };
  }
}
