import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../../domain/access/roles';
import type { RescheduleTimer } from '../../domain/certification/commands';
import type { Decision, Write } from '../../domain/certification/decision';
import type { TimerRecord } from '../../domain/certification/records';
import { decideRescheduleTimer, mayOperateTimers } from '../../domain/certification/timer.decide';
import { CertificateRepository } from '../certificates/certificate.repository';
import { TimerRepository } from '../timers/timer.repository';
import type { SubjectHandler } from './subject-handler';

/** Timers as a subject of their own: an operator moves a pending deadline. */
@Injectable()
export class TimerHandler implements SubjectHandler<RescheduleTimer, TimerRecord> {
  constructor(
    private readonly timers: TimerRepository,
    private readonly certificates: CertificateRepository,
  ) {}

  load(em: EntityManager, id: string): Promise<TimerRecord | undefined> {
    return this.timers.get(em, id);
  }

  visibleTo(actor: Actor): boolean {
    return mayOperateTimers(actor);
  }

  versionOf(): undefined {
    return undefined;
  }

  stateOf(row: TimerRecord): string {
    return row.status;
  }

  async decide(
    em: EntityManager,
    command: RescheduleTimer,
    row: TimerRecord | undefined,
    at: string,
  ): Promise<Decision<TimerRecord>> {
    const record = row!;
    const certificate =
      record.subjectType === 'certificate'
        ? await this.certificates.load(em, record.subjectId)
        : undefined;
    return decideRescheduleTimer({ record, command, owner: certificate, at });
  }

  write(
    em: EntityManager,
    row: TimerRecord | undefined,
    write: Write<TimerRecord>,
  ): Promise<TimerRecord> {
    if ('insert' in write || write.update.dueAt === undefined) {
      throw new Error('timers are created by their subjects, and only their due date moves');
    }
    return this.timers.move(em, row!, write.update.dueAt);
  }
}
