import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Effect } from '../../domain/certification/decision';
import { ObjectionRepository } from '../objections/objection.repository';
import { TimerRepository, type TimerSubject } from '../timers/timer.repository';

/** Carries out a decision's effects inside its transaction, in the order the decision gave them. */
@Injectable()
export class EffectRunner {
  constructor(
    private readonly timers: TimerRepository,
    private readonly objections: ObjectionRepository,
  ) {}

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
      }
    }
  }
}
