import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, type EntityManager } from 'typeorm';
import type { ListScope } from '../../domain/access/list-scope';
import { regionPrefix } from '../../domain/access/region';
import { insertRow } from '../../infra/persistence/insert-row';
import { select } from '../../infra/persistence/raw-sql';
import { SqlWhere } from '../../infra/persistence/sql-where';
import { isUniqueViolation } from '../../infra/persistence/unique-violation';
import { DomainError } from '../../domain/errors';
import { EnterpriseEntity } from './enterprise.entity';
import type { EnterpriseRecord } from './enterprise.record';

const SELECT_ENTERPRISE = `SELECT id, credit_code AS "creditCode", name, region_code AS "regionCode",
  sector, established_on AS "establishedOn", created_at AS "createdAt", updated_at AS "updatedAt"
  FROM enterprises`;

/** The enterprises table. */
@Injectable()
export class EnterpriseRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async findById(id: string, em?: EntityManager): Promise<EnterpriseRecord | undefined> {
    const [row] = await select<EnterpriseRecord>(
      em ?? this.dataSource.manager,
      `${SELECT_ENTERPRISE} WHERE id = $1`,
      [id],
    );
    return row;
  }

  async findByCreditCode(creditCode: string): Promise<EnterpriseRecord | undefined> {
    const [row] = await select<EnterpriseRecord>(
      this.dataSource.manager,
      `${SELECT_ENTERPRISE} WHERE credit_code = $1`,
      [creditCode],
    );
    return row;
  }

  async existsByCreditCode(em: EntityManager, creditCode: string): Promise<boolean> {
    const rows = await select<{ id: string }>(
      em,
      'SELECT id FROM enterprises WHERE credit_code = $1',
      [creditCode],
    );
    return rows.length > 0;
  }

  async insert(em: EntityManager, enterprise: EnterpriseRecord): Promise<void> {
    try {
      await insertRow(em, EnterpriseEntity, enterprise);
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new DomainError('DUPLICATE', 'An enterprise with this credit code is registered', {
          errors: [{ field: 'creditCode', message: 'already registered' }],
        });
      }
      throw error;
    }
  }

  /** Names and codes of several enterprises, keyed by id. */
  async namesOf(
    ids: readonly string[],
  ): Promise<Map<string, { name: string; creditCode: string }>> {
    if (ids.length === 0) return new Map();
    const rows = await select<{ id: string; name: string; credit_code: string }>(
      this.dataSource.manager,
      `SELECT id, name, credit_code FROM enterprises WHERE id IN (${ids.map((_, i) => `$${i + 1}`).join(', ')})`,
      [...ids],
    );
    return new Map(rows.map((r) => [r.id, { name: r.name, creditCode: r.credit_code }]));
  }

  /** A keyset page of the enterprises a scope admits (an enterprise's scope is its own id). */
  async page(
    scope: Exclude<ListScope, null>,
    filter: { regionCode?: string; q?: string; after?: string },
    limit: number,
  ): Promise<EnterpriseRecord[]> {
    const where = new SqlWhere().scope(scope, { enterpriseId: 'id', regionCode: 'region_code' });
    if (filter.regionCode) where.add('region_code LIKE ?', `${regionPrefix(filter.regionCode)}%`);
    if (filter.q) {
      const q = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      where.add("(name LIKE ? ESCAPE '\\' OR credit_code LIKE ? ESCAPE '\\')", q, q);
    }
    if (filter.after) where.add('id > ?', filter.after);
    return select<EnterpriseRecord>(
      this.dataSource.manager,
      `${SELECT_ENTERPRISE}${where.toString()} ORDER BY id LIMIT ${where.next(limit)}`,
      where.params,
    );
  }
}
