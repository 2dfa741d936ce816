import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { Level, Role } from '../../domain/access/roles';
import { TimestampColumn } from '../../infra/persistence/columns';
import type { UserRecord } from './user.record';

@Entity({ name: 'users' })
export class UserEntity implements UserRecord {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Index('uq_users_username', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  username!: string;

  /** The username's skeleton (domain/identity/username.ts): lookalikes collide on it. */
  @Index('uq_users_username_key', { unique: true })
  @Column({ name: 'username_key', type: 'varchar', length: 120, nullable: true })
  usernameKey!: string | null;

  @Column({ name: 'password_hash', type: 'varchar', length: 255 })
  passwordHash!: string;

  @Column({ type: 'varchar', length: 16 })
  role!: Role;

  @Column({ name: 'enterprise_id', type: 'varchar', length: 36, nullable: true })
  enterpriseId!: string | null;

  @Column({ name: 'jurisdiction_level', type: 'varchar', length: 16, nullable: true })
  jurisdictionLevel!: Level | null;

  @Column({ name: 'region_code', type: 'varchar', length: 6, nullable: true })
  regionCode!: string | null;

  @Column({ type: 'boolean' })
  disabled!: boolean;

  /** Bumped on password change or disable: tokens carrying an older value are refused. */
  @Column({ name: 'token_version', type: 'integer', default: 0 })
  tokenVersion!: number;

  @TimestampColumn({ name: 'created_at' })
  createdAt!: string;

  @TimestampColumn({ name: 'updated_at' })
  updatedAt!: string;
}
