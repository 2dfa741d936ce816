import { isWorkday } from 'chinese-days';
import type { WorkdayCalendar } from '../../domain/calendar/working-days';

/** Injection token of the working-day calendar deadlines are counted in. */
export const WORKDAY_CALENDAR = Symbol('WORKDAY_CALENDAR');

/**
 * China's working days: weekends off, statutory public holidays off, and the make-up working
 * days (调休) on, from the `chinese-days` data package (State Council holiday notices).
 */
export const chinaWorkdayCalendar: WorkdayCalendar = {
  isWorkday: (date: string) => isWorkday(date),
};
