import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { toActorRef, type Actor } from '../../domain/access/roles';
import { DomainError } from '../../domain/errors';
import { Clock } from '../../shared/clock';
import {
  decodeCursor,
  DEFAULT_PAGE_SIZE,
  toPage,
  type Page,
} from '../../shared/pagination/pagination';
import { TransactionRunner } from '../../shared/persistence/transaction-runner';
import { ApplicationsService } from '../applications/applications.service';
import { AuditLogRepository } from '../audit/audit-log.repository';
import { loadCertificate } from '../certificates/certificate-store';
import { toTimerView, type ListTimersQueryDto, type TimerView } from '../timers/dto/timer.dto';
import { TimersService } from '../timers/timers.service';

/** Operators' view of the durable timers, and rescheduling (audited with the old and new date). */
@Injectable()
export class TimerAdminService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
    private readonly timers: TimersService,
    private readonly applications: ApplicationsService,
    private readonly audit: AuditLogRepository,
    private readonly clock: Clock,
  ) {}

  async list(query: ListTimersQueryDto): Promise<Page<TimerView>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const after = decodeCursor(query.cursor);
    const subject = query.applicationId
      ? { subjectType: 'application' as const, subjectId: query.applicationId }
      : query.certificateId
        ? { subjectType: 'certificate' as const, subjectId: query.certificateId }
        : {};
    const rows = await this.timers.list({
      ...subject,
      ...(query.status ? { status: query.status } : {}),
      ...(after ? { after } : {}),
      limit: limit + 1,
    });
    return toPage(rows, limit, (t) => t.id, toTimerView);
  }

  async reschedule(id: string, dueAt: string, actor: Actor, requestId: string): Promise<TimerView> {
    const timer = await this.timers.get(this.dataSource.manager, id);
    if (!timer) throw new DomainError('NOT_FOUND', `timer ${id} not found`);
    if (timer.status !== 'pending') {
      throw new DomainError('INVALID_TRANSITION', `timer ${id} is ${timer.status}, not pending`);
    }
    const change = { timerId: id, purpose: timer.purpose, oldDueAt: timer.dueAt, newDueAt: dueAt };
    if (timer.subjectType === 'application') {
      // Application deadlines live in the machine's context too: move both through the pipeline.
      await this.applications.send({
        applicationId: timer.subjectId,
        type: 'deadline.reschedule',
        dueAt,
        actor,
        requestId,
        data: change,
      });
    } else if (timer.subjectType === 'certificate' && timer.purpose === 'expiry') {
      throw new DomainError('RULE_NOT_MET', 'A certificate expires with its validity', {
        reasons: [
          'The expiry of a title follows its validity; it changes by re-review or revocation.',
        ],
      });
    } else {
      const at = this.clock.nowIso();
      await this.tx.run(async (em) => {
        if (!(await this.timers.moveTimer(em, id, dueAt))) {
          throw new DomainError('VERSION_CONFLICT', `timer ${id} changed meanwhile`);
        }
        const certificate =
          timer.subjectType === 'certificate'
            ? await loadCertificate(em, timer.subjectId)
            : undefined;
        await this.audit.append(em, {
          at,
          actor: toActorRef(actor),
          subject: { type: timer.subjectType, id: timer.subjectId },
          enterpriseId: certificate?.enterpriseId ?? null,
          regionCode: certificate?.regionCode ?? null,
          event: 'timer.reschedule',
          data: { action: 'timer.rescheduled', ...change },
          requestId,
        });
      });
    }
    const updated = await this.timers.get(this.dataSource.manager, id);
    if (!updated) throw new DomainError('NOT_FOUND', `timer ${id} not found`);
    return toTimerView(updated);
  }
}
