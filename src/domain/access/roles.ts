export const ROLES = ['enterprise', 'reviewer', 'expert', 'auditor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const LEVELS = ['county', 'city', 'province', 'national'] as const;
export type Level = (typeof LEVELS)[number];

/** Roles that carry a jurisdiction (level + region). */
export const JURISDICTION_ROLES = [
  'reviewer',
  'expert',
  'auditor',
] as const satisfies readonly Role[];

export type Jurisdiction = { level: Level; regionCode?: string };

/** Who acts: a signed-in user, the scheduler, or a member of the public (objections). */
export type Actor =
  | {
      kind: 'user';
      id: string;
      role: Role;
      enterpriseId?: string;
      jurisdiction?: Jurisdiction;
    }
  | { kind: 'system'; id: 'system'; role: 'system' }
  | { kind: 'public'; id: string; role: 'public' };

export type ActorRole = Actor['role'];

/** The part of an actor that is recorded in events and audit rows. */
export type ActorRef = { id: string; role: ActorRole; regionCode?: string; level?: Level };

export const SYSTEM_ACTOR: Actor = { kind: 'system', id: 'system', role: 'system' };

export const toActorRef = (actor: Actor): ActorRef => {
  if (actor.kind !== 'user' || !actor.jurisdiction) return { id: actor.id, role: actor.role };
  const ref: ActorRef = { id: actor.id, role: actor.role, level: actor.jurisdiction.level };
  if (actor.jurisdiction.regionCode) ref.regionCode = actor.jurisdiction.regionCode;
  return ref;
};
