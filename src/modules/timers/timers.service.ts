import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { WorkflowEffect } from '../../domain/certification/application.machines';
import { newId } from '../../shared/ids';
import { insertRow } from '../../shared/persistence/insert-row';
import { TimerEntity } from './timer.entity';

export type TimerSubject = { type: 'application' | 'certificate'; id: string };

export type DeadlineView = { id: string; event: string; purpose: string; dueAt: string };

@Injectable()
export class TimersService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Carries out a transition's timer effects inside its transaction: cancels first, then schedules. */
  async applyEffects(
    em: EntityManager,
    subject: TimerSubject,
    effects: readonly WorkflowEffect[],
    at: string,
  ): Promise<void> {
    for (const effect of effects) {
      if (effect.type === 'cancelDeadlines') {
        await em
          .createQueryBuilder()
          .update(TimerEntity)
          .set({ status: 'cancelled', cancelledAt: at })
          .where('subject_type = :type AND subject_id = :id AND status = :pending', {
            ...subject,
            pending: 'pending',
          })
          .execute();
      } else {
        const timer: TimerEntity = {
          id: newId(),
          subjectType: subject.type,
          subjectId: subject.id,
          event: 'deadline.expired',
          purpose: effect.purpose,
          dueAt: effect.dueAt,
          status: 'pending',
          firedAt: null,
          cancelledAt: null,
          claimedUntil: null,
          claimedBy: null,
          attempts: 0,
          data: null,
          createdAt: at,
        };
        await insertRow(em, TimerEntity, timer);
      }
    }
  }

  async pendingFor(subject: TimerSubject, em?: EntityManager): Promise<DeadlineView[]> {
    const manager = em ?? this.dataSource.manager;
    const rows = await manager.find(TimerEntity, {
      where: { subjectType: subject.type, subjectId: subject.id, status: 'pending' },
      order: { dueAt: 'ASC' },
    });
    return rows.map((t) => ({ id: t.id, event: t.event, purpose: t.purpose, dueAt: t.dueAt }));
  }
}
