import type { Level, Role } from '../../domain/access/roles';

/** A user account as stored (the entity implements it; other modules read this shape). */
export type UserRecord = {
  id: string;
  username: string;
  /** The username's skeleton: unique, so that lookalikes cannot be registered. */
  usernameKey: string | null;
  passwordHash: string;
  role: Role;
  enterpriseId: string | null;
  jurisdictionLevel: Level | null;
  regionCode: string | null;
  disabled: boolean;
  /** Bumped on password change or disable: tokens carrying an older value are refused. */
  tokenVersion: number;
  createdAt: string;
  updatedAt: string;
};
