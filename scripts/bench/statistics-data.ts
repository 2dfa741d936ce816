// The statistics benchmark's data (issue 17: "fast at 1 M applications, within 2× of the same
// query at 10 k"). Seeding 1 M applications through the engine and folding their 10 M audit events
// through the projector takes the better part of an hour here, so the projection's tables are
// written directly, with the rows the projector would have written:
//
// - each application gets a history: its state sequence is the real machine's (the seed's
//   templates, scripts/seed/dataset.ts), its times are random (days in each state);
// - the history is folded by the projection's own pure functions (applyApplicationEvent,
//   applyCertificateEvent, the counter deltas) into stat_applications, stat_certificates,
//   stat_counters and stat_stage_days rows, bulk inserted;
// - `checkAgainstProjector` writes a sample of such histories as audit events into a scratch
//   database, lets the real StatisticsProjector fold them, and compares its tables with the
//   generator's (so the generator cannot drift from the projector unnoticed).
import Database from 'better-sqlite3';
import { Client } from 'pg';
import { v7 } from 'uuid';
import type { AppConfig } from '../../src/config/app-config';
import { APP_ENTITIES } from '../../src/app.entities';
import type { WorkdayCalendar } from '../../src/domain/calendar/working-days';
import type { ApplicationState } from '../../src/domain/certification/application.machines';
import { validityFrom } from '../../src/domain/certification/certificate.workflow';
import type { Tier } from '../../src/domain/certification/tier';
import {
  applyApplicationEvent,
  applyCertificateEvent,
  applicationCounterDeltas,
  certificateCounterDeltas,
  overdueCounterDelta,
  statisticsKeysOf,
  type ApplicationStat,
  type CertificateStat,
  type CounterDelta,
  type StatEvent,
} from '../../src/domain/statistics/projection';
import { chinaWorkdayCalendar } from '../../src/infra/calendar/china-workday-calendar';
import { openDataSource } from '../../src/infra/persistence/data-source';
import { TransactionRunner } from '../../src/infra/persistence/transaction-runner';
import { regionName } from '../../src/infra/regions/region-registry';
import { AuditLogRepository } from '../../src/modules/audit-log/audit-log.repository';
import { AuditSigner } from '../../src/modules/audit-log/audit-signer';
import { StatisticsProjector } from '../../src/modules/statistics/statistics-projector';
import {
  StatisticsRepository,
  stageSummaryRefresh,
} from '../../src/modules/statistics/statistics.repository';
import {
  buildTemplate,
  creditCode,
  ENTERPRISE_COLUMNS,
  HEBEI_COUNTIES,
  prng,
  STATE_MIX,
} from '../seed/dataset';

const DAY = 86_400_000;
const TIERS: Tier[] = ['innovative_sme', 'specialized_sme', 'little_giant'];

// --- the working-day calendar, memoised (the same answers, looked up once per date) ------------

const workdays = new Map<string, boolean>();
export const memoCalendar: WorkdayCalendar = {
  isWorkday: (date) => {
    let v = workdays.get(date);
    if (v === undefined) workdays.set(date, (v = chinaWorkdayCalendar.isWorkday(date)));
    return v;
  },
};

// --- histories ---------------------------------------------------------------------------------

/** Days spent in a state before the next event: [min, max] calendar days. */
const STAY: Partial<Record<ApplicationState, [number, number]>> = {
  draft: [0, 20],
  submitted: [0, 4],
  localReview: [2, 40],
  returned: [2, 15],
  provincialReview: [3, 45],
  expertReview: [3, 20],
  onSiteCheck: [2, 15],
  publicNotice: [7, 9],
  objectionReview: [3, 20],
  recommendedToMiit: [5, 60],
  nationalReview: [10, 70],
  nationalOnSiteCheck: [3, 20],
  nationalNotice: [7, 9],
  nationalObjectionReview: [3, 20],
};

/** The seed's mix of last states, with objections (drop-outs of their own) added. */
const LAST_STATES: readonly (readonly [ApplicationState, number])[] = [
  ...STATE_MIX,
  ['objectionReview', 1],
];

