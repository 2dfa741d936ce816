import {
  chinaDateOf,
  endOfChinaDay,
  lastWorkingDay,
  workingDayDeadline,
  workingDaysBetween,
} from './working-days';

// A fixed calendar for the 2026 National Day holiday: 1–7 Oct off, Sun 27 Sep and Sat 10 Oct
// are make-up working days (as the State Council notice sets them).
const holidays = new Set(['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07']);
const makeUp = new Set(['2026-09-27', '2026-10-10']);
const calendar = {
  isWorkday: (date: string) => {
    if (makeUp.has(date)) return true;
    if (holidays.has(date)) return false;
    const day = new Date(`${date}T00:00:00.000Z`).getUTCDay();
    return day !== 0 && day !== 6;
  },
};

describe('working-day deadlines', () => {
  it('uses the China calendar date of an instant', () => {
    expect(chinaDateOf('2026-09-28T15:59:59.999Z')).toBe('2026-09-28');
    expect(chinaDateOf('2026-09-28T16:00:00.000Z')).toBe('2026-09-29');
  });

  it('ends a period at 24:00 China time', () => {
    expect(endOfChinaDay('2026-09-30')).toBe('2026-09-30T16:00:00.000Z');
  });

  it.each([
    // published Monday: Tue..Fri, next Monday → 5 working days, the publication day not counted
    ['2026-05-11T02:00:00.000Z', 5, '2026-05-18'],
    // published Friday: the weekend does not count
    ['2026-05-15T02:00:00.000Z', 1, '2026-05-18'],
    // over the National Day holiday, with 10 Oct (a Saturday) a working day
    ['2026-09-29T02:00:00.000Z', 5, '2026-10-12'],
    // a make-up Sunday counts
    ['2026-09-26T02:00:00.000Z', 1, '2026-09-27'],
  ])('from %s, %i working days end on %s', (at, days, expected) => {
    expect(lastWorkingDay(at, days, calendar)).toBe(expected);
  });

  it('gives the instant of the deadline', () => {
    expect(workingDayDeadline('2026-09-29T02:00:00.000Z', 5, calendar)).toBe(
      '2026-10-12T16:00:00.000Z',
    );
  });

  it('counts working days between two instants', () => {
    expect(
      workingDaysBetween('2026-09-29T02:00:00.000Z', '2026-10-12T02:00:00.000Z', calendar),
    ).toBe(5);
    expect(
      workingDaysBetween('2026-09-29T02:00:00.000Z', '2026-09-29T09:00:00.000Z', calendar),
    ).toBe(0);
  });

  it('refuses a period that is not a positive whole number of days', () => {
    expect(() => lastWorkingDay('2026-05-11T02:00:00.000Z', 0, calendar)).toThrow();
    expect(() => lastWorkingDay('2026-05-11T02:00:00.000Z', 1.5, calendar)).toThrow();
  });
});
