// The applications table. Hand-written SQL: loading and writing an application is the command
// pipeline's hot path.
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { ListScope } from '../../domain/access/list-scope';
import { regionPrefix } from '../../domain/access/region';
import type { ApplicationState } from '../../domain/certification/application.machines';
import type { ApplicationRecord } from '../../domain/certification/records';
import type { Tier } from '../../domain/certification/tier';
import { DomainError } from '../../domain/errors';
import { databaseKindOf } from '../../infra/persistence/database-kind';
import { FrozenJsonCache } from '../../infra/persistence/frozen-json';
import { insertRow } from '../../infra/persistence/insert-row';
import { execute, select } from '../../infra/persistence/raw-sql';
import { SqlWhere } from '../../infra/persistence/sql-where';
import { isUniqueViolation } from '../../infra/persistence/unique-violation';
import { ApplicationEntity } from './application.entity';
import { msg } from '../../domain/i18n/message';

const SELECT_APPLICATION = `SELECT id, enterprise_id, region_code, tier, state, version, rule_set,
  machine_id, machine_version, snapshot, facts, facts_hash, assessment, confirmed_facts, call_id,
  certificate_id, re_review_of, created_at, updated_at FROM applications`;

type ApplicationRow = {
  id: string;
  enterprise_id: string;
  region_code: string;
  tier: ApplicationRecord['tier'];
  state: ApplicationRecord['state'];
  version: number | string;
  rule_set: ApplicationRecord['ruleSet'];
  machine_id: string;
  machine_version: number | string;
  snapshot: string;
  facts: string;
  facts_hash: string | null;
  assessment: string | null;
  confirmed_facts: string | null;
  call_id: string | null;
  certificate_id: string | null;
  re_review_of: string | null;
  created_at: string;
  updated_at: string;
};

// An application's facts and assessment stay the same over most of its transitions: parsed once,
// shared frozen (the i18n edge then renders the assessment once per language, not per answer).
const STORED_JSON = new FrozenJsonCache(2_000);

