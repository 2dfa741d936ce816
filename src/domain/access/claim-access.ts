// Claims of a credit code (a company says another account registered it): decided by the provincial
// authority of the enterprise's region, or MIIT, or an admin; seen by the authorities of the region.
import { inJurisdiction } from './list-scope';
import type { Actor } from './roles';

export const mayDecideClaim = (actor: Actor, regionCode: string): boolean => {
  if (actor.kind !== 'user') return false;
  if (actor.role === 'admin') return true;
  const level = actor.jurisdiction?.level;
  return (
    actor.role === 'reviewer' &&
    (level === 'province' || level === 'national') &&
    inJurisdiction(actor, regionCode)
  );
};
