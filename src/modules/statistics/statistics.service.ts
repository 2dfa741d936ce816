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
import { childRegionsOf, regionName } from '../../shared/regions/region-registry';
import { StatisticsProjector } from './statistics-projector';
import {
  StatisticsRepository,
  type CounterRow,
  type GroupLength,
  type StageDaysRow,
} from './statistics.repository';

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

const groupLengthOf = (code: string | null): GroupLength =>
  code === null ? 2 : code.endsWith('0000') ? 4 : 6;

const childPrefixOf = (code: string): string =>
  code.endsWith('0000') ? code.slice(0, 2) : code.endsWith('00') ? code.slice(0, 4) : code;

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
    const prefix = code === null ? '' : regionPrefix(code);
    const [own, ownDays] = await Promise.all([
      this.repository.counters(year, prefix, 0),
      this.repository.stageDays(year, prefix, 0, limits),
    ]);
    const childCodes = childRegionsOf(code);
    const group = groupLengthOf(code);
    const [byChild, byChildDays] =
      childCodes.length === 0
        ? [[], []]
        : await Promise.all([
            this.repository.counters(year, prefix, group),
            this.repository.stageDays(year, prefix, group, limits),
          ]);
    const targets = await this.repository.targetsFor(year, [code ?? '', ...childCodes]);
    const targetOf = (region: string, tier: Tier) => targets.get(`${region}|${tier}`);
    const build = (region: string, counters: CounterRow[], days: StageDaysRow[]) =>
      TIERS.map((tier) => {
        const t = this.tierProgress(tier, year, counters, days, limits);
        const target = targetOf(region, tier);
        if (target !== undefined) {
          t.target = target;
          t.share = target === 0 ? 0 : Math.round((t.certified / target) * 10_000) / 10_000;
        }
        return t;
      });
    const tiers = build(code ?? '', own, ownDays);
    for (const t of tiers) {
      const set = childCodes.map((c) => targetOf(c, t.tier)).filter((n) => n !== undefined);
      if (set.length > 0) t.childTargets = set.reduce((a, b) => a + b, 0);
    }
    const children: RegionProgress[] = [];
    for (const child of childCodes) {
      const key = child.slice(0, group);
      // A county a province administers directly shares its grouping key with its siblings: it
      // is read on its own.
      const own = childPrefixOf(child) === key;
      const [counters, days] = own
        ? [byChild.filter((r) => r.child === key), byChildDays.filter((r) => r.child === key)]
        : await Promise.all([
            this.repository.counters(year, child, 0),
            this.repository.stageDays(year, child, 0, limits),
          ]);
      children.push({
        regionCode: child,
        name: regionName(child) ?? child,
        tiers: build(child, counters, days),
      });
    }
    return {
      year,
      regionCode: code,
      name: code === null ? 'national' : (regionName(code) ?? code),
      tiers,
      children,
    };
  }

  private tierProgress(
    tier: Tier,
    year: number,
    counters: readonly CounterRow[],
    days: readonly StageDaysRow[],
    limits: Record<StatStage, number>,
  ): TierProgress {
    const t = emptyTier(tier, limits);
    const of = (metric: string, y: number) =>
      counters
        .filter((r) => r.tier === tier && r.metric === metric && r.year === y)
        .reduce((sum, r) => sum + r.n, 0);
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
