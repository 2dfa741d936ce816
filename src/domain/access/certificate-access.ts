// Who may see a certificate and who may send which event to it (§7.2). Deny by default.
import type { CertificateEventType } from '../certification/certificate.machine';
import type { Tier } from '../certification/tier';
import { admits, certificateScopeOf, inJurisdiction } from './list-scope';
import type { Actor } from './roles';

export type CertificateScope = { enterpriseId: string; regionCode: string; tier: Tier };

const ENTERPRISE_EVENTS: ReadonlySet<CertificateEventType> = new Set([
  'annualUpdate.submit',
  'change.report',
  'reReview.submit',
]);

const AUTHORITY_EVENTS: ReadonlySet<CertificateEventType> = new Set([
  'change.accept',
  'change.reject',
  'revoke',
]);

const SYSTEM_EVENTS: ReadonlySet<CertificateEventType> = new Set([
  'deadline.expired',
  'annualUpdate.overdue',
  'annualUpdate.remind',
  'reReview.open',
  'reReview.pass',
  'reReview.fail',
  'revoke',
]);

export const canViewCertificate = (actor: Actor, c: CertificateScope): boolean =>
  admits(certificateScopeOf(actor), c);

/**
 * The authority that decides on a title: the province for innovative and specialized SMEs, MIIT
 * for little giants (MIIT may also act on any tier).
 */
export const maySendToCertificate = (
  actor: Actor,
  type: CertificateEventType,
  certificate: CertificateScope,
): boolean => {
  if (actor.kind === 'system') return SYSTEM_EVENTS.has(type);
  if (actor.kind === 'public') return false;
  switch (actor.role) {
    case 'enterprise':
      return ENTERPRISE_EVENTS.has(type) && actor.enterpriseId === certificate.enterpriseId;
    case 'reviewer': {
      const level = actor.jurisdiction?.level;
      if (!AUTHORITY_EVENTS.has(type) || !inJurisdiction(actor, certificate.regionCode))
        return false;
      return level === 'national' || (level === 'province' && certificate.tier !== 'little_giant');
    }
    default:
      return false;
  }
};
