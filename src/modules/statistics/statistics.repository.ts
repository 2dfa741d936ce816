// The statistics area's tables (statistics.entities.ts). The projection's writes are batched
// upserts, each counter and stage visit under its county's, city's, province's and the country's
// keys; the reads look up the keys of a region and of the regions under it, never the
// applications nor the counties of a whole province, so a statistic costs about the same at 10 k
// and at 1 M applications.
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import {
  statisticsKeysOf,
  type ApplicationStat,
  type CertificateStat,
  type CounterDelta,
  type StatStage,
} from '../../domain/statistics/projection';
import type { Tier } from '../../domain/certification/tier';
import type { Write } from '../../domain/certification/decision';
import { DomainError } from '../../domain/errors';
import {
  memberIdOf,
  targetIdOf,
  type ClusterMemberRecord,
  type ClusterRecord,
  type TargetRecord,
} from '../../domain/statistics/targets-and-clusters';
import { isUniqueViolation } from '../../infra/persistence/unique-violation';
import { execute, select } from '../../infra/persistence/raw-sql';
import { SqlWhere } from '../../infra/persistence/sql-where';

const CURSOR = 'audit';
const BATCH = 200;

type ApplicationRow = {
  application_id: string;
  enterprise_id: string;
  region_code: string;
  tier: Tier;
  re_review: number | string;
  created_at: string;
  created_year: number | string;
  state: string;
  submitted_at: string | null;
  recommended_at: string | null;
  noticed_at: string | null;
  certified_at: string | null;
  certified_year: number | string | null;
  returned: number | string;
  objected: number | string;
  stage: StatStage | null;
  stage_entered_at: string | null;
  stage_entered_seq: number | string | null;
};

const APPLICATION_COLUMNS = [
  'application_id',
  'enterprise_id',
  'region_code',
  'tier',
  're_review',
  'created_at',
  'created_year',
  'state',
  'submitted_at',
  'recommended_at',
  'noticed_at',
  'certified_at',
  'certified_year',
  'returned',
  'objected',
  'stage',
  'stage_entered_at',
  'stage_entered_seq',
];

const num = (v: number | string | null): number | null => (v === null ? null : Number(v));

const applicationOf = (r: ApplicationRow): ApplicationStat => ({
  applicationId: r.application_id,
  enterpriseId: r.enterprise_id,
  regionCode: r.region_code,
  tier: r.tier,
  reReview: Number(r.re_review) === 1,
  createdAt: r.created_at,
  createdYear: Number(r.created_year),
  state: r.state,
  submittedAt: r.submitted_at,
  recommendedAt: r.recommended_at,
  noticedAt: r.noticed_at,
  certifiedAt: r.certified_at,
  certifiedYear: num(r.certified_year),
  returned: Number(r.returned),
  objected: Number(r.objected),
  stage: r.stage,
  stageEnteredAt: r.stage_entered_at,
  stageEnteredSeq: num(r.stage_entered_seq),
});

const applicationValues = (s: ApplicationStat): unknown[] => [
  s.applicationId,
  s.enterpriseId,
  s.regionCode,
  s.tier,
  s.reReview ? 1 : 0,
  s.createdAt,
  s.createdYear,
  s.state,
  s.submittedAt,
  s.recommendedAt,
  s.noticedAt,
  s.certifiedAt,
  s.certifiedYear,
  s.returned,
  s.objected,
  s.stage,
  s.stageEnteredAt,
  s.stageEnteredSeq,
];

type CertificateRow = {
  certificate_id: string;
  enterprise_id: string;
  region_code: string;
  tier: Tier;
  application_id: string | null;
  status: string;
  issued_at: string;
  issued_year: number | string;
  valid_to: string;
  revoked_at: string | null;
  revoked_year: number | string | null;
};

const CERTIFICATE_COLUMNS = [
  'certificate_id',
  'enterprise_id',
  'region_code',
  'tier',
  'application_id',
  'status',
  'issued_at',
  'issued_year',
  'valid_to',
  'revoked_at',
  'revoked_year',
];

