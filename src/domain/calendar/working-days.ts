// Deadlines counted in working days (notice periods, return deadlines). Following PRC Civil Code
// arts. 201 and 203, the day of the triggering event is not counted: counting starts the next day,
// and the period ends at 24:00 (China Standard Time) of its last working day.

/** Answers whether a calendar date (YYYY-MM-DD, China) is a working day. */
export type WorkdayCalendar = { isWorkday(date: string): boolean };

const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The China-local calendar date of an instant. */
export const chinaDateOf = (at: string): string =>
  new Date(Date.parse(at) + CHINA_OFFSET_MS).toISOString().slice(0, 10);

const nextDate = (date: string): string =>
  new Date(Date.parse(`${date}T00:00:00.000Z`) + DAY_MS).toISOString().slice(0, 10);

/** 24:00 China time at the end of a date, as a UTC instant. */
export const endOfChinaDay = (date: string): string =>
  new Date(Date.parse(`${date}T00:00:00.000Z`) + DAY_MS - CHINA_OFFSET_MS).toISOString();

/** The last working day of a period of `workingDays` starting the day after `at`. */
export const lastWorkingDay = (
  at: string,
  workingDays: number,
  calendar: WorkdayCalendar,
): string => {
  if (!Number.isInteger(workingDays) || workingDays < 1) {
    throw new Error(`workingDays must be a positive integer, got ${workingDays}`);
  }
  let date = chinaDateOf(at);
  let counted = 0;
  // A year holds at least 240 working days; the bound only stops a broken calendar looping.
  for (let guard = 0; guard < 3660; guard++) {
    date = nextDate(date);
    if (calendar.isWorkday(date) && ++counted === workingDays) return date;
  }
  throw new Error('Calendar has no working days');
};

/** The instant a period of `workingDays` working days, starting after `at`, ends. */
export const workingDayDeadline = (
  at: string,
  workingDays: number,
  calendar: WorkdayCalendar,
): string => endOfChinaDay(lastWorkingDay(at, workingDays, calendar));

/** Working days from the day after `from` up to and including the China date of `to`. */
export const workingDaysBetween = (from: string, to: string, calendar: WorkdayCalendar): number => {
  const end = chinaDateOf(to);
  let date = chinaDateOf(from);
  let count = 0;
  while (date < end) {
    date = nextDate(date);
    if (calendar.isWorkday(date)) count++;
  }
  return count;
};