const fromRow = (r: ApplicationRow): ApplicationRecord => ({
  id: r.id,
  enterpriseId: r.enterprise_id,
  regionCode: r.region_code,
  tier: r.tier,
  state: r.state,
  version: Number(r.version),
  ruleSet: r.rule_set,
  machineId: r.machine_id,
  machineVersion: Number(r.machine_version),
  snapshot: JSON.parse(r.snapshot) as ApplicationRecord['snapshot'],
  facts: STORED_JSON.parse<ApplicationRecord['facts']>(r.facts),
  factsHash: r.facts_hash,
  assessment:
    r.assessment === null ? null : STORED_JSON.parse<ApplicationRecord['assessment']>(r.assessment),
  confirmedFacts:
    r.confirmed_facts === null
      ? null
      : STORED_JSON.parse<ApplicationRecord['confirmedFacts']>(r.confirmed_facts),
  callId: r.call_id,
  certificateId: r.certificate_id,
  reReviewOf: r.re_review_of,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

type Writable =
  | 'state'
  | 'snapshot'
  | 'facts'
  | 'factsHash'
  | 'assessment'
  | 'confirmedFacts'
  | 'certificateId'
  | 'machineVersion'
  | 'updatedAt';

/**
 * The columns a decision may change; identity and ownership never change, and the machine
 * version only by a migration between versions (decideMigration).
 */
const COLUMN_OF: Record<Writable, string> = {
  machineVersion: 'machine_version',
  confirmedFacts: 'confirmed_facts',
  state: 'state',
  snapshot: 'snapshot',
  facts: 'facts',
  factsHash: 'facts_hash',
  assessment: 'assessment',
  certificateId: 'certificate_id',
  updatedAt: 'updated_at',
};
const JSON_COLUMNS = new Set<string>(['snapshot', 'facts', 'assessment', 'confirmedFacts']);

export type ApplicationFilter = {
  tier?: Tier;
  state?: ApplicationState;
  enterpriseId?: string;
  regionCode?: string;
  callId?: string;
  after?: string;
};

@Injectable()
export class ApplicationRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async load(em: EntityManager, id: string): Promise<ApplicationRecord | undefined> {
    const [row] = await select<ApplicationRow>(em, `${SELECT_APPLICATION} WHERE id = $1`, [id]);
    return row ? fromRow(row) : undefined;
  }

  /**
   * Loads and locks the row until the transaction ends (PostgreSQL; SQLite transactions are
   * serialized anyway): a document upload and a submission of one application take turns, so a
   * submission's manifest holds every document added before it and none after.
   */
  async loadForUpdate(em: EntityManager, id: string): Promise<ApplicationRecord | undefined> {
    const lock = databaseKindOf(em) === 'postgres' ? ' FOR UPDATE' : '';
    const [row] = await select<ApplicationRow>(em, `${SELECT_APPLICATION} WHERE id = $1${lock}`, [
      id,
    ]);
    return row ? fromRow(row) : undefined;
  }

  /** Outside a transaction (reads of the API). */
  find(id: string): Promise<ApplicationRecord | undefined> {
    return this.load(this.dataSource.manager, id);
  }

  async insert(em: EntityManager, record: ApplicationRecord): Promise<ApplicationRecord> {
    try {
      await insertRow(em, ApplicationEntity, record);
    } catch (error) {
      // uq_applications_open_per_tier: another open application of the tier won a race.
      if (isUniqueViolation(error)) {
        throw new DomainError(
          'DUPLICATE',
          `The enterprise already has an open ${record.tier} application`,
          { reasons: ['Another application of this tier is still open.'] },
        );
      }
      throw error;
    }
    return record;
  }

  /** Writes changed columns with the optimistic version check; a stale version is a 409. */
  async write(
    em: EntityManager,
    record: ApplicationRecord,
    changes: Partial<ApplicationRecord>,
  ): Promise<ApplicationRecord> {
    const version = record.version + 1;
    const columns: string[] = ['version'];
    const values: unknown[] = [version];
    for (const [key, value] of Object.entries(changes)) {
      if (value === undefined) continue;
      const column = (COLUMN_OF as Record<string, string | undefined>)[key];
      if (!column) throw new Error(`applications.${key} is not writable`);
      columns.push(column);
      values.push(JSON_COLUMNS.has(key) && value !== null ? JSON.stringify(value) : value);
    }
    const assignments = columns.map((c, i) => `${c} = $${i + 1}`).join(', ');
    const n = columns.length;
    const changed = await execute(
      em,
      `UPDATE applications SET ${assignments} WHERE id = $${n + 1} AND version = $${n + 2}`,
      [...values, record.id, record.version],
    );
    if (changed !== 1) {
      throw new DomainError(
        'VERSION_CONFLICT',
        msg('problem.changedMeanwhile', { what: msg('subject.application'), id: record.id }),
      );
    }
    return { ...record, ...changes, version };
  }

  /** The enterprise's applications of a tier that are not closed. */
  async openIdsOf(em: EntityManager, enterpriseId: string, tier: Tier): Promise<string[]> {
    const rows = await select<{ id: string }>(
      em,
      `SELECT id FROM applications WHERE enterprise_id = $1 AND tier = $2
          AND state NOT IN ('certified', 'rejected', 'withdrawn')`,
      [enterpriseId, tier],
    );
    return rows.map((r) => r.id);
  }

  /** The calls in which an application of this tier of the enterprise was rejected. */
  async rejectedCallIdsOf(em: EntityManager, enterpriseId: string, tier: Tier): Promise<string[]> {
    const rows = await select<{ call_id: string }>(
      em,
      `SELECT DISTINCT call_id FROM applications WHERE enterprise_id = $1 AND tier = $2
          AND state = 'rejected' AND call_id IS NOT NULL`,
      [enterpriseId, tier],
    );
    return rows.map((r) => r.call_id);
  }

  /** Every open application of an enterprise, and the certificate each renews (if a re-review). */
  async openOf(
    em: EntityManager,
    enterpriseId: string,
  ): Promise<{ id: string; reReviewOf: string | null }[]> {
    const rows = await select<{ id: string; re_review_of: string | null }>(
      em,
      `SELECT id, re_review_of FROM applications WHERE enterprise_id = $1
          AND state NOT IN ('certified', 'rejected', 'withdrawn') ORDER BY id`,
      [enterpriseId],
    );
    return rows.map((r) => ({ id: r.id, reReviewOf: r.re_review_of }));
  }

  /** The rule set an application pinned. */
  async ruleSetOf(
    em: EntityManager,
    id: string,
  ): Promise<ApplicationRecord['ruleSet'] | undefined> {
    const [row] = await select<{ rule_set: ApplicationRecord['ruleSet'] }>(
      em,
      'SELECT rule_set FROM applications WHERE id = $1',
      [id],
    );
    return row?.rule_set;
  }

  /**
   * A keyset page (by id) of the applications a scope admits, filtered: the scope is applied in
   * SQL, so walking the pages gives exactly what one large page gives.
   */
  async page(
    scope: Exclude<ListScope, null>,
    filter: ApplicationFilter,
    limit: number,
  ): Promise<ApplicationRecord[]> {
    const where = this.whereOf(scope, filter);
    const rows = await select<ApplicationRow>(
      this.dataSource.manager,
      `${SELECT_APPLICATION}${where.toString()} ORDER BY id LIMIT ${where.next(limit)}`,
      where.params,
    );
    return rows.map(fromRow);
  }

  /**
   * The ids (in order) of the applications a scope admits that match a filter, at most `limit`:
   * a batch's selection, with the caller's jurisdiction applied in SQL.
   */
  async matchingIds(
    scope: Exclude<ListScope, null>,
    filter: ApplicationFilter,
    limit: number,
  ): Promise<string[]> {
    const where = this.whereOf(scope, filter);
    const rows = await select<{ id: string }>(
      this.dataSource.manager,
      `SELECT id FROM applications${where.toString()} ORDER BY id LIMIT ${where.next(limit)}`,
      where.params,
    );
    return rows.map((r) => r.id);
  }

  private whereOf(scope: Exclude<ListScope, null>, filter: ApplicationFilter): SqlWhere {
    const where = new SqlWhere().scope(scope, {
      enterpriseId: 'enterprise_id',
      regionCode: 'region_code',
      state: 'state',
    });
    if (filter.tier) where.add('tier = ?', filter.tier);
    if (filter.state) where.add('state = ?', filter.state);
    if (filter.enterpriseId) where.add('enterprise_id = ?', filter.enterpriseId);
    if (filter.callId) where.add('call_id = ?', filter.callId);
    if (filter.regionCode) {
      where.add('region_code LIKE ?', `${regionPrefix(filter.regionCode)}%`);
    }
    if (filter.after) where.add('id > ?', filter.after);
    return where;
  }

  /**
   * A page (by id, after `after`) of the open applications on one version of a machine: the
   * applications a migration between versions moves.
   */
  async openOnVersion(
    machineId: string,
    version: number,
    after: string,
    limit: number,
  ): Promise<ApplicationRecord[]> {
    const rows = await select<ApplicationRow>(
      this.dataSource.manager,
      `${SELECT_APPLICATION} WHERE machine_id = $1 AND machine_version = $2 AND id > $3
          AND state NOT IN ('certified', 'rejected', 'withdrawn') ORDER BY id LIMIT $4`,
      [machineId, version, after, limit],
    );
    return rows.map(fromRow);
  }

  /** How many open applications are on one version of a machine. */
  async countOpenOnVersion(machineId: string, version: number): Promise<number> {
    const [row] = await select<{ n: number | string }>(
      this.dataSource.manager,
      `SELECT COUNT(*) AS n FROM applications WHERE machine_id = $1 AND machine_version = $2
          AND state NOT IN ('certified', 'rejected', 'withdrawn')`,
      [machineId, version],
    );
    return Number(row?.n ?? 0);
  }

  /** Ids in order after `after`: for walking every application (replays). */
  async idsAfter(after: string, limit: number): Promise<string[]> {
    const rows = await select<{ id: string }>(
      this.dataSource.manager,
      'SELECT id FROM applications WHERE id > $1 ORDER BY id LIMIT $2',
      [after, limit],
    );
    return rows.map((r) => r.id);
  }
}
