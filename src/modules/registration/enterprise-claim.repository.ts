import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { ListScope } from '../../domain/access/list-scope';
import { DomainError } from '../../domain/errors';
import { insertRow } from '../../infra/persistence/insert-row';
import { execute, select } from '../../infra/persistence/raw-sql';
import { SqlWhere } from '../../infra/persistence/sql-where';
import { EnterpriseClaimEntity } from './enterprise-claim.entity';
import type { ClaimStatus, EnterpriseClaimRecord } from './enterprise-claim.record';

type ClaimRow = {
  id: string;
  enterprise_id: string;
  region_code: string;
  credit_code: string;
  claimant_name: string;
  claimant_contact: string;
  statement: string;
  username: string;
  password_hash: string;
  status: ClaimStatus;
  created_at: string;
  decided_at: string | null;
  decided_by: string | null;
  reasons: string | null;
};

const SELECT_CLAIM = `SELECT id, enterprise_id, region_code, credit_code, claimant_name,
  claimant_contact, statement, username, password_hash, status, created_at, decided_at, decided_by,
  reasons FROM enterprise_claims`;

const fromRow = (r: ClaimRow): EnterpriseClaimRecord => ({
  id: r.id,
  enterpriseId: r.enterprise_id,
  regionCode: r.region_code,
  creditCode: r.credit_code,
  claimantName: r.claimant_name,
  claimantContact: r.claimant_contact,
  statement: r.statement,
  username: r.username,
  passwordHash: r.password_hash,
  status: r.status,
  createdAt: r.created_at,
  decidedAt: r.decided_at,
  decidedBy: r.decided_by,
  reasons: r.reasons === null ? null : (JSON.parse(r.reasons) as string[]),
});

/** The enterprise_claims table. */
@Injectable()
export class EnterpriseClaimRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(em: EntityManager, claim: EnterpriseClaimRecord): Promise<void> {
    await insertRow(em, EnterpriseClaimEntity, claim);
  }

  async load(id: string, em?: EntityManager): Promise<EnterpriseClaimRecord | undefined> {
    const [row] = await select<ClaimRow>(
      em ?? this.dataSource.manager,
      `${SELECT_CLAIM} WHERE id = $1`,
      [id],
    );
    return row ? fromRow(row) : undefined;
  }

  /** Records the decision of a pending claim; a claim decided meanwhile is a 409. */
  async decide(
    em: EntityManager,
    claim: EnterpriseClaimRecord,
    decision: { status: 'granted' | 'refused'; at: string; by: string; reasons: string[] },
  ): Promise<EnterpriseClaimRecord> {
    const changed = await execute(
      em,
      `UPDATE enterprise_claims SET status = $1, decided_at = $2, decided_by = $3, reasons = $4
        WHERE id = $5 AND status = 'pending'`,
      [decision.status, decision.at, decision.by, JSON.stringify(decision.reasons), claim.id],
    );
    if (changed !== 1)
      throw new DomainError('VERSION_CONFLICT', `claim ${claim.id} was decided meanwhile`);
    return {
      ...claim,
      status: decision.status,
      decidedAt: decision.at,
      decidedBy: decision.by,
      reasons: decision.reasons,
    };
  }

  /** A keyset page of the claims a scope admits (by the enterprise's region). */
  async page(
    scope: Exclude<ListScope, null>,
    filter: { status?: ClaimStatus; after?: string },
    limit: number,
  ): Promise<EnterpriseClaimRecord[]> {
    const where = new SqlWhere().scope(scope, {
      enterpriseId: 'enterprise_id',
      regionCode: 'region_code',
    });
    if (filter.status) where.add('status = ?', filter.status);
    if (filter.after) where.add('id > ?', filter.after);
    const rows = await select<ClaimRow>(
      this.dataSource.manager,
      `${SELECT_CLAIM}${where.toString()} ORDER BY id LIMIT ${where.next(limit)}`,
      where.params,
    );
    return rows.map(fromRow);
  }
}
