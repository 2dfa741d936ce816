import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import type { Actor } from '../../domain/access/roles';
import {
  migrationPlan,
  planApplicationMigration,
  type MigrationPlan,
  type PendingTimer,
} from '../../domain/certification/application.migrations';
import {
  workflowVersion,
  workflowVersions,
  type ApplicationWorkflow,
} from '../../domain/certification/application.machines';
import { DomainError } from '../../domain/errors';
import { msg, type Msg } from '../../domain/i18n/message';
import { Clock } from '../../infra/clock';
import { newId } from '../../infra/ids';
import { TransactionRunner } from '../../infra/persistence/transaction-runner';
import { ApplicationRepository } from '../applications/application.repository';
import { BatchRepository, type BatchRecord } from '../batches/batch.repository';
import { TimerRepository } from '../timers/timer.repository';
import { CommandPipeline } from './command-pipeline';

/** Applications read per page while planning or migrating. */
const PAGE = 100;

export type DryRunItem = {
  applicationId: string;
  fromState: string;
  toState?: string;
  timers: { open: PendingTimer[]; cancel: PendingTimer[]; keep: PendingTimer[] };
  ok: boolean;
  reason?: Msg;
};

export type DryRun = {
  workflowId: string;
  from: number;
  to: number;
  items: DryRunItem[];
  summary: {
    total: number;
    ok: number;
    refused: number;
    /** How many land where: `fromState->toState` → count. */
    moves: Record<string, number>;
  };
};

const operationOf = (workflowId: string, from: number, to: number) =>
  `${workflowId}@${from}->${to}`;

/**
 * Migrations of running applications between versions of their machine (issue 19). The dry run
 * plans every application without changing anything; the migration runs the same plan, one
 * application at a time, each through the command pipeline (its own transaction and
 * `machine.migrated` audit event), with its progress in the batches table written in that same
 * transaction: after a crash it resumes where it stopped, and migrates nobody twice.
 */
@Injectable()
export class MigrationCommands implements OnApplicationBootstrap {
  private readonly logger = new Logger('MigrationCommands');
  private readonly runs = new Map<string, Promise<void>>();

