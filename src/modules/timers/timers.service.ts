import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { WorkflowEffect } from '../../domain/certification/workflow';
import { newId } from '../../shared/ids';
import { execute, select } from '../../shared/persistence/raw-sql';

export type TimerSubject = { type: 'application' | 'certificate'; id: string };

export type DeadlineView = { id: string; event: string; purpose: string; dueAt: string };

@Injectable()
export class TimersService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Carries out a transition's timer effects inside its transaction, in the order the machine gave
   * them (exit actions, which cancel, come before entry actions, which schedule).
   */
  async applyEffects(
    em: EntityManager,
    subject: TimerSubject,
    effects: readonly WorkflowEffect[],
    at: string,
  ): Promise<void> {
    for (const effect of effects) {
      if (effect.type === 'cancelDeadlines') {
        await execute(
          em,
          `UPDATE timers SET status = 'cancelled', cancelled_at = $1
            WHERE subject_type = $2 AND subject_id = $3 AND status = 'pending'`,
          [at, subject.type, subject.id],
        );
      } else if (effect.type === 'scheduleDeadline') {
        await execute(
          em,
          `INSERT INTO timers (id, subject_type, subject_id, event, purpose, due_at, status, attempts, created_at)
           VALUES ($1, $2, $3, 'deadline.expired', $4, $5, 'pending', 0, $6)`,
          [newId(), subject.type, subject.id, effect.purpose, effect.dueAt, at],
        );
      }
    }
  }

  pendingFor(subject: TimerSubject, em?: EntityManager): Promise<DeadlineView[]> {
    return select<DeadlineView>(
      em ?? this.dataSource.manager,
      `SELECT id, event, purpose, due_at AS "dueAt" FROM timers
        WHERE subject_type = $1 AND subject_id = $2 AND status = 'pending' ORDER BY due_at`,
      [subject.type, subject.id],
    );
  }
}
