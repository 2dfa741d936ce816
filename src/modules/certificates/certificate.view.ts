import type { CertificateRecord } from '../../domain/certification/records';

export type CertificateView = {
  id: string;
  enterpriseId: string;
  regionCode: string;
  tier: string;
  status: string;
  version: number;
  validFrom: string;
  validTo: string;
  applicationId: string;
  barUntil?: string;
  revokedGround?: string;
  reReviewForfeited: boolean;
  reReviewApplicationId?: string;
  annualUpdates: number[];
  annualUpdateDue: { year: number; dueAt: string; remindAt?: string } | null;
  allowedEvents: string[];
  createdAt: string;
  updatedAt: string;
};

export const toCertificateView = (
  c: CertificateRecord,
  allowedEvents: string[],
): CertificateView => {
  const ctx = c.snapshot.context;
  return {
    id: c.id,
    enterpriseId: c.enterpriseId,
    regionCode: c.regionCode,
    tier: c.tier,
    status: c.status,
    version: c.version,
    validFrom: c.validFrom,
    validTo: c.validTo,
    applicationId: c.applicationId,
    ...(c.barUntil ? { barUntil: c.barUntil } : {}),
    ...(ctx.revokedGround ? { revokedGround: ctx.revokedGround } : {}),
    reReviewForfeited: ctx.reReviewForfeited,
    ...(ctx.reReviewApplicationId ? { reReviewApplicationId: ctx.reReviewApplicationId } : {}),
    annualUpdates: ctx.annualUpdates,
    annualUpdateDue: ctx.annualUpdateDue
      ? {
          year: ctx.annualUpdateDue.year,
          dueAt: ctx.annualUpdateDue.dueAt,
          ...(ctx.annualUpdateDue.remindAt ? { remindAt: ctx.annualUpdateDue.remindAt } : {}),
        }
      : null,
    allowedEvents,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
  };
};
