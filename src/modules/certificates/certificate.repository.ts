// The certificates table. Hand-written SQL, like applications: certificate events run in the
// command pipeline.
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { ListScope } from '../../domain/access/list-scope';
import { regionPrefix } from '../../domain/access/region';
import type { CertificateState } from '../../domain/certification/certificate.workflow';
import type { TitleRecord } from '../../domain/certification/prerequisites';
import type { CertificateRecord } from '../../domain/certification/records';
import type { Tier } from '../../domain/certification/tier';
import { DomainError } from '../../domain/errors';
import { insertRow } from '../../infra/persistence/insert-row';
import { execute, select } from '../../infra/persistence/raw-sql';
import { SqlWhere } from '../../infra/persistence/sql-where';
import { CertificateEntity } from './certificate.entity';
import { msg } from '../../domain/i18n/message';

const SELECT_CERTIFICATE = `SELECT id, enterprise_id, region_code, tier, status, version,
  application_id, valid_from, valid_to, bar_until, machine_id, machine_version, snapshot,
  created_at, updated_at FROM certificates`;

type CertificateRow = {
  id: string;
  enterprise_id: string;
  region_code: string;
  tier: CertificateRecord['tier'];
  status: CertificateRecord['status'];
  version: number | string;
  application_id: string;
  valid_from: string;
  valid_to: string;
  bar_until: string | null;
  machine_id: string;
  machine_version: number | string;
  snapshot: string;
  created_at: string;
  updated_at: string;
};

const fromRow = (r: CertificateRow): CertificateRecord => ({
  id: r.id,
  enterpriseId: r.enterprise_id,
  regionCode: r.region_code,
  tier: r.tier,
  status: r.status,
  version: Number(r.version),
  applicationId: r.application_id,
  validFrom: r.valid_from,
  validTo: r.valid_to,
  barUntil: r.bar_until,
  machineId: r.machine_id,
  machineVersion: Number(r.machine_version),
  snapshot: JSON.parse(r.snapshot) as CertificateRecord['snapshot'],
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export type CertificateChanges = Pick<
  CertificateRecord,
  'status' | 'snapshot' | 'validTo' | 'barUntil' | 'updatedAt'
>;

/** States in which a title is in force (may be revoked, renewed, updated). */
const LIVE_STATES: readonly CertificateState[] = [
  'active',
  'changeUnderReview',
  'reReviewDue',
  'underReReview',
];

@Injectable()
export class CertificateRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async load(em: EntityManager, id: string): Promise<CertificateRecord | undefined> {
    const [row] = await select<CertificateRow>(em, `${SELECT_CERTIFICATE} WHERE id = $1`, [id]);
    return row ? fromRow(row) : undefined;
  }

  find(id: string): Promise<CertificateRecord | undefined> {
    return this.load(this.dataSource.manager, id);
  }

  async insert(em: EntityManager, record: CertificateRecord): Promise<CertificateRecord> {
    await insertRow(em, CertificateEntity, record);
    return record;
  }

  /** Writes the new snapshot and its queryable columns, with the optimistic version check. */
  async write(
    em: EntityManager,
    record: CertificateRecord,
    next: CertificateChanges,
  ): Promise<CertificateRecord> {
    const changed = await execute(
      em,
      `UPDATE certificates SET status = $1, snapshot = $2, valid_to = $3, bar_until = $4,
         updated_at = $5, version = $6 WHERE id = $7 AND version = $8`,
      [
        next.status,
        JSON.stringify(next.snapshot),
        next.validTo,
        next.barUntil,
        next.updatedAt,
        record.version + 1,
        record.id,
        record.version,
      ],
    );
    if (changed !== 1) {
      throw new DomainError(
        'VERSION_CONFLICT',
        msg('problem.changedMeanwhile', { what: msg('subject.certificate'), id: record.id }),
      );
    }
    return { ...record, ...next, version: record.version + 1 };
  }

  /** A keyset page (by id) of the certificates a scope admits, filtered, the scope in SQL. */
  async page(
    scope: Exclude<ListScope, null>,
    filter: {
      enterpriseId?: string;
      tier?: Tier;
      status?: CertificateState;
      regionCode?: string;
      after?: string;
    },
    limit: number,
  ): Promise<CertificateRecord[]> {
    const where = new SqlWhere().scope(scope, {
      enterpriseId: 'enterprise_id',
      regionCode: 'region_code',
    });
    if (filter.enterpriseId) where.add('enterprise_id = ?', filter.enterpriseId);
    if (filter.tier) where.add('tier = ?', filter.tier);
    if (filter.status) where.add('status = ?', filter.status);
    if (filter.regionCode) where.add('region_code LIKE ?', `${regionPrefix(filter.regionCode)}%`);
    if (filter.after) where.add('id > ?', filter.after);
    const rows = await select<CertificateRow>(
      this.dataSource.manager,
      `${SELECT_CERTIFICATE}${where.toString()} ORDER BY id LIMIT ${where.next(limit)}`,
      where.params,
    );
    return rows.map(fromRow);
  }

  /** Every title of an enterprise, oldest first (the public register). */
  async ofEnterprise(enterpriseId: string): Promise<CertificateRecord[]> {
    const rows = await select<CertificateRow>(
      this.dataSource.manager,
      `${SELECT_CERTIFICATE} WHERE enterprise_id = $1 ORDER BY valid_from, id`,
      [enterpriseId],
    );
    return rows.map(fromRow);
  }

  /** Every title the enterprise holds or held, as the prerequisite rules read them. */
  async titlesOf(em: EntityManager, enterpriseId: string): Promise<TitleRecord[]> {
    const rows = await select<
      Pick<CertificateRow, 'tier' | 'status' | 'valid_from' | 'valid_to' | 'bar_until'>
    >(
      em,
      'SELECT tier, status, valid_from, valid_to, bar_until FROM certificates WHERE enterprise_id = $1',
      [enterpriseId],
    );
    return rows.map((r) => ({
      tier: r.tier,
      state: r.status,
      validFrom: r.valid_from,
      validTo: r.valid_to,
      barUntil: r.bar_until,
    }));
  }

  /** The enterprise's other titles still in force (a fraud revocation cancels them all). */
  async liveIdsOf(em: EntityManager, enterpriseId: string, except: string): Promise<string[]> {
    const where = new SqlWhere()
      .add('enterprise_id = ?', enterpriseId)
      .add('id <> ?', except)
      .add(`status IN (${LIVE_STATES.map(() => '?').join(', ')})`, ...LIVE_STATES);
    const rows = await select<{ id: string }>(
      em,
      `SELECT id FROM certificates${where.toString()} ORDER BY id`,
      where.params,
    );
    return rows.map((r) => r.id);
  }

  /** Certificates of a tier (and province) expiring in `year`, still active: due for re-review. */
  async dueForReReview(
    em: EntityManager,
    tier: Tier,
    regionCode: string | null,
    year: number,
  ): Promise<string[]> {
    const where = new SqlWhere()
      .add('tier = ?', tier)
      .add("status = 'active'")
      .add('valid_to >= ?', `${year}-01-01`)
      .add('valid_to <= ?', `${year}-12-31`);
    if (regionCode) where.add('region_code LIKE ?', `${regionPrefix(regionCode)}%`);
    const rows = await select<{ id: string }>(
      em,
      `SELECT id FROM certificates${where.toString()} ORDER BY id`,
      where.params,
    );
    return rows.map((r) => r.id);
  }
}
