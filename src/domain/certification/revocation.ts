// §5.6: revocation grounds and the bar on applying again.
import { addYears } from '../calendar/dates';
import type { RevocationGround } from './certificate.machine';

/** Grounds that bar the enterprise from applying again (engine default: fraud and violations). */
export const BARRING_GROUNDS: readonly RevocationGround[] = [
  'fraud',
  'major_incident',
  'tax_violation',
  'dishonesty_listed',
];

/** Fraud cancels every title of the enterprise (2026 call). */
export const CASCADING_GROUNDS: readonly RevocationGround[] = ['fraud'];

/** The last day of the bar a revocation on `date` carries, or null when the ground bars nothing. */
export const barUntilFor = (
  ground: RevocationGround,
  date: string,
  years: number,
): string | null =>
  BARRING_GROUNDS.includes(ground) && years > 0 ? addYears(date, years, -1) : null;

/** When the annual update for data year `year` falls due: `monthDay` (MM-DD) of the next year. */
export const annualUpdateDueDate = (year: number, monthDay: string): string =>
  `${year + 1}-${monthDay}`;
