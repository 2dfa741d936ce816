import { Inject, Injectable } from '@nestjs/common';
import type { DeadlinePurpose } from '../../domain/certification/application.events';
import { workingDayDeadline, type WorkdayCalendar } from '../../domain/calendar/working-days';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';

export const WORKDAY_CALENDAR = Symbol('WORKDAY_CALENDAR');

/** Due dates of the deadlines events open, in working days of China's calendar. */
@Injectable()
export class DeadlineCalculator {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(WORKDAY_CALENDAR) private readonly calendar: WorkdayCalendar,
  ) {}

  /** `noticeWorkingDays`: the call's own notice length, when it sets one (5–7 by province). */
  dueAt(purpose: DeadlinePurpose, at: string, noticeWorkingDays?: number): string {
    const days =
      purpose === 'notice'
        ? (noticeWorkingDays ?? this.config.workflow.noticeWorkingDays)
        : this.config.workflow.returnWorkingDays;
    return workingDayDeadline(at, days, this.calendar);
  }
}
