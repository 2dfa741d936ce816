// Stored subjects and settings for the deciders' tests (and the pipeline's, with fakes).
import type { ApplicationPolicy } from '../../src/domain/certification/application.decide';
import type { ApplicationContext } from '../../src/domain/certification/application.machine';
import {
  workflowForTier,
  type ApplicationState,
} from '../../src/domain/certification/application.machines';
import type { CertificatePolicy } from '../../src/domain/certification/certificate.decide';
import type { CertificateContext } from '../../src/domain/certification/certificate.machine';
import type { CertificateState } from '../../src/domain/certification/certificate.workflow';
import type { Facts } from '../../src/domain/certification/facts';
import type { ApplicationRecord, CertificateRecord } from '../../src/domain/certification/records';
import type { Tier } from '../../src/domain/certification/tier';
import { resolveScoringConfig } from '../../src/domain/scoring/config';
import { passingFacts } from './facts.factory';

/** Weekends off, nothing else: deadlines in tests count plain weekdays. */
export const weekdayCalendar = {
  isWorkday: (date: string) => ![0, 6].includes(new Date(`${date}T00:00:00Z`).getUTCDay()),
};

export const applicationPolicy = (
  overrides: Partial<ApplicationPolicy> = {},
): ApplicationPolicy => ({
  calendar: weekdayCalendar,
  noticeWorkingDays: 5,
  returnWorkingDays: 5,
  requireExpertReview: true,
  scoring: {
    selection: { v2026EffectiveFrom: '2026-04-01' },
    configFor: (ruleSet, province) => resolveScoringConfig(ruleSet, province),
  },
  ...overrides,
});

export const certificatePolicy: CertificatePolicy = {
  annualUpdateDue: '05-31',
  revocationBarYears: 3,
  annualUpdateReminderDays: 30,
};

export const applicationContext = (
  overrides: Partial<ApplicationContext> = {},
): ApplicationContext => ({
  applicationId: 'a1',
  tier: 'innovative_sme',
  callClosesAt: null,
  submittedAt: null,
  returnDueAt: null,
  noticeEndsAt: null,
  decidedAt: null,
  returnCount: 0,
  expertReviewCount: 0,
  inspectionCount: 0,
  objectionCount: 0,
  ...overrides,
});

/** An application of enterprise e1 in Chang'an district, in `state`, its machine's context given. */
export const applicationIn = (
  state: ApplicationState,
  options: {
    tier?: Tier;
    id?: string;
    context?: Partial<ApplicationContext>;
    facts?: Facts;
    reReviewOf?: string | null;
    version?: number;
  } = {},
): ApplicationRecord => {
  const tier = options.tier ?? 'innovative_sme';
  const workflow = workflowForTier(tier);
  const id = options.id ?? 'a1';
  return {
    id,
    enterpriseId: 'e1',
    regionCode: '130102',
    tier,
    state,
    version: options.version ?? 3,
    ruleSet: 'v2026',
    machineId: workflow.id,
    machineVersion: workflow.version,
    snapshot: {
      value: state,
      context: applicationContext({ applicationId: id, tier, ...options.context }),
      status: ['certified', 'rejected', 'withdrawn'].includes(state) ? 'done' : 'active',
    },
    facts: options.facts ?? passingFacts(2026),
    factsHash: 'f'.repeat(64),
    assessment: null,
    confirmedFacts: null,
    callId: null,
    certificateId: null,
    reReviewOf: options.reReviewOf ?? null,
    createdAt: '2026-05-01T02:00:00.000Z',
    updatedAt: '2026-05-01T02:00:00.000Z',
  };
};

export const certificateContext = (
  overrides: Partial<CertificateContext> = {},
): CertificateContext => ({
  certificateId: 'c1',
  tier: 'specialized_sme',
  validFrom: '2026-06-01',
  validTo: '2029-05-31',
  expiresAt: '2029-05-31T16:00:00.000Z',
  annualUpdates: [],
  reReviewForfeited: false,
  reReviewApplicationId: null,
  revokedGround: null,
  barUntil: null,
  changeReports: 0,
  annualUpdateDue: { year: 2026, dueAt: '2027-05-31T16:00:00.000Z' },
  ...overrides,
});

/** A title of enterprise e1 in Chang'an district, valid 2026-06-01 to 2029-05-31. */
export const certificateIn = (
  status: CertificateState,
  options: {
    id?: string;
    tier?: Tier;
    context?: Partial<CertificateContext>;
    version?: number;
  } = {},
): CertificateRecord => {
  const id = options.id ?? 'c1';
  const tier = options.tier ?? 'specialized_sme';
  const context = certificateContext({ certificateId: id, tier, ...options.context });
  return {
    id,
    enterpriseId: 'e1',
    regionCode: '130102',
    tier,
    status,
    version: options.version ?? 1,
    applicationId: 'a0',
    validFrom: context.validFrom,
    validTo: context.validTo,
    barUntil: context.barUntil,
    machineId: 'certificate',
    machineVersion: 1,
    snapshot: {
      value: status,
      context,
      status: status === 'expired' || status === 'revoked' ? 'done' : 'active',
    },
    createdAt: '2026-06-01T02:00:00.000Z',
    updatedAt: '2026-06-01T02:00:00.000Z',
  };
};
