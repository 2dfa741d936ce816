// Who opens calls (domain rules §0: the annual call): a province for its own enterprises and the
// provincial tiers; MIIT and admins any.
import type { Tier } from '../certification/tier';
import type { FieldError } from '../errors';
import { regionLevelOf } from './region';
import type { Actor } from './roles';

export type CallAuthorityRefusal =
  | { code: 'FORBIDDEN'; message: string }
  | { code: 'VALIDATION_FAILED'; message: string; errors: FieldError[] };

export const callAuthorityRefusal = (
  actor: Actor,
  call: { tier: Tier; regionCode?: string | null },
): CallAuthorityRefusal | null => {
  if (actor.kind !== 'user')
    return { code: 'FORBIDDEN', message: 'Only an authority opens a call' };
  if (actor.role === 'admin') return null;
  const j = actor.jurisdiction;
  if (actor.role !== 'reviewer' || !j || (j.level !== 'province' && j.level !== 'national')) {
    return { code: 'FORBIDDEN', message: 'Only provincial or national authorities open calls' };
  }
  if (call.regionCode && regionLevelOf(call.regionCode) !== 'province') {
    return {
      code: 'VALIDATION_FAILED',
      message: 'a call covers a province',
      errors: [{ field: 'regionCode', message: 'must be a province code' }],
    };
  }
  if (
    j.level === 'province' &&
    (call.tier === 'little_giant' || call.regionCode !== j.regionCode)
  ) {
    return {
      code: 'FORBIDDEN',
      message: 'A province opens calls for its own region and provincial tiers',
    };
  }
  return null;
};
