// Domain rules §10 (missing data): a fact a rule needs but cannot read fails that rule with a reason naming it.
// Readers never throw: stored facts may be older or malformed, so every field is checked at runtime.
import type { AwardLevel, Facts, FinancialYear } from '../../certification/facts';
import { msg, type Msg } from '../../i18n/message';
import { add, cmp, fromClientDecimal, fromNumber, max, ZERO, type Q } from './exact';
import {
  completedYearsBy31DecP,
  inLast3CalendarYears,
  inWindow,
  parseIsoDate,
  type DateWindow,
  type Periods,
} from './periods';

export type Got<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: Msg };

export const got = <T>(value: T): Got<T> => ({ ok: true, value });
export const missing = <T>(problem: Msg): Got<T> => ({ ok: false, problem });

export type AmountField = Exclude<keyof FinancialYear, 'year'>;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

const financialRecord = (facts: Facts, year: number): Record<string, unknown> | undefined =>
  asArray(facts.financials)
    .filter(isRecord)
    .find((row) => row.year === year);

/** One figure of one year's financial record, exactly. */
export const amount = (facts: Facts, year: number, field: AmountField): Got<Q> => {
  const row = financialRecord(facts, year);
  if (!row) return missing(msg('fact.financials.yearMissing', { year, field }));
  const raw = row[field];
  if (raw === undefined || raw === null)
    return missing(msg('fact.financials.fieldMissing', { year, field }));
  const value = fromNumber(raw);
  return value ? got(value) : missing(msg('fact.financials.notFinite', { year, field }));
};

/** A percent or score fact given by the client, read to 6 decimal places (see fromClientDecimal). */
export const numberFact = (value: unknown, name: string): Got<Q> => {
  if (value === undefined || value === null) return missing(msg('fact.missing', { name }));
  const exact = fromClientDecimal(value);
  return exact ? got(exact) : missing(msg('fact.notFinite', { name }));
};

export const booleanFact = (value: unknown, name: string): Got<boolean> =>
  typeof value === 'boolean' ? got(value) : missing(msg('fact.missing', { name }));

export const nicheYears = (facts: Facts, periods: Periods): Got<number> => {
  if (facts.nicheMarketSince === undefined || facts.nicheMarketSince === null)
    return missing(msg('fact.missing', { name: 'nicheMarketSince' }));
  const since = parseIsoDate(facts.nicheMarketSince);
  if (!since) return missing(msg('fact.notDate', { name: 'nicheMarketSince' }));
  return got(completedYearsBy31DecP(since, periods));
};

export type EquityTotal = { readonly total: Q; readonly counted: number; readonly ignored: number };

/** Qualified paid-in equity dated inside the window (entries with a bad date or amount are ignored). */
export const equityRaised = (facts: Facts, window: DateWindow): EquityTotal => {
  let total = ZERO;
  let counted = 0;
  let ignored = 0;
  for (const entry of asArray(facts.equityFinancing)) {
    const date = isRecord(entry) ? parseIsoDate(entry.date) : null;
    const value = isRecord(entry) ? fromNumber(entry.amount) : null;
    if (!date || !value) {
      ignored += 1;
      continue;
    }
    if (inWindow(date, window)) {
      total = add(total, value);
      counted += 1;
    }
  }
  return { total, counted, ignored };
};

export type RankedEntry = { readonly year: number; readonly rank: number };
export type Award = RankedEntry & { readonly level: AwardLevel };

const rankedEntry = (value: unknown): RankedEntry | null => {
  if (!isRecord(value)) return null;
  const { year, rank } = value;
  if (typeof year !== 'number' || !Number.isInteger(year)) return null;
  if (typeof rank !== 'number' || !Number.isFinite(rank)) return null;
  return { year, rank };
};

/** Awards dated in the last 3 calendar years (Y−2..Y). */
export const recentAwards = (facts: Facts, periods: Periods): Award[] =>
  asArray(facts.awards).flatMap((value) => {
    const entry = rankedEntry(value);
    if (!entry || !isRecord(value)) return [];
    if (value.level !== 'national' && value.level !== 'provincial') return [];
    return inLast3CalendarYears(entry.year, periods) ? [{ ...entry, level: value.level }] : [];
  });

export const recentMakerInChina = (facts: Facts, periods: Periods): RankedEntry[] =>
  asArray(facts.makerInChina).flatMap((value) => {
    const entry = rankedEntry(value);
    return entry && inLast3CalendarYears(entry.year, periods) ? [entry] : [];
  });

export type IpView = {
  /** Every Class I item: the largest of classI and its subsets (§10 nesting). */
  readonly classI: Q;
  readonly selfDevelopedClassI: Q;
  readonly highValueClassI: Q;
  readonly classIApplied: Q;
  readonly classII: Q;
};

const count = (value: unknown): Q => {
  const exact = fromNumber(value);
  return exact ?? ZERO;
};

/** IP counts with nesting applied; a missing count inside `ip` is zero, a missing `ip` fails. */
export const ipCounts = (facts: Facts): Got<IpView> => {
  const ip: unknown = facts.ip;
  if (!isRecord(ip)) return missing(msg('fact.missing', { name: 'ip' }));
  const highValueClassI = count(ip.highValueClassI);
  const selfDevelopedClassI = count(ip.selfDevelopedClassI);
  const classIApplied = count(ip.classIApplied);
  const classI = max(count(ip.classI), max(selfDevelopedClassI, highValueClassI));
  return got({
    classI,
    selfDevelopedClassI,
    highValueClassI,
    classIApplied,
    classII: count(ip.classII),
  });
};

export type PlatformScore = { readonly year: number; readonly exact: Q; readonly raw: number };

/** The platform score of one year; of two entries for a year the higher counts (§9). */
export const platformScore = (facts: Facts, year: number): PlatformScore | null => {
  let best: PlatformScore | null = null;
  for (const entry of asArray(facts.developmentScores)) {
    if (!isRecord(entry) || entry.year !== year || typeof entry.score !== 'number') continue;
    const exact = fromClientDecimal(entry.score);
    if (exact && (!best || cmp(exact, best.exact) > 0)) best = { year, exact, raw: entry.score };
  }
  return best;
};

export const qualityFlag = (
  facts: Facts,
  flag: 'award' | 'qualitySystemCertified' | 'ownBrand' | 'standardDrafting',
): Got<boolean> => {
  const quality: unknown = facts.quality;
  if (!isRecord(quality)) return missing(msg('fact.missing', { name: 'quality' }));
  return booleanFact(quality[flag], `quality.${flag}`);
};
