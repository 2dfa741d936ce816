// What part of a table an actor may see, as data: the same rule answers "may this actor see this
// row" (admits) and "which rows may this actor list" (repositories turn a scope into SQL, so that
// paging never filters after a LIMIT).
import type { ApplicationState } from '../certification/application.machines';
import { EXPERT_LEVELS_OF_STAGE, NOTICE_STATES, STAGE_OF_STATE } from './stages';
import { regionContains, regionPrefix } from './region';
import type { Actor, Level } from './roles';

/**
 * `null`: nothing at all. Otherwise every condition given must hold: the row belongs to this
 * enterprise, its region code starts with this prefix, its state is one of these. `{}` is all.
 */
export type ListScope = {
  enterpriseId?: string;
  regionPrefix?: string;
  states?: readonly string[];
} | null;

export type ScopedRow = { enterpriseId: string; regionCode: string; state?: string };

/** Whether a row falls inside a scope: the in-memory twin of the SQL the repositories write. */
export const admits = (scope: ListScope, row: ScopedRow): boolean => {
  if (scope === null) return false;
  if (scope.enterpriseId !== undefined && scope.enterpriseId !== row.enterpriseId) return false;
  if (scope.regionPrefix !== undefined && !row.regionCode.startsWith(scope.regionPrefix)) {
    return false;
  }
  if (scope.states !== undefined && (row.state === undefined || !scope.states.includes(row.state)))
    return false;
  return true;
};

/** The jurisdiction part of a scope: national → everything, a region → its prefix. */
const jurisdictionScope = (actor: Actor): ListScope => {
  if (actor.kind !== 'user' || !actor.jurisdiction) return null;
  if (actor.jurisdiction.level === 'national') return {};
  const region = actor.jurisdiction.regionCode;
  return region === undefined ? null : { regionPrefix: regionPrefix(region) };
};

const statesForExpertLevel = (level: Level): ApplicationState[] =>
  (Object.keys(STAGE_OF_STATE) as ApplicationState[]).filter((state) =>
    EXPERT_LEVELS_OF_STAGE[STAGE_OF_STATE[state]].includes(level),
  );

/**
 * Applications: an enterprise its own; reviewers and auditors their region; experts their region,
 * only while an application is in review at their panel's level; the public what is on notice.
 */
export const applicationScopeOf = (actor: Actor): ListScope => {
  if (actor.kind === 'system') return {};
  if (actor.kind === 'public') return { states: NOTICE_STATES };
  switch (actor.role) {
    case 'enterprise':
      return actor.enterpriseId === undefined ? null : { enterpriseId: actor.enterpriseId };
    case 'reviewer':
    case 'auditor':
      return jurisdictionScope(actor);
    case 'expert': {
      const scope = jurisdictionScope(actor);
      const level = actor.jurisdiction?.level;
      return scope === null || level === undefined
        ? null
        : { ...scope, states: statesForExpertLevel(level) };
    }
    case 'admin':
      return {};
    default:
      return null;
  }
};

/** Certificates: an enterprise its own; reviewers, experts and auditors their region. */
export const certificateScopeOf = (actor: Actor): ListScope => {
  if (actor.kind === 'system') return {};
  if (actor.kind === 'public') return null;
  switch (actor.role) {
    case 'enterprise':
      return actor.enterpriseId === undefined ? null : { enterpriseId: actor.enterpriseId };
    case 'reviewer':
    case 'auditor':
    case 'expert':
      return jurisdictionScope(actor);
    case 'admin':
      return {};
    default:
      return null;
  }
};

/** Enterprises (rows keyed by their own id): an enterprise itself; authorities their region. */
export const enterpriseScopeOf = (actor: Actor): ListScope => certificateScopeOf(actor);

/** The audit log: auditors their region, admins everything, nobody else. */
export const auditScopeOf = (actor: Actor): ListScope => {
  if (actor.kind !== 'user') return null;
  if (actor.role === 'admin') return {};
  if (actor.role !== 'auditor') return null;
  return jurisdictionScope(actor);
};

/** A region filter asked for by the caller, narrowed to the scope (null when they do not meet). */
export const narrowToRegion = (scope: ListScope, regionCode: string): ListScope => {
  if (scope === null) return null;
  const wanted = regionPrefix(regionCode);
  if (scope.regionPrefix === undefined || wanted.startsWith(scope.regionPrefix)) {
    return { ...scope, regionPrefix: wanted };
  }
  // The caller asks for a region inside theirs only if it is one: a wider region stays theirs.
  return scope.regionPrefix.startsWith(wanted) ? scope : null;
};

/** Whether a region code lies in the actor's jurisdiction (national: everywhere). */
export const inJurisdiction = (actor: Actor, regionCode: string): boolean => {
  if (actor.kind !== 'user' || !actor.jurisdiction) return false;
  if (actor.jurisdiction.level === 'national') return true;
  const scope = actor.jurisdiction.regionCode;
  return scope !== undefined && regionContains(scope, regionCode);
};
