// Calendar-date arithmetic on YYYY-MM-DD strings (no time zones, no clock).

const DAY_MS = 24 * 60 * 60 * 1000;

const toUtc = (date: string): number => Date.parse(`${date}T00:00:00.000Z`);
const fromUtc = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

export const addDays = (date: string, days: number): string => fromUtc(toUtc(date) + days * DAY_MS);

/** `years` later, then `days` more; 29 Feb lands on 28 Feb in a common year. */
export const addYears = (date: string, years: number, days = 0): string => {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const targetYear = y + years;
  const lastDay = new Date(Date.UTC(targetYear, m, 0)).getUTCDate();
  const shifted = `${String(targetYear).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(Math.min(d, lastDay)).padStart(2, '0')}`;
  return days === 0 ? shifted : addDays(shifted, days);
};

export const yearOf = (date: string): number => Number(date.slice(0, 4));