/** The events (type, state reached) that take a new application of `tier` to `state`: the real machine's, via the seed. */
const paths = new Map<string, { event: string; toState: string }[] | null>();
const pathOf = (tier: Tier, state: ApplicationState) => {
  const key = `${tier}|${state}`;
  if (!paths.has(key)) {
    let steps: { event: string; toState: string }[] | null;
    try {
      steps = buildTemplate(tier, state, 0, Date.UTC(2025, 0, 6), 0)
        .events.slice(1)
        .map((e) => ({ event: e.event, toState: e.toState }));
    } catch {
      steps = null; // no such path for the tier (e.g. national states of a specialized SME)
    }
    paths.set(key, steps);
  }
  return paths.get(key)!;
};

export type Cluster = {
  id: string;
  name: string;
  regionCode: string;
  industry: string;
  members: number;
  leaders: number;
};

/** A few industrial clusters of fixed size (the same at every data-set size). */
export const clustersFor = (random: () => number): Cluster[] =>
  [
    {
      name: '石家庄装备制造产业集群',
      regionCode: '130100',
      industry: '装备制造',
      members: 400,
      leaders: 8,
    },
    {
      name: '唐山钢铁深加工产业集群',
      regionCode: '130200',
      industry: '钢铁深加工',
      members: 150,
      leaders: 4,
    },
    { name: '临西轴承产业集群', regionCode: '130535', industry: '轴承', members: 60, leaders: 3 },
    {
      name: '河间电线电缆产业集群',
      regionCode: '130984',
      industry: '电线电缆',
      members: 30,
      leaders: 2,
    },
  ].map((c) => ({ ...c, id: v7({ msecs: Date.UTC(2023, 11, 1) + Math.floor(random() * DAY) }) }));

/** What the generator hands to a writer, one enterprise at a time. */
export type Generated = {
  enterpriseId: string;
  regionCode: string;
  /** stat_applications rows (APPLICATION_COLUMNS). */
  applications: unknown[][];
  certificates: CertificateStat[];
  /** The histories as audit events (only when asked for: the projector check). */
  events: StatEvent[];
};

const COUNTIES = 4096;

/**
 * Counters and stage-visit histograms per county, counted under small integer ids (the county's,
 * and the rest of the key's: `<year>|<tier>|<metric>`, `<year>|<tier>|<stage>|<days>`), then
 * expanded to every key of the county (statisticsKeysOf) at the end.
 */
export class Aggregates {
  private readonly countyIds = new Map<string, number>();
  private readonly counterIds = new Map<string, number>();
  private readonly visitIds = new Map<string, number>();
  private readonly counters = new Map<number, number>();
  private readonly visits = new Map<number, number>();

  private static id(ids: Map<string, number>, key: string): number {
    let id = ids.get(key);
    if (id === undefined) ids.set(key, (id = ids.size));
    return id;
  }
  county(code: string): number {
    const id = Aggregates.id(this.countyIds, code);
    if (id >= COUNTIES) throw new Error('too many counties');
    return id;
  }
  counter(year: number, tier: string, metric: string): number {
    return Aggregates.id(this.counterIds, `${year}|${tier}|${metric}`);
  }
  visitOf(year: number, tier: string, stage: string, days: number): number {
    return Aggregates.id(this.visitIds, `${year}|${tier}|${stage}|${days}`);
  }
  count(county: number, counter: number, n: number): void {
    const key = counter * COUNTIES + county;
    this.counters.set(key, (this.counters.get(key) ?? 0) + n);
  }
  visit(county: number, visit: number): void {
    const key = visit * COUNTIES + county;
    this.visits.set(key, (this.visits.get(key) ?? 0) + 1);
  }
  addCounters(regionCode: string, deltas: readonly CounterDelta[]): void {
    const county = this.county(regionCode);
    for (const d of deltas) this.count(county, this.counter(d.year, d.tier, d.metric), d.n);
  }

  private expand(ids: Map<string, number>, counts: Map<number, number>, width: number) {
    const countyOf = [...this.countyIds.keys()];
    const restOf = [...ids.keys()].map((k) => k.split('|'));
    const out = new Map<string, unknown[]>();
    for (const [key, n] of counts) {
      if (n === 0) continue;
      const [year, ...rest] = restOf[Math.floor(key / COUNTIES)]!;
      for (const region of statisticsKeysOf(countyOf[key % COUNTIES]!)) {
        const k = `${year}|${region}|${rest.join('|')}`;
        const row = out.get(k);
        if (row) (row[width] as number) += n;
        else
          out.set(k, [
            Number(year),
            region,
            ...rest.map((v, i) => (i === rest.length - 1 && width === 5 ? Number(v) : v)),
            n,
          ]);
      }
    }
    return [...out.values()];
  }

