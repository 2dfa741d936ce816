import { PollLoop } from '../../infra/polling/poll-loop';
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { SYSTEM_ACTOR } from '../../domain/access/roles';
import type { ApplicationEventType } from '../../domain/certification/application.events';
import type { CertificateEventType } from '../../domain/certification/certificate.machine';
import type { Command } from '../../domain/certification/commands';
import { isDomainError } from '../../domain/errors';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { Clock } from '../../infra/clock';
import {
  IDEMPOTENCY_RETENTION_MS,
  IdempotencyKeyRepository,
} from '../../infra/idempotency/idempotency-key.repository';
import { TransactionRunner } from '../../infra/persistence/transaction-runner';
import { AuditService } from '../audit/audit.service';
import { TimerRepository, type TimerRecord } from '../timers/timer.repository';
import { CommandPipeline } from './command-pipeline';

export type RunReport = { claimed: number; fired: number; skipped: number; failed: number };

// Refusals that will not change by retrying: the subject moved on, so the timer is moot.
const MOOT = new Set(['INVALID_TRANSITION', 'NOT_FOUND', 'FORBIDDEN']);

/**
 * Fires due timers as commands through the pipeline, as the `system` actor. Several
 * instances may poll one database: each claims a batch under a lease; the transition marks its
 * timer fired in its own transaction, so a timer takes effect once even if claimed twice.
 */
@Injectable()
export class SchedulerService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(SchedulerService.name);
  readonly instanceId = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  private running: Promise<RunReport> | undefined;
  private readonly loop: PollLoop;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly tx: TransactionRunner,
    private readonly timers: TimerRepository,
    private readonly pipeline: CommandPipeline,
    private readonly audit: AuditService,
    private readonly idempotency: IdempotencyKeyRepository,
    private readonly clock: Clock,
  ) {
    this.loop = new PollLoop(
      () => this.tick(),
      config.scheduler.pollMs,
      (error: unknown) => this.logger.error({ err: error }, 'Scheduler run failed'),
    );
  }

  onApplicationBootstrap(): void {
    if (this.config.scheduler.enabled) this.loop.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.loop.stop();
    // Let the current fire finish: its transactions commit or roll back, never half.
    await this.running;
  }

  /** One poll: fire the due timers, sign a checkpoint when one is due, purge old idempotency keys. */
  private async tick(): Promise<void> {
    await this.runDue();
    await this.audit.checkpoint();
    await this.idempotency.purgeOlderThan(
      new Date(this.clock.now().getTime() - IDEMPOTENCY_RETENTION_MS).toISOString(),
    );
  }

  /** Claims and fires every due timer, in batches, until none is left. */
  async runDue(batchSize = 100): Promise<RunReport> {
    if (this.running) return this.running;
    this.running = this.drain(batchSize).finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async drain(batchSize: number): Promise<RunReport> {
    const report: RunReport = { claimed: 0, fired: 0, skipped: 0, failed: 0 };
    for (;;) {
      const now = this.clock.now();
      const batch = await this.tx.run((em) =>
        this.timers.claimDue(em, {
          now: now.toISOString(),
          leaseUntil: new Date(now.getTime() + this.config.scheduler.leaseMs).toISOString(),
          owner: this.instanceId,
          limit: batchSize,
        }),
      );
      report.claimed += batch.length;
      for (const timer of batch) {
        if (this.loop.stopped) return report;
        const outcome = await this.fire(timer);
        report[outcome]++;
      }
      if (batch.length < batchSize || this.loop.stopped) return report;
    }
  }

  /** The command a due timer sends to its subject. */
  private commandOf(timer: TimerRecord, requestId: string): Command {
    const envelope = { actor: SYSTEM_ACTOR, requestId, timerId: timer.id };
    switch (timer.subjectType) {
      case 'application':
        return {
          ...envelope,
          subject: 'application',
          kind: 'event',
          id: timer.subjectId,
          type: timer.event as ApplicationEventType,
        };
      case 'certificate': {
        const year = timer.data?.year;
        return {
          ...envelope,
          subject: 'certificate',
          kind: 'event',
          id: timer.subjectId,
          type: timer.event as CertificateEventType,
          ...(typeof year === 'number' ? { year } : {}),
        };
      }
      case 'call':
        return { ...envelope, subject: 'call', kind: 'open', id: timer.subjectId };
    }
  }

  private async fire(timer: TimerRecord): Promise<'fired' | 'skipped' | 'failed'> {
    try {
      await this.pipeline.run(this.commandOf(timer, `timer:${timer.id}`));
      return 'fired';
    } catch (error) {
      if (isDomainError(error) && MOOT.has(error.code)) {
        const at = this.clock.nowIso();
        await this.tx.run((em) => this.timers.markSkipped(em, timer.id, at, error.message));
        this.logger.warn({ timerId: timer.id, reason: error.message }, 'Timer skipped');
        return 'skipped';
      }
      // Left pending: another claim after the lease retries it.
      this.logger.error({ timerId: timer.id, err: error }, 'Timer failed; will retry');
      return 'failed';
    }
  }
}
