import { Injectable } from '@nestjs/common';
import {
  decodeCursor,
  DEFAULT_PAGE_SIZE,
  toPage,
  type Page,
} from '../../infra/pagination/pagination';
import { toTimerView, type ListTimersQueryDto, type TimerView } from './dto/timer.dto';
import { TimerRepository } from './timer.repository';

/** Operators' view of the durable timers. */
@Injectable()
export class TimersQueries {
  constructor(private readonly timers: TimerRepository) {}

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
}