  /** stat_counters rows: year, region_code (each key of the county), tier, metric, n. */
  counterRows(): unknown[][] {
    return this.expand(this.counterIds, this.counters, 4);
  }

  /** stat_stage_days rows: year, region_code (each key of the county), tier, stage, days, n. */
  stageDayRows(): unknown[][] {
    return this.expand(this.visitIds, this.visits, 5);
  }
}

/**
 * One history folded by the projection: an application of a tier, created on a day, reaching a
 * state through the real machine's events, with days in each state drawn at random. Histories
 * are shared by the applications drawn with the same key (a few variants per tier, state and
 * day): only their ids and county differ, and neither changes the fold.
 */
type History = {
  times: number[];
  events: { event: string; toState: string; at: string }[];
  stat: ApplicationStat;
  /** Its stat_applications row (ids and county to fill in). */
  row: unknown[];
  /** Its counters (Aggregates ids) and their changes. */
  counters: [number, number][];
  /** Its completed stage visits (Aggregates ids). */
  visits: number[];
  validTo: string | null;
};

const VARIANTS = 3;

/**
 * `applications` histories over Hebei's counties, tiers and the three years up to `untilMs`:
 * enterprises with one to three applications up the ladder (all but the last certified, the last
 * in a state of the seed's mix), 2 % of last applications re-reviews; certificates for the new
 * titles, 1.5 % later revoked, 4 % with an overdue annual update. The first enterprises are the
 * clusters' members, in the clusters' regions.
 */
