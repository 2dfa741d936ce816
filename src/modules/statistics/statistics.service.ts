// The statistics of issue 17: progress against targets per tier, for a region and each region
// under it, read from the projection's counters (statistics.repository.ts).
import { Inject, Injectable } from '@nestjs/common';
import { regionContains, regionPrefix } from '../../domain/access/region';
import type { Actor } from '../../domain/access/roles';
import { APPLICATION_STATES } from '../../domain/certification/application.machines';
import { TIERS, type Tier } from '../../domain/certification/tier';
import { DomainError } from '../../domain/errors';
import {
  DROP_OUTS,
  FUNNEL_STAGES,
  LIVE_CERTIFICATE_STATUSES,
  STAT_STAGES,
  TIMELESS,
  type StatStage,
} from '../../domain/statistics/projection';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { childRegionsOf, regionName } from '../../infra/regions/region-registry';
import { StatisticsProjector } from './statistics-projector';
import { mayViewCluster, type ClusterRecord } from '../../domain/statistics/targets-and-clusters';
import { progressedIn } from '../../domain/statistics/projection';
import {
  decodeCursor,
  DEFAULT_PAGE_SIZE,
  toPage,
  type Page,
} from '../../infra/pagination/pagination';
import { EnterpriseRepository } from '../enterprises/enterprise.repository';
import {
  toClusterView,
  toMemberView,
  toTargetView,
  type ClusterMemberView,
  type ClusterView,
  type TargetView,
} from './dto/targets-and-clusters.dto';
import { StatisticsRepository, type StageDaysRow } from './statistics.repository';

export type TierProgress = {
  tier: Tier;
  target?: number;
  /** The sum of the targets set for the regions directly under this one, when any is set. */
  childTargets?: number;
  certified: number;
  share?: number;
  byState: Record<string, number>;
  funnel: { stage: string; count: number }[];
  dropOuts: { reason: string; count: number }[];
  stageDays: {
    stage: StatStage;
    count: number;
    p50: number | null;
    p90: number | null;
    overLimit: number;
    limit: number;
  }[];
  certificates: {
    active: number;
    expiringThisYear: number;
    revoked: number;
    revokedThisYear: number;
  };
  annualUpdatesOverdue: number;
};

export type RegionProgress = { regionCode: string | null; name: string; tiers: TierProgress[] };

export type Progress = {
  year: number;
  regionCode: string | null;
  name: string;
  tiers: TierProgress[];
  children: RegionProgress[];
};

/** The roles that read statistics: authorities over a region (national: all) and operators. */
const READERS = new Set(['reviewer', 'auditor', 'admin']);

/** The region an actor's statistics default to (null: the whole country). */
export const statisticsRegionOf = (actor: Actor, asked: string | undefined): string | null => {
  if (actor.kind !== 'user' || !READERS.has(actor.role)) {
    throw new DomainError('FORBIDDEN', 'Statistics are for authorities, auditors and operators');
  }
  const own =
    actor.role === 'admin' || actor.jurisdiction?.level === 'national'
      ? null
      : (actor.jurisdiction?.regionCode ?? undefined);
  if (own === undefined) throw new DomainError('FORBIDDEN', 'No jurisdiction');
  if (asked === undefined) return own;
  if (own !== null && !regionContains(own, asked)) {
    throw new DomainError('FORBIDDEN', `Region ${asked} is outside the caller's jurisdiction`);
  }
  return asked;
};

const emptyTier = (tier: Tier, limits: Record<StatStage, number>): TierProgress => ({
  tier,
  certified: 0,
  byState: Object.fromEntries(APPLICATION_STATES.map((s) => [s, 0])),
  funnel: FUNNEL_STAGES.map((stage) => ({ stage, count: 0 })),
  dropOuts: DROP_OUTS.map((reason) => ({ reason, count: 0 })),
  stageDays: STAT_STAGES.map((stage) => ({
    stage,
    count: 0,
    p50: null,
    p90: null,
    overLimit: 0,
    limit: limits[stage],
  })),
  certificates: { active: 0, expiringThisYear: 0, revoked: 0, revokedThisYear: 0 },
  annualUpdatesOverdue: 0,
});