const certificateOf = (r: CertificateRow): CertificateStat => ({
  certificateId: r.certificate_id,
  enterpriseId: r.enterprise_id,
  regionCode: r.region_code,
  tier: r.tier,
  applicationId: r.application_id,
  status: r.status,
  issuedAt: r.issued_at,
  issuedYear: Number(r.issued_year),
  validTo: r.valid_to,
  revokedAt: r.revoked_at,
  revokedYear: num(r.revoked_year),
});

const certificateValues = (c: CertificateStat): unknown[] => [
  c.certificateId,
  c.enterpriseId,
  c.regionCode,
  c.tier,
  c.applicationId,
  c.status,
  c.issuedAt,
  c.issuedYear,
  c.validTo,
  c.revokedAt,
  c.revokedYear,
];

/** `($1, $2, …), ($n+1, …)` for `rows` rows of `width` values. */
const tuples = (rows: number, width: number): string =>
  Array.from(
    { length: rows },
    (_, r) => `(${Array.from({ length: width }, (_, c) => `$${r * width + c + 1}`).join(', ')})`,
  ).join(', ');

const chunks = <T>(items: readonly T[], size: number): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
};

/** `key`: the statistics key (statisticsKeysOf) the row was read under. */
export type CounterRow = { key: string; tier: Tier; metric: string; year: number; n: number };

export type StageDaysRow = {
  key: string;
  tier: Tier;
  stage: StatStage;
  count: number;
  p50: number | null;
  p90: number | null;
  overLimit: number;
};

export type StageDaysSample = {
  year: number;
  regionCode: string;
  tier: string;
  stage: string;
  days: number;
};

/**
 * Summarises the stage-time histograms matched by `where` into stat_stage_summary: the visits,
 * the nearest-rank median and 90th percentile (the smallest `days` whose cumulative count reaches
 * half, nine tenths of the visits), the same SQL on SQLite and PostgreSQL.
 */
export const stageSummaryRefresh = (where: string): string =>
  `WITH c AS (
      SELECT year, region_code, tier, stage, days,
          SUM(n) OVER (PARTITION BY year, region_code, tier, stage ORDER BY days
            ROWS UNBOUNDED PRECEDING) AS cum,
          SUM(n) OVER (PARTITION BY year, region_code, tier, stage) AS total
        FROM stat_stage_days WHERE ${where})
    INSERT INTO stat_stage_summary (year, region_code, tier, stage, count, p50, p90)
      SELECT year, region_code, tier, stage, MAX(total),
          MIN(CASE WHEN cum * 2 >= total THEN days END),
          MIN(CASE WHEN cum * 10 >= total * 9 THEN days END)
        FROM c WHERE true GROUP BY year, region_code, tier, stage
      ON CONFLICT (year, region_code, tier, stage)
        DO UPDATE SET count = excluded.count, p50 = excluded.p50, p90 = excluded.p90`;