export const generate = async (o: {
  applications: number;
  untilMs: number;
  seed: number;
  clusters: readonly Cluster[];
  withEvents?: boolean;
  each: (g: Generated) => void | Promise<void>;
  aggregates: Aggregates;
}): Promise<void> => {
  const random = prng(o.seed);
  const between = (min: number, max: number) => min + random() * (max - min);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  const weighted = <T>(items: readonly (readonly [T, number])[]): T => {
    const total = items.reduce((s, [, w]) => s + w, 0);
    let r = random() * total;
    for (const [item, w] of items) if ((r -= w) < 0) return item;
    return items[items.length - 1]![0];
  };
  const fromMs = Date.UTC(new Date(o.untilMs).getUTCFullYear() - 2, 0, 1) - 8 * 3_600_000;
  const memberRegions: string[] = [];
  for (const c of o.clusters) {
    const counties = c.regionCode.endsWith('00')
      ? HEBEI_COUNTIES.filter((k) => k.startsWith(c.regionCode.slice(0, 4)))
      : [c.regionCode];
    for (let i = 0; i < c.members; i++) memberRegions.push(pick(counties));
  }

  const histories = new Map<string, History>();
  const historyOf = (tier: Tier, final: ApplicationState, reReview: boolean, day: number) => {
    const key = `${tier}|${final}|${reReview}|${day}|${Math.floor(random() * VARIANTS)}`;
    let h = histories.get(key);
    if (h) return h;
    const steps = pathOf(tier, final);
    // Times: creation during the day, then the days spent in each state.
    const times = [day * DAY + Math.floor(random() * DAY)];
    let state: ApplicationState = 'draft';
    for (const step of steps) {
      const [min, max] = STAY[state] ?? [1, 10];
      times.push(times[times.length - 1]! + Math.round(between(min, max) * DAY));
      state = step.toState as ApplicationState;
    }
    const at = times.map((t) => new Date(t).toISOString());
    const events = [
      { event: 'application.create', toState: 'draft', at: at[0]! },
      ...steps.map((s, i) => ({ ...s, at: at[i + 1]! })),
    ];
    let stat: ApplicationStat | undefined;
    const visits: number[] = [];
    events.forEach((e, i) => {
      const { next, span } = applyApplicationEvent(
        stat,
        {
          seq: i + 1,
          at: e.at,
          subjectType: 'application',
          subjectId: 'application',
          enterpriseId: 'enterprise',
          regionCode: 'county',
          event: e.event,
          toState: e.toState,
          data: i === 0 ? { tier, ...(reReview ? { reReviewOf: 'earlier' } : {}) } : null,
        },
        memoCalendar,
      );
      stat = next;
      if (span) {
        visits.push(o.aggregates.visitOf(span.leftYear, span.tier, span.stage, span.workingDays));
      }
    });
    h = {
      times,
      events,
      stat: stat!,
      row: applicationRow(stat!),
      counters: applicationCounterDeltas(undefined, stat).map((d) => [
        o.aggregates.counter(d.year, d.tier, d.metric),
        d.n,
      ]),
      visits,
      validTo: stat!.certifiedAt === null ? null : validityFrom(stat!.certifiedAt).validTo,
    };
    histories.set(key, h);
    return h;
  };

  const certificateCounters = new Map<string, CounterDelta[]>();
  let seq = 0;
  let apps = 0;
  let enterprises = 0;
  while (apps < o.applications) {
    const n = Math.min(
      weighted([
        [1, 80],
        [2, 17],
        [3, 3],
      ] as const),
      o.applications - apps,
    );
    let last: ApplicationState;
    do last = weighted(LAST_STATES);
    while (!pathOf(TIERS[n - 1]!, last));
    const regionCode = memberRegions[enterprises] ?? pick(HEBEI_COUNTIES);
    const county = o.aggregates.county(regionCode);
    const enterpriseId = v7();
    const out: Generated = {
      enterpriseId,
      regionCode,
      applications: [],
      certificates: [],
      events: [],
    };
    enterprises++;
    let startMs = between(fromMs, o.untilMs - 60 * DAY);
    for (let t = 0; t < n; t++) {
      const tier = TIERS[t]!;
      const final = t === n - 1 ? last : 'certified';
      const reReview = t === n - 1 && random() < 0.02;
      let day = Math.floor(startMs / DAY);
      let h = historyOf(tier, final, reReview, day);
      // The history ends before `untilMs`: the first rung is moved earlier, a later one dropped.
      const overflow = h.times[h.times.length - 1]! - o.untilMs;
      if (overflow > 0) {
        if (t > 0) break;
        day -= Math.ceil(overflow / DAY) + 1;
        h = historyOf(tier, final, reReview, day);
      }
      // Ids in the order written (v7 of the generation time): appended to the table's B-tree.
      const applicationId = v7();
      const row = h.row.slice();
      row[0] = applicationId;
      row[1] = enterpriseId;
      row[2] = regionCode;
      out.applications.push(row);
      for (const [counter, d] of h.counters) o.aggregates.count(county, counter, d);
      for (const visit of h.visits) o.aggregates.visit(county, visit);
      const stat = h.stat;
      if (o.withEvents) {
        h.events.forEach((e, i) =>
          out.events.push({
            seq: ++seq,
            at: e.at,
            subjectType: 'application',
            subjectId: applicationId,
            enterpriseId,
            regionCode,
            event: e.event,
            toState: e.toState,
            data: i === 0 ? { tier, ...(reReview ? { reReviewOf: v7() } : {}) } : null,
          }),
        );
      }
      apps++;
      if (stat.certifiedAt !== null && !reReview) {
        const issuedAt = stat.certifiedAt;
        const certificateId = v7();
        const event = (at: string, name: string, toState: string, data: unknown): StatEvent => ({
          seq: ++seq,
          at,
          subjectType: 'certificate',
          subjectId: certificateId,
          enterpriseId,
          regionCode,
          event: name,
          toState,
          data,
        });
        const certEvents = [
          event(issuedAt, 'certificate.issue', 'active', {
            tier,
            applicationId,
            validTo: h.validTo,
          }),
        ];
        const issuedMs = Date.parse(issuedAt);
        const roll = random();
        if (roll < 0.04) {
          // The annual update of the year after issue, overdue after 31 May.
          const dueYear = new Date(issuedMs).getUTCFullYear() + 1;
          const overdueMs = Date.UTC(dueYear, 5, 1, 2);
          if (overdueMs < o.untilMs) {
            certEvents.push(
              event(new Date(overdueMs).toISOString(), 'annualUpdate.overdue', 'active', {
                year: dueYear - 1,
              }),
            );
          }
        } else if (roll < 0.055) {
          const revokedMs = Math.floor(between(issuedMs + DAY, o.untilMs));
          if (revokedMs < o.untilMs) {
            certEvents.push(
              event(new Date(revokedMs).toISOString(), 'revoke', 'revoked', {
                ground: 'no_longer_qualified',
              }),
            );
          }
        }
        let cert: CertificateStat | undefined;
        for (const e of certEvents) {
          const { next, overdue } = applyCertificateEvent(cert, e);
          cert = next;
          if (overdue) o.aggregates.addCounters(regionCode, [overdueCounterDelta(overdue)]);
        }
        out.certificates.push(cert!);
        // A certificate's counters depend on its tier, status, validity and revocation year only.
        const c = cert!;
        const certKey = `${c.tier}|${c.status}|${c.validTo}|${c.revokedYear}`;
        let deltas = certificateCounters.get(certKey);
        if (!deltas)
          certificateCounters.set(certKey, (deltas = certificateCounterDeltas(undefined, c)));
        o.aggregates.addCounters(regionCode, deltas);
        if (o.withEvents) out.events.push(...certEvents);
      }
      // The next rung: some time after this title.
      startMs = h.times[h.times.length - 1]! + between(20, 200) * DAY;
    }
    await o.each(out);
  }
};