@Injectable()
export class StatisticsService {
  constructor(
    private readonly repository: StatisticsRepository,
    private readonly projector: StatisticsProjector,
    private readonly enterprises: EnterpriseRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The working-day limit of each stage (see docs/statistics.md). */
  stageLimits(): Record<StatStage, number> {
    return {
      local: this.config.statistics.localReviewWorkingDays,
      returned: this.config.workflow.returnWorkingDays,
      provincial: this.config.statistics.provincialReviewWorkingDays,
      notice: this.config.workflow.noticeWorkingDays,
      national: this.config.statistics.nationalReviewWorkingDays,
    };
  }

  async progress(actor: Actor, year: number, asked: string | undefined): Promise<Progress> {
    const code = statisticsRegionOf(actor, asked);
    await this.projector.catchUp();
    const limits = this.stageLimits();
    // One key per region (statisticsKeysOf): the region's own, and each region's under it.
    const own = code === null ? '' : regionPrefix(code);
    const childCodes = childRegionsOf(code);
    const keys = [own, ...childCodes.map(regionPrefix)];
    const [counters, days, targets] = await Promise.all([
      this.repository.counters(year, keys),
      this.repository.stageDays(year, keys, limits),
      this.repository.targetsFor(year, [code ?? '', ...childCodes]),
    ]);
    const countersOf = new Map<string, Map<string, number>>();
    for (const r of counters) {
      let own = countersOf.get(r.key);
      if (!own) countersOf.set(r.key, (own = new Map<string, number>()));
      own.set(`${r.tier}|${r.year}|${r.metric}`, r.n);
    }
    const targetOf = (region: string, tier: Tier) => targets.get(`${region}|${tier}`);
    const build = (region: string, key: string) =>
      TIERS.map((tier) => {
        const t = this.tierProgress(
          tier,
          year,
          countersOf.get(key) ?? new Map<string, number>(),
          days.filter((r) => r.key === key),
          limits,
        );
        const target = targetOf(region, tier);
        if (target !== undefined) {
          t.target = target;
          t.share = target === 0 ? 0 : Math.round((t.certified / target) * 10_000) / 10_000;
        }
        return t;
      });
    const tiers = build(code ?? '', own);
    for (const t of tiers) {
      const set = childCodes.map((c) => targetOf(c, t.tier)).filter((n) => n !== undefined);
      if (set.length > 0) t.childTargets = set.reduce((a, b) => a + b, 0);
    }
    const children: RegionProgress[] = childCodes.map((child) => ({
      regionCode: child,
      name: regionName(child) ?? child,
      tiers: build(child, regionPrefix(child)),
    }));
    return {
      year,
      regionCode: code,
      name: code === null ? 'national' : (regionName(code) ?? code),
      tiers,
      children,
    };
  }

  async listTargets(
    actor: Actor,
    query: { year?: number; regionCode?: string; limit?: number; cursor?: string },
  ): Promise<Page<TargetView>> {
    const code = statisticsRegionOf(actor, query.regionCode);
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const key = decodeCursor(query.cursor)?.split('-');
    const after: [number, string, string] | undefined =
      key && key.length === 3 && TIERS[Number(key[2])]
        ? [Number(key[0]), key[1]!, TIERS[Number(key[2])]!]
        : undefined;
    const rows = await this.repository.targets(
      {
        prefix: code === null ? '' : regionPrefix(code),
        ...(query.year !== undefined ? { year: query.year } : {}),
        ...(after ? { after } : {}),
      },
      limit + 1,
    );
    return toPage(
      rows,
      limit,
      (t) => `${t.year}-${t.regionCode}-${TIERS.indexOf(t.tier)}`,
      toTargetView,
    );
  }

  async listClusters(
    actor: Actor,
    query: { regionCode?: string; limit?: number; cursor?: string },
  ): Promise<Page<ClusterView>> {
    const code = statisticsRegionOf(actor, query.regionCode);
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const after = decodeCursor(query.cursor);
    const rows = await this.repository.clusters(
      { prefix: code === null ? '' : regionPrefix(code), ...(after ? { after } : {}) },
      limit + 1,
    );
    return toPage(rows, limit, (c) => c.id, toClusterView);
  }

  private async visibleCluster(actor: Actor, id: string): Promise<ClusterRecord> {
    statisticsRegionOf(actor, undefined);
    const cluster = await this.repository.loadCluster(undefined, id);
    if (!cluster || !mayViewCluster(actor, cluster)) {
      throw new DomainError('NOT_FOUND', `cluster ${id} not found`);
    }
    return cluster;
  }

  async cluster(
    actor: Actor,
    id: string,
  ): Promise<ClusterView & { members: (ClusterMemberView & { name?: string })[] }> {
    const cluster = await this.visibleCluster(actor, id);
    const members = await this.repository.members(id);
    const names = await this.enterprises.namesOf(members.map((m) => m.enterpriseId));
    return {
      ...toClusterView(cluster),
      members: members.map((m) => ({
        ...toMemberView(m),
        ...(names.get(m.enterpriseId) ? { name: names.get(m.enterpriseId)!.name } : {}),
      })),
    };
  }

  /**
   * A cluster in a year: its members by the highest title they hold in force, its leaders with
   * their titles, and the members that moved up the ladder in the year.
   */
  async clusterStatistics(actor: Actor, id: string, year: number) {
    const cluster = await this.visibleCluster(actor, id);
    await this.projector.catchUp();
    const members = await this.repository.members(id);
    const ids = members.map((m) => m.enterpriseId);
    const [titles, names] = await Promise.all([
      this.repository.certificatesOfEnterprises(ids),
      this.enterprises.namesOf(ids),
    ]);
    const live = titles.filter((t) =>
      (LIVE_CERTIFICATE_STATUSES as readonly string[]).includes(t.status),
    );
    const highest = new Map<string, Tier>();
    for (const t of live) {
      const held = highest.get(t.enterpriseId);
      if (held === undefined || TIERS.indexOf(t.tier) > TIERS.indexOf(held)) {
        highest.set(t.enterpriseId, t.tier);
      }
    }
    const progressed = progressedIn(
      year,
      titles.filter((t) => t.applicationId !== null),
    );
    return {
      ...toClusterView(cluster),
      year,
      members: members.length,
      leaders: members.filter((m) => m.leader).length,
      tiers: [
        ...TIERS.map((tier) => ({
          tier,
          members: [...highest.values()].filter((held) => held === tier).length,
        })),
        { tier: null, members: ids.filter((e) => !highest.has(e)).length },
      ],
      leaderTitles: members
        .filter((m) => m.leader)
        .map((m) => ({
          enterpriseId: m.enterpriseId,
          name: names.get(m.enterpriseId)?.name ?? null,
          titles: live
            .filter((t) => t.enterpriseId === m.enterpriseId)
            .map((t) => ({
              certificateId: t.certificateId,
              tier: t.tier,
              status: t.status,
              validTo: t.validTo,
            })),
        })),
      progressed: progressed.length,
      progressions: progressed.map((p) => ({
        ...p,
        name: names.get(p.enterpriseId)?.name ?? null,
      })),
    };
  }

  private tierProgress(
    tier: Tier,
    year: number,
    counters: ReadonlyMap<string, number>,
    days: readonly StageDaysRow[],
    limits: Record<StatStage, number>,
  ): TierProgress {
    const t = emptyTier(tier, limits);
    const of = (metric: string, y: number) => counters.get(`${tier}|${y}|${metric}`) ?? 0;
    for (const state of APPLICATION_STATES) t.byState[state] = of(`state:${state}`, year);
    t.funnel = FUNNEL_STAGES.map((stage) => ({ stage, count: of(`funnel:${stage}`, year) }));
    t.dropOuts = DROP_OUTS.map((reason) => ({
      reason,
      count:
        reason === 'rejected' || reason === 'withdrawn'
          ? (t.byState[reason] ?? 0)
          : of(`drop:${reason}`, year),
    }));
    t.certified = of('certified', year);
    t.certificates = {
      active: LIVE_CERTIFICATE_STATUSES.reduce((sum, s) => sum + of(`cert:${s}`, TIMELESS), 0),
      expiringThisYear: of('liveValidTo', year),
      revoked: of('cert:revoked', TIMELESS),
      revokedThisYear: of('revoked', year),
    };
    t.annualUpdatesOverdue = of('overdue', year);
    t.stageDays = t.stageDays.map((s) => {
      const row = days.find((d) => d.tier === tier && d.stage === s.stage);
      return row
        ? { ...s, count: row.count, p50: row.p50, p90: row.p90, overLimit: row.overLimit }
        : s;
    });
    return t;
  }
}

/** One CSV cell: quoted when needed, and a leading formula character neutralised. */
export const csvCell = (value: string | number | null | undefined): string => {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

type Cell = string | number | null | undefined;

export const toCsv = (header: readonly string[], rows: readonly Cell[][]): string =>
  [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';

/** The progress as one table: a row per region (the region first, then its children) and tier. */
export const progressCsv = (p: Progress): string => {
  const header = [
    'year',
    'regionCode',
    'name',
    'tier',
    'target',
    'childTargets',
    'certified',
    'share',
    ...APPLICATION_STATES.map((s) => `state.${s}`),
    ...FUNNEL_STAGES.map((s) => `funnel.${s}`),
    ...DROP_OUTS.map((s) => `dropOut.${s}`),
    ...STAT_STAGES.flatMap((s) => [`${s}.count`, `${s}.p50`, `${s}.p90`, `${s}.overLimit`]),
    'certificates.active',
    'certificates.expiringThisYear',
    'certificates.revoked',
    'certificates.revokedThisYear',
    'annualUpdatesOverdue',
  ];
  const rows: Cell[][] = [];
  for (const region of [
    { regionCode: p.regionCode, name: p.name, tiers: p.tiers },
    ...p.children,
  ]) {
    for (const t of region.tiers) {
      rows.push([
        p.year,
        region.regionCode ?? '',
        region.name,
        t.tier,
        t.target,
        t.childTargets,
        t.certified,
        t.share,
        ...APPLICATION_STATES.map((s) => t.byState[s]),
        ...t.funnel.map((f) => f.count),
        ...t.dropOuts.map((d) => d.count),
        ...t.stageDays.flatMap((s) => [s.count, s.p50, s.p90, s.overLimit]),
        t.certificates.active,
        t.certificates.expiringThisYear,
        t.certificates.revoked,
        t.certificates.revokedThisYear,
        t.annualUpdatesOverdue,
      ]);
    }
  }
  return toCsv(header, rows);
};

/** A cluster's statistics as one table: a row per tier (and one for members without a title). */
export const clusterCsv = (
  c: Awaited<ReturnType<StatisticsService['clusterStatistics']>>,
): string =>
  toCsv(
    ['clusterId', 'name', 'year', 'tier', 'members'],
    c.tiers.map((t) => [c.id, c.name, c.year, t.tier ?? 'none', t.members]),
  );
