import { addYears } from '../calendar/dates';
import { chinaDateOf, endOfChinaDay } from '../calendar/working-days';
import {
  CERTIFICATE_MACHINE_VERSION,
  certificateMachine,
  type CertificateContext,
  type CertificateEvent,
  type CertificateInput,
} from './certificate.machine';
import { Workflow, type PersistedSnapshot } from './workflow';

export const CERTIFICATE_STATES = [
  'active',
  'changeUnderReview',
  'reReviewDue',
  'underReReview',
  'expired',
  'revoked',
] as const;
export type CertificateState = (typeof CERTIFICATE_STATES)[number];

export const isCertificateState = (value: unknown): value is CertificateState =>
  typeof value === 'string' && (CERTIFICATE_STATES as readonly string[]).includes(value);

/** States in which the title is valid (§5.5: it stays valid during a re-review). */
export const VALID_CERTIFICATE_STATES: readonly CertificateState[] = [
  'active',
  'changeUnderReview',
  'reReviewDue',
  'underReReview',
];

export type PersistedCertificateSnapshot = PersistedSnapshot<CertificateState, CertificateContext>;

export const certificateWorkflow = new Workflow<
  CertificateState,
  CertificateEvent,
  CertificateContext,
  CertificateInput
>(certificateMachine, CERTIFICATE_MACHINE_VERSION, isCertificateState);

export const VALIDITY_YEARS = 3;

/**
 * A title announced at `at` is valid from that (China) date for three years: validFrom 2026-05-20
 * → validTo 2029-05-19 inclusive, ending at 24:00 China time that day.
 */
export const validityFrom = (
  at: string,
  years = VALIDITY_YEARS,
): { validFrom: string; validTo: string; expiresAt: string } => {
  const validFrom = chinaDateOf(at);
  return extendValidity(validFrom, validFrom, years);
};

/** The validity that follows a period starting `from`, counted from `start`. */
export const extendValidity = (
  validFrom: string,
  start: string,
  years = VALIDITY_YEARS,
): { validFrom: string; validTo: string; expiresAt: string } => {
  const end = addYears(start, years, -1);
  return { validFrom, validTo: end, expiresAt: endOfChinaDay(end) };
};

/** Whether a certificate in this state and period is a valid title on a (China) date. */
export const isValidTitleOn = (
  certificate: { state: CertificateState; validFrom: string; validTo: string },
  date: string,
): boolean =>
  VALID_CERTIFICATE_STATES.includes(certificate.state) &&
  certificate.validFrom <= date &&
  (date <= certificate.validTo || certificate.state === 'underReReview');