@Injectable()
export class StatisticsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  // --- the projection ----------------------------------------------------------------------

  async cursor(em: EntityManager = this.dataSource.manager): Promise<number> {
    const [row] = await select<{ last_seq: number | string }>(
      em,
      'SELECT last_seq FROM stat_cursor WHERE name = $1',
      [CURSOR],
    );
    return row ? Number(row.last_seq) : 0;
  }

  /** Moves the cursor from `from` to `to`; false when another writer moved it first. */
  async advanceCursor(em: EntityManager, from: number, to: number): Promise<boolean> {
    const moved = await execute(
      em,
      'UPDATE stat_cursor SET last_seq = $1 WHERE name = $2 AND last_seq = $3',
      [to, CURSOR, from],
    );
    if (moved === 1) return true;
    if (from !== 0) return false;
    const inserted = await execute(
      em,
      'INSERT INTO stat_cursor (name, last_seq) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING',
      [CURSOR, to],
    );
    return inserted === 1;
  }

  async applicationsOf(
    em: EntityManager,
    ids: readonly string[],
  ): Promise<Map<string, ApplicationStat>> {
    const out = new Map<string, ApplicationStat>();
    for (const part of chunks(ids, 500)) {
      const rows = await select<ApplicationRow>(
        em,
        `SELECT ${APPLICATION_COLUMNS.join(', ')} FROM stat_applications
          WHERE application_id IN (${part.map((_, i) => `$${i + 1}`).join(', ')})`,
        part,
      );
      for (const row of rows) out.set(row.application_id, applicationOf(row));
    }
    return out;
  }

  async certificatesOf(
    em: EntityManager,
    ids: readonly string[],
  ): Promise<Map<string, CertificateStat>> {
    const out = new Map<string, CertificateStat>();
    for (const part of chunks(ids, 500)) {
      const rows = await select<CertificateRow>(
        em,
        `SELECT ${CERTIFICATE_COLUMNS.join(', ')} FROM stat_certificates
          WHERE certificate_id IN (${part.map((_, i) => `$${i + 1}`).join(', ')})`,
        part,
      );
      for (const row of rows) out.set(row.certificate_id, certificateOf(row));
    }
    return out;
  }

  async saveApplications(em: EntityManager, rows: readonly ApplicationStat[]): Promise<void> {
    const updates = APPLICATION_COLUMNS.slice(1)
      .map((c) => `${c} = excluded.${c}`)
      .join(', ');
    for (const part of chunks(rows, BATCH)) {
      await execute(
        em,
        `INSERT INTO stat_applications (${APPLICATION_COLUMNS.join(', ')})
          VALUES ${tuples(part.length, APPLICATION_COLUMNS.length)}
          ON CONFLICT (application_id) DO UPDATE SET ${updates}`,
        part.flatMap(applicationValues),
      );
    }
  }

  async saveCertificates(em: EntityManager, rows: readonly CertificateStat[]): Promise<void> {
    const updates = CERTIFICATE_COLUMNS.slice(1)
      .map((c) => `${c} = excluded.${c}`)
      .join(', ');
    for (const part of chunks(rows, BATCH)) {
      await execute(
        em,
        `INSERT INTO stat_certificates (${CERTIFICATE_COLUMNS.join(', ')})
          VALUES ${tuples(part.length, CERTIFICATE_COLUMNS.length)}
          ON CONFLICT (certificate_id) DO UPDATE SET ${updates}`,
        part.flatMap(certificateValues),
      );
    }
  }

  /** Adds the deltas under each of their keys (statisticsKeysOf: county, city, province, all). */
  async addCounters(em: EntityManager, deltas: readonly CounterDelta[]): Promise<void> {
    const merged = new Map<string, CounterDelta>();
    for (const d of deltas) {
      for (const regionCode of statisticsKeysOf(d.regionCode)) {
        const key = `${d.year}|${regionCode}|${d.tier}|${d.metric}`;
        const current = merged.get(key);
        if (current) current.n += d.n;
        else merged.set(key, { ...d, regionCode });
      }
    }
    const rows = [...merged.values()].filter((d) => d.n !== 0);
    for (const part of chunks(rows, BATCH)) {
      await execute(
        em,
        `INSERT INTO stat_counters (year, region_code, tier, metric, n) VALUES ${tuples(part.length, 5)}
          ON CONFLICT (year, region_code, tier, metric) DO UPDATE SET n = stat_counters.n + excluded.n`,
        part.flatMap((d) => [d.year, d.regionCode, d.tier, d.metric, d.n]),
      );
    }
  }

  /**
   * Counts the visits under each of their keys, like the counters, and refreshes the summaries
   * (stat_stage_summary) of the histograms that changed.
   */
  async addStageDays(em: EntityManager, samples: readonly StageDaysSample[]): Promise<void> {
    const grouped = new Map<string, StageDaysSample & { n: number }>();
    const histograms = new Map<string, [number, string, string, string]>();
    for (const s of samples) {
      for (const regionCode of statisticsKeysOf(s.regionCode)) {
        const key = `${s.year}|${regionCode}|${s.tier}|${s.stage}|${s.days}`;
        const current = grouped.get(key);
        if (current) current.n += 1;
        else grouped.set(key, { ...s, regionCode, n: 1 });
        histograms.set(`${s.year}|${regionCode}|${s.tier}|${s.stage}`, [
          s.year,
          regionCode,
          s.tier,
          s.stage,
        ]);
      }
    }
    for (const part of chunks([...grouped.values()], BATCH)) {
      await execute(
        em,
        `INSERT INTO stat_stage_days (year, region_code, tier, stage, days, n) VALUES ${tuples(part.length, 6)}
          ON CONFLICT (year, region_code, tier, stage, days) DO UPDATE SET n = stat_stage_days.n + excluded.n`,
        part.flatMap((d) => [d.year, d.regionCode, d.tier, d.stage, d.days, d.n]),
      );
    }
    for (const part of chunks([...histograms.values()], BATCH)) {
      const values = part
        .map(
          (_, i) => `(CAST($${i * 4 + 1} AS integer), $${i * 4 + 2}, $${i * 4 + 3}, $${i * 4 + 4})`,
        )
        .join(', ');
      await execute(
        em,
        stageSummaryRefresh(`(year, region_code, tier, stage) IN (VALUES ${values})`),
        part.flat(),
      );
    }
  }

  // --- the statistics ------------------------------------------------------------------------

  /**
   * The counters of the year (and the timeless ones) under these keys (statisticsKeysOf), read
   * from the counters' index as one row per key, tier and year (`metric=n` pairs joined by
   * string_agg): the database joins them faster than the driver reads a row per counter.
   */
  async counters(year: number, keys: readonly string[]): Promise<CounterRow[]> {
    const rows = await select<{
      region_code: string;
      tier: Tier;
      year: number | string;
      counts: string;
    }>(
      this.dataSource.manager,
      `SELECT region_code, tier, year, string_agg(metric || '=' || n, ',') AS counts
          FROM stat_counters
          WHERE year IN ($1, 0) AND region_code IN (${keys.map((_, i) => `$${i + 2}`).join(', ')})
          GROUP BY region_code, tier, year`,
      [year, ...keys],
    );
    const out: CounterRow[] = [];
    for (const r of rows) {
      for (const pair of r.counts.split(',')) {
        const at = pair.lastIndexOf('=');
        out.push({
          key: r.region_code,
          tier: r.tier,
          metric: pair.slice(0, at),
          year: Number(r.year),
          n: Number(pair.slice(at + 1)),
        });
      }
    }
    return out;
  }

  /**
   * Stage times of the visits that ended in the year, under these keys: count, nearest-rank
   * median and 90th percentile (in working days, from the summaries) and how many took longer
   * than the stage's limit (the histogram's cells above it, a range of its index).
   */
  async stageDays(
    year: number,
    keys: readonly string[],
    limits: Record<StatStage, number>,
  ): Promise<StageDaysRow[]> {
    const limitOf = `CASE s.stage ${Object.entries(limits)
      .map(([stage, days]) => `WHEN '${stage}' THEN ${Math.trunc(days)}`)
      .join(' ')} END`;
    const rows = await select<{
      region_code: string;
      tier: Tier;
      stage: StatStage;
      count: number | string;
      p50: number | string | null;
      p90: number | string | null;
      over_limit: number | string | null;
    }>(
      this.dataSource.manager,
      `SELECT s.region_code, s.tier, s.stage, s.count, s.p50, s.p90,
            (SELECT SUM(d.n) FROM stat_stage_days d
              WHERE d.year = s.year AND d.region_code = s.region_code AND d.tier = s.tier
                AND d.stage = s.stage AND d.days > ${limitOf}) AS over_limit
          FROM stat_stage_summary s
          WHERE s.year = $1 AND s.region_code IN (${keys.map((_, i) => `$${i + 2}`).join(', ')})`,
      [year, ...keys],
    );
    return rows.map((r) => ({
      key: r.region_code,
      tier: r.tier,
      stage: r.stage,
      count: Number(r.count),
      p50: num(r.p50),
      p90: num(r.p90),
      overLimit: Number(r.over_limit ?? 0),
    }));
  }

  /** The titles (every status) of these enterprises, oldest first. */
  async certificatesOfEnterprises(enterpriseIds: readonly string[]): Promise<CertificateStat[]> {
    const out: CertificateStat[] = [];
    for (const part of chunks(enterpriseIds, 500)) {
      const rows = await select<CertificateRow>(
        this.dataSource.manager,
        `SELECT ${CERTIFICATE_COLUMNS.join(', ')} FROM stat_certificates
          WHERE enterprise_id IN (${part.map((_, i) => `$${i + 1}`).join(', ')})
          ORDER BY issued_at, certificate_id`,
        part,
      );
      out.push(...rows.map(certificateOf));
    }
    return out;
  }

  // --- targets -----------------------------------------------------------------------------------

  /** The targets of a year for these regions ('' is the whole country), keyed `region|tier`. */
  async targetsFor(year: number, regions: readonly string[]): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    for (const part of chunks(regions, 500)) {
      const rows = await select<{ region_code: string; tier: string; count: number | string }>(
        this.dataSource.manager,
        `SELECT region_code, tier, count FROM targets
          WHERE year = $1 AND region_code IN (${part.map((_, i) => `$${i + 2}`).join(', ')})`,
        [year, ...part],
      );
      for (const r of rows) out.set(`${r.region_code}|${r.tier}`, Number(r.count));
    }
    return out;
  }

  async loadTarget(
    em: EntityManager,
    year: number,
    tier: Tier,
    regionCode: string,
  ): Promise<TargetRecord | undefined> {
    const [row] = await select<TargetRow>(
      em,
      `SELECT ${TARGET_COLUMNS} FROM targets WHERE year = $1 AND tier = $2 AND region_code = $3`,
      [year, tier, regionCode],
    );
    return row ? targetOf(row) : undefined;
  }

  /** Inserts a first target, or replaces one at the version before (else a conflict). */
  async writeTarget(em: EntityManager, write: Write<TargetRecord>): Promise<TargetRecord> {
    const conflict = () =>
      new DomainError('VERSION_CONFLICT', 'The target was changed by another request');
    if ('insert' in write) {
      const t = write.insert;
      try {
        await execute(
          em,
          `INSERT INTO targets (year, tier, region_code, count, set_by, set_at, version)
            VALUES ($1, $2, $3, $4, $5, $6, $7)`,
          [t.year, t.tier, t.regionCode, t.count, t.setBy, t.setAt, t.version],
        );
      } catch (error) {
        if (isUniqueViolation(error)) throw conflict();
        throw error;
      }
      return t;
    }
    const t = write.update as TargetRecord;
    const changed = await execute(
      em,
      `UPDATE targets SET count = $1, set_by = $2, set_at = $3, version = $4
        WHERE year = $5 AND tier = $6 AND region_code = $7 AND version = $8`,
      [t.count, t.setBy, t.setAt, t.version, t.year, t.tier, t.regionCode, t.version - 1],
    );
    if (changed !== 1) throw conflict();
    return t;
  }

  /** Targets inside a region prefix ('' everywhere), of a year if given, in key order. */
  async targets(
    filter: { year?: number; prefix: string; after?: [number, string, string] },
    limit: number,
  ): Promise<TargetRecord[]> {
    const where = new SqlWhere().add('region_code LIKE ?', `${filter.prefix}%`);
    if (filter.year !== undefined) where.add('year = ?', filter.year);
    if (filter.after) where.add('(year, region_code, tier) > (?, ?, ?)', ...filter.after);
    const rows = await select<TargetRow>(
      this.dataSource.manager,
      `SELECT ${TARGET_COLUMNS} FROM targets${where.toString()}
        ORDER BY year, region_code, tier LIMIT ${where.next(limit)}`,
      where.params,
    );
    return rows.map(targetOf);
  }

  // --- clusters -------------------------------------------------------------------------------

  async loadCluster(em: EntityManager | undefined, id: string): Promise<ClusterRecord | undefined> {
    const [row] = await select<ClusterRow>(
      em ?? this.dataSource.manager,
      `SELECT ${CLUSTER_COLUMNS} FROM clusters WHERE id = $1`,
      [id],
    );
    return row ? clusterOf(row) : undefined;
  }

  async insertCluster(em: EntityManager, c: ClusterRecord): Promise<void> {
    try {
      await execute(
        em,
        `INSERT INTO clusters (id, name, region_code, industry, created_by, created_at)
          VALUES ($1, $2, $3, $4, $5, $6)`,
        [c.id, c.name, c.regionCode, c.industry, c.createdBy, c.createdAt],
      );
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new DomainError('DUPLICATE', `A cluster named ${c.name} exists in ${c.regionCode}`);
      }
      throw error;
    }
  }

  async clusters(
    filter: { prefix: string; after?: string },
    limit: number,
  ): Promise<ClusterRecord[]> {
    const where = new SqlWhere().add('region_code LIKE ?', `${filter.prefix}%`);
    if (filter.after) where.add('id > ?', filter.after);
    const rows = await select<ClusterRow>(
      this.dataSource.manager,
      `SELECT ${CLUSTER_COLUMNS} FROM clusters${where.toString()} ORDER BY id LIMIT ${where.next(limit)}`,
      where.params,
    );
    return rows.map(clusterOf);
  }

  async loadMember(em: EntityManager, id: string): Promise<ClusterMemberRecord | undefined> {
    const [clusterId, enterpriseId] = id.split(':');
    const [row] = await select<MemberRow>(
      em,
      `SELECT ${MEMBER_COLUMNS} FROM cluster_members WHERE cluster_id = $1 AND enterprise_id = $2`,
      [clusterId, enterpriseId],
    );
    return row ? memberOf(row) : undefined;
  }

  async writeMember(
    em: EntityManager,
    write: Write<ClusterMemberRecord>,
  ): Promise<ClusterMemberRecord> {
    if ('insert' in write) {
      const m = write.insert;
      try {
        await execute(
          em,
          `INSERT INTO cluster_members (cluster_id, enterprise_id, leader, decided_by, joined_at)
            VALUES ($1, $2, $3, $4, $5)`,
          [m.clusterId, m.enterpriseId, m.leader ? 1 : 0, m.decidedBy, m.joinedAt],
        );
      } catch (error) {
        if (isUniqueViolation(error)) {
          throw new DomainError(
            'VERSION_CONFLICT',
            'The membership was decided by another request',
          );
        }
        throw error;
      }
      return m;
    }
    const m = write.update as ClusterMemberRecord;
    const changed = await execute(
      em,
      `UPDATE cluster_members SET leader = $1, decided_by = $2
        WHERE cluster_id = $3 AND enterprise_id = $4 AND leader = $5`,
      [m.leader ? 1 : 0, m.decidedBy, m.clusterId, m.enterpriseId, m.leader ? 0 : 1],
    );
    if (changed !== 1) {
      throw new DomainError('VERSION_CONFLICT', 'The membership was changed by another request');
    }
    return m;
  }

  async members(clusterId: string): Promise<ClusterMemberRecord[]> {
    const rows = await select<MemberRow>(
      this.dataSource.manager,
      `SELECT ${MEMBER_COLUMNS} FROM cluster_members WHERE cluster_id = $1
        ORDER BY joined_at, enterprise_id`,
      [clusterId],
    );
    return rows.map(memberOf);
  }
}