  constructor(
    private readonly pipeline: CommandPipeline,
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
    private readonly applications: ApplicationRepository,
    private readonly timers: TimerRepository,
    private readonly batches: BatchRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Resumes the migrations a stopped process left running, in a process that runs background work
   * (SCHEDULER_ENABLED; the command-line tools do not).
   */
  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.scheduler.enabled) return;
    for (const batch of await this.batches.running('migration')) this.launch(batch.id);
  }

  async dryRun(workflowId: string, from: number, to: number): Promise<DryRun> {
    const { plan, target } = this.planOf(workflowId, from, to);
    const items: DryRunItem[] = [];
    let after = '';
    for (;;) {
      const page = await this.applications.openOnVersion(workflowId, from, after, PAGE);
      for (const record of page) {
        const pending = (await this.timers.pendingFor({ type: 'application', id: record.id })).map(
          (d): PendingTimer => ({ purpose: d.purpose, dueAt: d.dueAt }),
        );
        const step = planApplicationMigration(plan, target, record.snapshot, pending);
        items.push(
          step.ok
            ? {
                applicationId: record.id,
                fromState: step.fromState,
                toState: step.toState,
                timers: step.timers,
                ok: true,
              }
            : {
                applicationId: record.id,
                fromState: step.fromState,
                timers: { open: [], cancel: [], keep: [] },
                ok: false,
                reason: step.reason,
              },
        );
      }
      if (page.length < PAGE) break;
      after = page[page.length - 1]!.id;
    }
    const moves: Record<string, number> = {};
    for (const item of items) {
      const key = `${item.fromState}->${item.toState ?? 'refused'}`;
      moves[key] = (moves[key] ?? 0) + 1;
    }
    const ok = items.filter((i) => i.ok).length;
    return {
      workflowId,
      from,
      to,
      items,
      summary: { total: items.length, ok, refused: items.length - ok, moves },
    };
  }

  async start(
    workflowId: string,
    from: number,
    to: number,
    actor: Actor,
    requestId: string | null,
    /** At most this many applications now; the rest when the process next starts (see run). */
    options: { limit?: number } = {},
  ): Promise<{ migrationId: string }> {
    this.planOf(workflowId, from, to);
    const operation = operationOf(workflowId, from, to);
    // One migration of a version pair at a time: a second start answers with the running one.
    const [running] = (await this.batches.running('migration')).filter(
      (b) => b.operation === operation,
    );
    if (running) return { migrationId: running.id };
    const migrationId = newId();
    const at = this.clock.nowIso();
    const total = await this.applications.countOpenOnVersion(workflowId, from);
    await this.tx.run((em) =>
      this.batches.insert(em, {
        id: migrationId,
        kind: 'migration',
        operation,
        actorId: actor.id,
        atomic: false,
        status: 'running',
        total,
        ok: 0,
        refused: 0,
        params: { workflowId, from, to, cursor: '', actor, requestId },
        items: [],
        requestId,
        createdAt: at,
        updatedAt: at,
        finishedAt: null,
      }),
    );
    this.launch(migrationId, options.limit);
    return { migrationId };
  }

  /** Waits for a migration of this process to stop (done, or stopped by `limit`). */
  async settled(migrationId: string): Promise<void> {
    await this.runs.get(migrationId);
  }

  /**
   * Migrates the applications after the migration's cursor, at most `limit` of them in this call
   * (operators throttle with it; tests stop a migration half-way with it, as a crash would).
   */
  async run(migrationId: string, limit = Number.POSITIVE_INFINITY): Promise<BatchRecord> {
    let batch = await this.batches.find(migrationId);
    if (!batch || batch.kind !== 'migration') throw new Error(`migration ${migrationId} not found`);
    const params = batch.params as {
      workflowId: string;
      from: number;
      to: number;
      cursor: string;
      actor: Actor;
      requestId: string | null;
    };
    let after = params.cursor;
    let handled = 0;
    while (batch.status === 'running' && handled < limit) {
      const page = await this.applications.openOnVersion(
        params.workflowId,
        params.from,
        after,
        Math.min(PAGE, limit - handled),
      );
      for (const record of page) {
        await this.migrateOne(migrationId, record.id, params);
        after = record.id;
        handled++;
      }
      if (page.length === 0) {
        await this.tx.run((em) => this.batches.complete(em, migrationId, this.clock.nowIso()));
      }
      batch = (await this.batches.find(migrationId))!;
    }
    return batch;
  }

  private async migrateOne(
    migrationId: string,
    id: string,
    params: { from: number; to: number; actor: Actor; requestId: string | null },
  ): Promise<void> {
    try {
      await this.pipeline.run(
        {
          subject: 'application',
          kind: 'migrate',
          id,
          fromVersion: params.from,
          toVersion: params.to,
          migrationId,
          actor: params.actor,
          requestId: params.requestId,
        },
        // The progress is written with the migration itself: both or neither.
        (em, _outcome, at) => this.batches.advance(em, migrationId, { cursor: id, ok: true }, at),
      );
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const reason = error.details.reasons?.[0] ?? error.detailMsg ?? error.message;
      await this.tx.run((em) =>
        this.batches.advance(
          em,
          migrationId,
          { cursor: id, ok: false, item: { id, ok: false, code: error.code, reasons: [reason] } },
          this.clock.nowIso(),
        ),
      );
    }
  }

  private launch(migrationId: string, limit?: number): void {
    const running = this.run(migrationId, limit)
      .then(() => undefined)
      .catch((error: unknown) => {
        // Left running: the next start of the process resumes it.
        this.logger.error({ migrationId, error: String(error) }, 'migration stopped');
      })
      .finally(() => this.runs.delete(migrationId));
    this.runs.set(migrationId, running);
  }

  private planOf(
    workflowId: string,
    from: number,
    to: number,
  ): { plan: MigrationPlan; target: ApplicationWorkflow } {
    if (workflowVersions(workflowId).length === 0) {
      throw new DomainError(
        'NOT_FOUND',
        msg('problem.notFound', { what: msg('subject.workflow'), id: workflowId }),
      );
    }
    const plan = migrationPlan(workflowId, from, to);
    const target = workflowVersion(workflowId, to);
    if (!plan || !target) {
      throw new DomainError(
        'VALIDATION_FAILED',
        msg('migration.noPlan', { machine: workflowId, from, to }),
      );
    }
    return { plan, target };
  }
}