// --- tables ------------------------------------------------------------------------------------

export const APPLICATION_COLUMNS = [
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
] as const;

export const applicationRow = (s: ApplicationStat): unknown[] => [
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

export const CERTIFICATE_COLUMNS = [
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
] as const;

export const certificateRow = (c: CertificateStat): unknown[] => [
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

/** Column types for PostgreSQL's unnest(): text unless listed. */
const INTEGER_COLUMNS = new Set([
  're_review',
  'created_year',
  'certified_year',
  'returned',
  'objected',
  'stage_entered_seq',
  'issued_year',
  'revoked_year',
  'year',
  'n',
  'days',
  'count',
  'version',
  'leader',
  'last_seq',
]);

/** Bulk inserts: better-sqlite3 prepared statements in one transaction, or PostgreSQL unnest(). */
export interface BulkWriter {
  insert(table: string, columns: readonly string[], rows: unknown[][]): Promise<void>;
  query<T>(sql: string): Promise<T[]>;
  /** A statement without rows. */
  run(sql: string): Promise<void>;
  close(): Promise<void>;
}

export class SqliteBulkWriter implements BulkWriter {
  private readonly db: Database.Database;
  private readonly statements = new Map<string, Database.Statement>();
  constructor(path: string) {
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = OFF');
    this.db.pragma('cache_size = -262144');
    this.db.exec('BEGIN');
  }
  insert(table: string, columns: readonly string[], rows: unknown[][]): Promise<void> {
    // Many rows per statement: fewer calls into SQLite than one statement per row.
    const statementFor = (count: number) => {
      const key = `${table}(${columns.join(',')})×${count}`;
      let statement = this.statements.get(key);
      if (!statement) {
        const tuple = `(${columns.map(() => '?').join(', ')})`;
        statement = this.db.prepare(
          `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${Array.from({ length: count }, () => tuple).join(', ')}`,
        );
        this.statements.set(key, statement);
      }
      return statement;
    };
    const per = Math.max(1, Math.floor(10_000 / columns.length));
    let i = 0;
    for (; i + per <= rows.length; i += per) statementFor(per).run(rows.slice(i, i + per).flat());
    for (; i < rows.length; i++) statementFor(1).run(rows[i]);
    return Promise.resolve();
  }
  query<T>(sql: string): Promise<T[]> {
    return Promise.resolve(this.db.prepare(sql).all() as T[]);
  }
  run(sql: string): Promise<void> {
    this.db.prepare(sql).run();
    return Promise.resolve();
  }
  close(): Promise<void> {
    this.db.exec('COMMIT');
    this.db.exec('ANALYZE');
    this.db.pragma('wal_checkpoint(TRUNCATE)');
    this.db.close();
    return Promise.resolve();
  }
}

export class PostgresBulkWriter implements BulkWriter {
  private readonly client: Client;
  private readonly connected: Promise<void>;
  constructor(url: string, schema: string) {
    this.client = new Client({ connectionString: url, options: `-c search_path=${schema}` });
    this.connected = this.client.connect().then(async () => {
      await this.client.query('SET synchronous_commit = off');
    });
  }
  async insert(table: string, columns: readonly string[], rows: unknown[][]): Promise<void> {
    await this.connected;
    for (let start = 0; start < rows.length; start += 50_000) {
      const part = rows.slice(start, start + 50_000);
      const arrays = columns.map((_, c) => part.map((r) => r[c]));
      const casts = columns.map(
        (column, c) => `$${c + 1}::${INTEGER_COLUMNS.has(column) ? 'bigint' : 'text'}[]`,
      );
      await this.client.query(
        `INSERT INTO ${table} (${columns.join(', ')}) SELECT * FROM unnest(${casts.join(', ')})`,
        arrays,
      );
    }
  }
  async query<T>(sql: string): Promise<T[]> {
    await this.connected;
    return (await this.client.query(sql)).rows as T[];
  }
  async run(sql: string): Promise<void> {
    await this.connected;
    await this.client.query(sql);
  }
  async close(): Promise<void> {
    await this.connected;
    await this.client.query('ANALYZE');
    await this.client.end();
  }
}

export type Seeded = {
  applications: number;
  certificates: number;
  counters: number;
  stageDays: number;
  clusters: Cluster[];
  seconds: number;
};

/**
 * Writes `applications` generated histories' projection into a migrated database whose users
 * exist already (`reviewerId` decides the clusters' memberships and sets the targets), with the
 * clusters, their members (as enterprises), targets, and the cursor at the log's head.
 */
export const writeStatistics = async (
  writer: BulkWriter,
  o: { applications: number; untilMs: number; reviewerId: string; seed?: number },
): Promise<Seeded> => {
  const started = Date.now();
  const random = prng((o.seed ?? 17) + 1);
  const clusters = clustersFor(random);
  const aggregates = new Aggregates();
  let applicationRows: unknown[][] = [];
  let certificateRows: unknown[][] = [];
  const memberCount = clusters.reduce((s, c) => s + c.members, 0);
  const members: { enterpriseId: string; regionCode: string; best: number }[] = [];
  let applications = 0;
  let certificates = 0;
  const flush = async () => {
    await writer.insert('stat_applications', APPLICATION_COLUMNS, applicationRows);
    await writer.insert('stat_certificates', CERTIFICATE_COLUMNS, certificateRows);
    applicationRows = [];
    certificateRows = [];
  };
  await generate({
    applications: o.applications,
    untilMs: o.untilMs,
    seed: o.seed ?? 17,
    clusters,
    aggregates,
    each: async (g) => {
      for (const a of g.applications) applicationRows.push(a);
      for (const c of g.certificates) certificateRows.push(certificateRow(c));
      applications += g.applications.length;
      certificates += g.certificates.length;
      if (members.length < memberCount) {
        const best = Math.max(
          0,
          ...g.certificates
            .filter((c) => c.status !== 'revoked')
            .map((c) => TIERS.indexOf(c.tier) + 1),
        );
        members.push({ enterpriseId: g.enterpriseId, regionCode: g.regionCode, best });
      }
      if (applicationRows.length >= 20_000) await flush();
    },
  });
  await flush();
  const counterRows = aggregates.counterRows();
  const stageDayRows = aggregates.stageDayRows();
  await writer.insert('stat_counters', ['year', 'region_code', 'tier', 'metric', 'n'], counterRows);
  await writer.insert(
    'stat_stage_days',
    ['year', 'region_code', 'tier', 'stage', 'days', 'n'],
    stageDayRows,
  );
  // The histograms' summaries, by the projector's own SQL.
  await writer.run(stageSummaryRefresh('true'));
  // The clusters, their members (enterprises of their regions; the highest titled lead), the
  // members as enterprises (the statistics name them).
  const joinedAt = new Date(Date.UTC(2023, 11, 15)).toISOString();
  await writer.insert(
    'clusters',
    ['id', 'name', 'region_code', 'industry', 'created_by', 'created_at'],
    clusters.map((c) => [c.id, c.name, c.regionCode, c.industry, o.reviewerId, joinedAt]),
  );
  const memberRows: unknown[][] = [];
  const enterpriseRows: unknown[][] = [];
  let offset = 0;
  for (const c of clusters) {
    const own = members.slice(offset, offset + c.members);
    offset += c.members;
    const leaders = new Set(
      [...own]
        .sort((a, b) => b.best - a.best)
        .slice(0, c.leaders)
        .map((m) => m.enterpriseId),
    );
    for (const m of own) {
      memberRows.push([
        c.id,
        m.enterpriseId,
        leaders.has(m.enterpriseId) ? 1 : 0,
        o.reviewerId,
        joinedAt,
      ]);
      enterpriseRows.push([
        m.enterpriseId,
        creditCode(m.regionCode, 900_000_000 + enterpriseRows.length),
        `${c.industry}${enterpriseRows.length}号有限公司`,
        m.regionCode,
        'industry',
        '2010-05-15',
        joinedAt,
        joinedAt,
      ]);
    }
  }
  await writer.insert('enterprises', ENTERPRISE_COLUMNS, enterpriseRows);
  await writer.insert(
    'cluster_members',
    ['cluster_id', 'enterprise_id', 'leader', 'decided_by', 'joined_at'],
    memberRows,
  );
  // Targets: the province, its cities and Shijiazhuang's counties, each year, about what the
  // generated data certifies.
  const perYear = o.applications / 3;
  const share: Record<Tier, number> = {
    innovative_sme: 0.4,
    specialized_sme: 0.08,
    little_giant: 0.01,
  };
  const regions = [
    '130000',
    ...[...new Set(HEBEI_COUNTIES.map((c) => `${c.slice(0, 4)}00`))].filter((c) => regionName(c)),
    ...HEBEI_COUNTIES.filter((c) => c.startsWith('1301')),
  ];
  const year = new Date(o.untilMs).getUTCFullYear();
  const targetRows: unknown[][] = [];
  for (let y = year - 2; y <= year; y++) {
    for (const region of regions) {
      const weight = region === '130000' ? 1 : region.endsWith('00') ? 1 / 11 : 1 / 170;
      for (const tier of TIERS) {
        targetRows.push([
          y,
          tier,
          region,
          Math.max(1, Math.round(perYear * share[tier] * weight)),
          o.reviewerId,
          new Date(Date.UTC(y, 0, 15)).toISOString(),
          1,
        ]);
      }
    }
  }
  await writer.insert(
    'targets',
    ['year', 'tier', 'region_code', 'count', 'set_by', 'set_at', 'version'],
    targetRows,
  );
  // The projection is up to date with the log (whatever events the log holds were not applications).
  const [head] = await writer.query<{ seq: number | string | null }>(
    'SELECT MAX(seq) AS seq FROM audit_events',
  );
  await writer.insert('stat_cursor', ['name', 'last_seq'], [['audit', Number(head?.seq ?? 0)]]);
  return {
    applications,
    certificates,
    counters: counterRows.length,
    stageDays: stageDayRows.length,
    clusters,
    seconds: (Date.now() - started) / 1000,
  };
};

// --- the check against the projector -----------------------------------------------------------

const TABLES: Record<string, string> = {
  // stage_entered_seq is the seq of an event: the generator numbers its events per history.
  stat_applications: `SELECT ${APPLICATION_COLUMNS.filter((c) => c !== 'stage_entered_seq').join(', ')} FROM stat_applications ORDER BY application_id`,
  stat_certificates: `SELECT ${CERTIFICATE_COLUMNS.join(', ')} FROM stat_certificates ORDER BY certificate_id`,
  stat_counters:
    'SELECT year, region_code, tier, metric, n FROM stat_counters WHERE n <> 0 ORDER BY year, region_code, tier, metric',
  stat_stage_days:
    'SELECT year, region_code, tier, stage, days, n FROM stat_stage_days ORDER BY year, region_code, tier, stage, days',
  stat_stage_summary:
    'SELECT year, region_code, tier, stage, count, p50, p90 FROM stat_stage_summary ORDER BY year, region_code, tier, stage',
};

/**
 * `applications` generated histories, folded two ways into two scratch SQLite databases: by the
 * generator (as the benchmark writes them) and, written as audit events, by the real
 * StatisticsProjector. Returns the tables that differ (none when the generator is faithful).
 */
export const checkAgainstProjector = async (
  dir: string,
  applications: number,
  untilMs: number,
): Promise<{ applications: number; events: number; rows: number; differences: string[] }> => {
  const sqlite = (path: string) =>
    openDataSource(
      {
        kind: 'sqlite',
        driver: 'better-sqlite3',
        path,
        synchronous: 'OFF',
        checkpointMs: 0,
        groupCommitMax: 1,
      },
      APP_ENTITIES,
    );
  const generatedPath = `${dir}/statistics-check-generated.sqlite`;
  const foldedPath = `${dir}/statistics-check-folded.sqlite`;
  const aggregates = new Aggregates();
  const histories: Generated[] = [];
  await generate({
    applications,
    untilMs,
    seed: 4242,
    clusters: [],
    withEvents: true,
    aggregates,
    each: (g) => {
      histories.push(g);
    },
  });
  // The generator's tables.
  await (await sqlite(generatedPath)).destroy();
  const writer = new SqliteBulkWriter(generatedPath);
  await writer.insert(
    'stat_applications',
    APPLICATION_COLUMNS,
    histories.flatMap((g) => g.applications),
  );
  await writer.insert(
    'stat_certificates',
    CERTIFICATE_COLUMNS,
    histories.flatMap((g) => g.certificates.map(certificateRow)),
  );
  await writer.insert(
    'stat_counters',
    ['year', 'region_code', 'tier', 'metric', 'n'],
    aggregates.counterRows(),
  );
  await writer.insert(
    'stat_stage_days',
    ['year', 'region_code', 'tier', 'stage', 'days', 'n'],
    aggregates.stageDayRows(),
  );
  await writer.run(stageSummaryRefresh('true'));
  await writer.close();
  // The same histories as an audit log, in time order, folded by the projector.
  const events = histories
    .flatMap((g) => g.events)
    .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.seq - b.seq));
  const folded = await sqlite(foldedPath);
  try {
    let prev = '0'.repeat(64);
    const rows = events.map((e, i) => {
      const hash = (i + 1).toString(16).padStart(64, '0');
      const row = [
        i + 1,
        e.at,
        'bench',
        'system',
        null,
        null,
        e.subjectType,
        e.subjectId,
        e.enterpriseId,
        e.regionCode,
        e.event,
        null,
        e.toState,
        null,
        e.data === null ? null : JSON.stringify(e.data),
        `check-${i + 1}`,
        prev,
        hash,
        null,
      ];
      prev = hash;
      return row;
    });
    const db = new SqliteBulkWriter(foldedPath);
    await db.insert(
      'audit_events',
      [
        'seq',
        'at',
        'actor_id',
        'actor_role',
        'actor_level',
        'actor_region',
        'subject_type',
        'subject_id',
        'enterprise_id',
        'region_code',
        'event',
        'from_state',
        'to_state',
        'comment',
        'data',
        'request_id',
        'prev_hash',
        'hash',
        'mac',
      ],
      rows,
    );
    await db.close();
    const projector = new StatisticsProjector(
      new StatisticsRepository(folded),
      new AuditLogRepository(folded, AuditSigner.load(undefined, `${foldedPath}.data`)),
      new TransactionRunner(folded, {
        database: { kind: 'sqlite', groupCommitMax: 1 },
      } as unknown as AppConfig),
      chinaWorkdayCalendar,
    );
    await projector.catchUp();
  } finally {
    await folded.destroy();
  }
  const a = new Database(generatedPath, { readonly: true });
  const b = new Database(foldedPath, { readonly: true });
  const differences: string[] = [];
  let compared = 0;
  for (const [table, sql] of Object.entries(TABLES)) {
    const left = a.prepare(sql).all();
    const right = b.prepare(sql).all();
    compared += right.length;
    if (JSON.stringify(left) !== JSON.stringify(right)) {
      const i = left.findIndex((row, k) => JSON.stringify(row) !== JSON.stringify(right[k]));
      differences.push(
        `${table}: ${left.length} generated rows, ${right.length} folded; first difference at row ${i}: ${JSON.stringify(left[i]).slice(0, 400)} vs ${JSON.stringify(right[i]).slice(0, 400)}`,
      );
    }
  }
  a.close();
  b.close();
  return { applications, events: events.length, rows: compared, differences };
};
