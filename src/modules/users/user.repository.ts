import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { Role } from '../../domain/access/roles';
import { insertRow } from '../../infra/persistence/insert-row';
import { execute, select } from '../../infra/persistence/raw-sql';
import { SqlWhere } from '../../infra/persistence/sql-where';
import { isUniqueViolation } from '../../infra/persistence/unique-violation';
import { DomainError } from '../../domain/errors';
import { UserEntity } from './user.entity';
import type { UserRecord } from './user.record';

type UserRow = {
  id: string;
  username: string;
  username_key: string | null;
  password_hash: string;
  role: Role;
  enterprise_id: string | null;
  jurisdiction_level: UserRecord['jurisdictionLevel'];
  region_code: string | null;
  disabled: boolean | number;
  token_version: number | string;
  created_at: string;
  updated_at: string;
};

const SELECT_USER = `SELECT id, username, username_key, password_hash, role, enterprise_id, jurisdiction_level,
  region_code, disabled, token_version, created_at, updated_at FROM users`;

const fromRow = (row: UserRow): UserRecord => ({
  id: row.id,
  username: row.username,
  usernameKey: row.username_key,
  passwordHash: row.password_hash,
  role: row.role,
  enterpriseId: row.enterprise_id,
  jurisdictionLevel: row.jurisdiction_level,
  regionCode: row.region_code,
  disabled: row.disabled === true || row.disabled === 1,
  tokenVersion: Number(row.token_version),
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

/** The users table. Hand-written SQL: findById runs on every authenticated request. */
@Injectable()
export class UserRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async findById(id: string, em?: EntityManager): Promise<UserRecord | undefined> {
    const [row] = await select<UserRow>(
      em ?? this.dataSource.manager,
      `${SELECT_USER} WHERE id = $1`,
      [id],
    );
    return row ? fromRow(row) : undefined;
  }

  async findByUsername(username: string, em?: EntityManager): Promise<UserRecord | undefined> {
    const [row] = await select<UserRow>(
      em ?? this.dataSource.manager,
      `${SELECT_USER} WHERE username = $1`,
      [username],
    );
    return row ? fromRow(row) : undefined;
  }

  /** An account whose username has this skeleton (domain/identity/username.ts). */
  async findByKey(key: string, em?: EntityManager): Promise<UserRecord | undefined> {
    const [row] = await select<UserRow>(
      em ?? this.dataSource.manager,
      `${SELECT_USER} WHERE username_key = $1`,
      [key],
    );
    return row ? fromRow(row) : undefined;
  }

  /** The accounts of an enterprise. */
  async ofEnterprise(em: EntityManager, enterpriseId: string): Promise<UserRecord[]> {
    const rows = await select<UserRow>(em, `${SELECT_USER} WHERE enterprise_id = $1 ORDER BY id`, [
      enterpriseId,
    ]);
    return rows.map(fromRow);
  }

  async count(em?: EntityManager): Promise<number> {
    const [row] = await select<{ n: number | string }>(
      em ?? this.dataSource.manager,
      'SELECT COUNT(*) AS n FROM users',
    );
    return Number(row?.n ?? 0);
  }

  async insert(em: EntityManager, user: UserRecord): Promise<void> {
    try {
      await insertRow(em, UserEntity, user);
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new DomainError('DUPLICATE', 'This username is not available; choose another', {
          errors: [{ field: 'username', message: 'is not available' }],
        });
      }
      throw error;
    }
  }

  async update(
    em: EntityManager,
    id: string,
    changes: Pick<UserRecord, 'disabled' | 'passwordHash' | 'tokenVersion' | 'updatedAt'>,
  ): Promise<void> {
    await execute(
      em,
      'UPDATE users SET disabled = $1, password_hash = $2, token_version = $3, updated_at = $4 WHERE id = $5',
      [changes.disabled, changes.passwordHash, changes.tokenVersion, changes.updatedAt, id],
    );
  }

  async page(filter: { role?: Role; after?: string }, limit: number): Promise<UserRecord[]> {
    const where = new SqlWhere();
    if (filter.role) where.add('role = ?', filter.role);
    if (filter.after) where.add('id > ?', filter.after);
    const rows = await select<UserRow>(
      this.dataSource.manager,
      `${SELECT_USER}${where.toString()} ORDER BY id LIMIT ${where.next(limit)}`,
      where.params,
    );
    return rows.map(fromRow);
  }
}
