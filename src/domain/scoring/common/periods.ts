// Domain rules §10 (periods): P = asOf year − 1; "last 2 years" = P−1..P; "last 3 years" = asOf − 3 years..asOf.
import { msg, type Msg } from '../../i18n/message';

export type IsoDate = { readonly y: number; readonly m: number; readonly d: number };

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const daysInMonth = (y: number, m: number): number => {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(m) ? 30 : 31;
};

/** A strict calendar date "YYYY-MM-DD", or null. */
export const parseIsoDate = (text: unknown): IsoDate | null => {
  if (typeof text !== 'string') return null;
  const match = ISO_DATE.exec(text);
  if (!match) return null;
  const y = Number(match[1]);
  const m = Number(match[2]);
  const d = Number(match[3]);
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return null;
  return { y, m, d };
};

const pad = (value: number, width: number): string => String(value).padStart(width, '0');

export const formatIsoDate = (date: IsoDate): string =>
  `${pad(date.y, 4)}-${pad(date.m, 2)}-${pad(date.d, 2)}`;

export const compareDates = (a: IsoDate, b: IsoDate): number => a.y - b.y || a.m - b.m || a.d - b.d;

export type DateWindow = { readonly from: IsoDate; readonly to: IsoDate };

export const inWindow = (date: IsoDate, window: DateWindow): boolean =>
  compareDates(date, window.from) >= 0 && compareDates(date, window.to) <= 0;

export const describeWindow = (window: DateWindow): Msg =>
  msg('window', { from: formatIsoDate(window.from), to: formatIsoDate(window.to) });

export type Periods = {
  readonly asOf: IsoDate;
  /** The asOf year. */
  readonly y: number;
  /** The previous (last complete) year. */
  readonly p: number;
  /** asOf − 3 years .. asOf, both inclusive (dated items: equity for D4). */
  readonly last3Years: DateWindow;
  /** 1 Jan P−1 .. 31 Dec P (equity for M3, S-D3, little-giant general (a), v2026). */
  readonly last2Years: DateWindow;
};

export const periodsOf = (asOf: IsoDate): Periods => {
  const fromYear = asOf.y - 3;
  // 29 Feb three years back does not exist: the window opens on 28 Feb.
  const from = { y: fromYear, m: asOf.m, d: Math.min(asOf.d, daysInMonth(fromYear, asOf.m)) };
  const p = asOf.y - 1;
  return {
    asOf,
    y: asOf.y,
    p,
    last3Years: { from, to: asOf },
    last2Years: { from: { y: p - 1, m: 1, d: 1 }, to: { y: p, m: 12, d: 31 } },
  };
};

/** Items that carry a year only (awards, Maker in China) count when Y − 2 ≤ year ≤ Y. */
export const inLast3CalendarYears = (year: number, periods: Periods): boolean =>
  year >= periods.y - 2 && year <= periods.y;

/** Completed anniversaries of `since` up to 31 Dec P (every anniversary in year P falls by then). */
export const completedYearsBy31DecP = (since: IsoDate, periods: Periods): number =>
  Math.max(0, periods.p - since.y);