type TargetRow = {
  year: number | string;
  tier: Tier;
  region_code: string;
  count: number | string;
  set_by: string;
  set_at: string;
  version: number | string;
};
const TARGET_COLUMNS = 'year, tier, region_code, count, set_by, set_at, version';
const targetOf = (r: TargetRow): TargetRecord => ({
  id: targetIdOf(Number(r.year), r.tier, r.region_code),
  year: Number(r.year),
  tier: r.tier,
  regionCode: r.region_code,
  count: Number(r.count),
  setBy: r.set_by,
  setAt: r.set_at,
  version: Number(r.version),
});

type ClusterRow = {
  id: string;
  name: string;
  region_code: string;
  industry: string | null;
  created_by: string;
  created_at: string;
};
const CLUSTER_COLUMNS = 'id, name, region_code, industry, created_by, created_at';
const clusterOf = (r: ClusterRow): ClusterRecord => ({
  id: r.id,
  name: r.name,
  regionCode: r.region_code,
  industry: r.industry,
  createdBy: r.created_by,
  createdAt: r.created_at,
});

type MemberRow = {
  cluster_id: string;
  enterprise_id: string;
  leader: number | string | boolean;
  decided_by: string;
  joined_at: string;
};
const MEMBER_COLUMNS = 'cluster_id, enterprise_id, leader, decided_by, joined_at';
const memberOf = (r: MemberRow): ClusterMemberRecord => ({
  id: memberIdOf(r.cluster_id, r.enterprise_id),
  clusterId: r.cluster_id,
  enterpriseId: r.enterprise_id,
  leader: Number(r.leader) === 1,
  decidedBy: r.decided_by,
  joinedAt: r.joined_at,
});
