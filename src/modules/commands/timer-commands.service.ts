import { Injectable } from '@nestjs/common';
import type { Actor } from '../../domain/access/roles';
import { DomainError } from '../../domain/errors';
import { toTimerView, type TimerView } from '../timers/dto/timer.dto';
import { TimerRepository } from '../timers/timer.repository';
import { CommandPipeline } from './command-pipeline';

/** Operators reschedule a pending timer (audited with the old and the new date). */
@Injectable()
export class TimerCommands {
  constructor(
    private readonly pipeline: CommandPipeline,
    private readonly timers: TimerRepository,
  ) {}

  reschedule(id: string, dueAt: string, actor: Actor, requestId: string): Promise<TimerView> {
    return this.pipeline.run(
      { subject: 'timer', kind: 'reschedule', id, dueAt, actor, requestId },
      async (em) => {
        const timer = await this.timers.get(em, id);
        if (!timer) throw new DomainError('NOT_FOUND', `timer ${id} not found`);
        return toTimerView(timer);
      },
    );
  }
}
