import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import type { Effect } from '../../domain/certification/decision';
import { domainEventsOf, type TransitionFacts } from '../../domain/events/domain-event';
import { newId } from '../../infra/ids';
import type { Statement } from '../../infra/persistence/raw-sql';
import { BatchRepository } from '../batches/batch.repository';
import { ObjectionRepository } from '../objections/objection.repository';
import { OutboxRepository } from '../outbox/outbox.repository';
import { TimerRepository, type TimerSubject } from '../timers/timer.repository';

/** Carries out a decision's effects inside its transaction, in the order the decision gave them. */
@Injectable()
export class EffectRunner {
  constructor(
    private readonly timers: TimerRepository,
    private readonly objections: ObjectionRepository,
    private readonly outbox: OutboxRepository,
    private readonly batches: BatchRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * The INSERT of the transition's domain events into the outbox, given its audit event's seq (which
   * orders them): sent with the audit append, in its transaction, so committed with the change or
   * rolled back with it. Null when the outbox is off.
   */
  outboxStatement(facts: TransitionFacts, at: string): Statement | null {
    if (!this.config.outbox.enabled) return null;
    return this.outbox.statement(domainEventsOf(facts, newId), at);
  }

  async apply(
    em: EntityManager,
    subject: TimerSubject,
    effects: readonly Effect[],
    at: string,
  ): Promise<void> {
    for (const effect of effects) {
      switch (effect.type) {
        case 'scheduleDeadline':
        case 'rescheduleDeadline':
        case 'cancelDeadlines':
          await this.timers.apply(em, subject, effect, at);
          break;
        case 'fileObjection':
          await this.objections.insert(em, effect.objection);
          break;
        case 'decideObjections':
          await this.objections.decideOpen(em, subject.id, effect.outcome, at);
          break;
        case 'recordRound':
          await this.batches.insert(em, {
            id: effect.roundId,
            kind: 'round',
            operation: `reReview.open@${effect.callId}`,
            actorId: 'system',
            atomic: true,
            status: 'done',
            total: effect.certificateIds.length,
            ok: effect.certificateIds.length,
            refused: 0,
            params: { callId: effect.callId },
            items: effect.certificateIds.map((id) => ({ id, ok: true, state: 'reReviewDue' })),
            requestId: null,
            createdAt: at,
            updatedAt: at,
            finishedAt: at,
          });
          break;
      }
    }
  }
}
