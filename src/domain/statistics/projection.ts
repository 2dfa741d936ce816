// The statistics projection (issue 17): the audit log folded, event by event, into one row per
// application (its milestones), one row per stage visit (its length in working days), one row per
// certificate, and the annual updates that fell overdue. Pure: the caller passes the events in
// chain order and the working-day calendar; the module stores the rows and aggregates them in SQL.
import type { ApplicationState } from '../certification/application.machines';
import { chinaDateOf, workingDaysBetween, type WorkdayCalendar } from '../calendar/working-days';
import { TIERS, type Tier } from '../certification/tier';

/** The stages whose time is measured: a visit is a run of consecutive states of one stage. */
export const STAT_STAGES = ['local', 'returned', 'provincial', 'notice', 'national'] as const;
export type StatStage = (typeof STAT_STAGES)[number];

export const STAT_STAGE_OF_STATE: Partial<Record<ApplicationState, StatStage>> = {
  submitted: 'local',
  localReview: 'local',
  returned: 'returned',
  provincialReview: 'provincial',
  onSiteCheck: 'provincial',
  expertReview: 'provincial',
  publicNotice: 'notice',
  objectionReview: 'notice',
  recommendedToMiit: 'national',
  nationalReview: 'national',
  nationalOnSiteCheck: 'national',
  nationalNotice: 'national',
  nationalObjectionReview: 'national',
};

/** The funnel's stages, in order, and the ways out of it. */
export const FUNNEL_STAGES = [
  'created',
  'submitted',
  'recommended',
  'noticed',
  'certified',
] as const;
export const DROP_OUTS = ['returned', 'rejected', 'withdrawn', 'objected'] as const;

/** The year (China time) an instant falls in. */
export const chinaYearOf = (at: string): number => Number(chinaDateOf(at).slice(0, 4));

/** The first instant of a year in China time, as UTC text (a bound for `created_at >= …`). */
export const chinaYearStart = (year: number): string =>
  new Date(Date.UTC(year, 0, 1) - 8 * 3_600_000).toISOString();

/** One application as the statistics see it. */
export type ApplicationStat = {
  applicationId: string;
  enterpriseId: string;
  regionCode: string;
  tier: Tier;
  reReview: boolean;
  createdAt: string;
  createdYear: number;
  state: string;
  submittedAt: string | null;
  recommendedAt: string | null;
  noticedAt: string | null;
  certifiedAt: string | null;
  certifiedYear: number | null;
  returned: number;
  objected: number;
  /** The stage it is in now (null outside the measured stages), since when, from which event. */
  stage: StatStage | null;
  stageEnteredAt: string | null;
  stageEnteredSeq: number | null;
};

/** One completed visit of a stage. */
export type StageSpan = {
  applicationId: string;
  enteredSeq: number;
  stage: StatStage;
  tier: Tier;
  regionCode: string;
  enteredAt: string;
  leftAt: string;
  leftYear: number;
  workingDays: number;
};

export type CertificateStat = {
  certificateId: string;
  enterpriseId: string;
  regionCode: string;
  tier: Tier;
  applicationId: string | null;
  status: string;
  issuedAt: string;
  issuedYear: number;
  validTo: string;
  revokedAt: string | null;
  revokedYear: number | null;
};

export type OverdueUpdate = {
  certificateId: string;
  year: number;
  tier: Tier;
  regionCode: string;
  at: string;
};

/** The fields of an audit event the projection reads. */
export type StatEvent = {
  seq: number;
  at: string;
  subjectType: string;
  subjectId: string;
  enterpriseId: string | null;
  regionCode: string | null;
  event: string;
  toState: string | null;
  data: unknown;
};

const field = (data: unknown, key: string): unknown =>
  typeof data === 'object' && data !== null ? (data as Record<string, unknown>)[key] : undefined;

const tierOf = (value: unknown): Tier | null =>
  typeof value === 'string' && (TIERS as readonly string[]).includes(value)
    ? (value as Tier)
    : null;

/**
 * An application event folded into its row. A creation makes the row; a change of state records
 * the milestones it reaches and, when it leaves a stage, the visit it ends. Events of an
 * application the projection never saw created are ignored (nothing to attribute them to).
 */
export const applyApplicationEvent = (
  current: ApplicationStat | undefined,
  e: StatEvent,
  calendar: WorkdayCalendar,
): { next: ApplicationStat | undefined; span?: StageSpan } => {
  if (current === undefined) {
    const tier = tierOf(field(e.data, 'tier'));
    if (e.event !== 'application.create' || tier === null || e.regionCode === null) {
      return { next: undefined };
    }
    return {
      next: {
        applicationId: e.subjectId,
        enterpriseId: e.enterpriseId ?? '',
        regionCode: e.regionCode,
        tier,
        reReview: typeof field(e.data, 'reReviewOf') === 'string',
        createdAt: e.at,
        createdYear: chinaYearOf(e.at),
        state: e.toState ?? 'draft',
        submittedAt: null,
        recommendedAt: null,
        noticedAt: null,
        certifiedAt: null,
        certifiedYear: null,
        returned: 0,
        objected: 0,
        stage: null,
        stageEnteredAt: null,
        stageEnteredSeq: null,
      },
    };
  }
  const to = e.toState;
  if (to === null || to === current.state) return { next: current };
  const next: ApplicationStat = { ...current, state: to };
  if (to === 'submitted') next.submittedAt ??= e.at;
  if (to === 'provincialReview') next.recommendedAt ??= e.at;
  if (to === 'publicNotice') next.noticedAt ??= e.at;
  if (to === 'certified' && next.certifiedAt === null) {
    next.certifiedAt = e.at;
    next.certifiedYear = chinaYearOf(e.at);
  }
  if (to === 'returned') next.returned += 1;
  if (to === 'objectionReview' || to === 'nationalObjectionReview') next.objected += 1;
  const stage = STAT_STAGE_OF_STATE[to as ApplicationState] ?? null;
  if (stage === current.stage) return { next };
  let span: StageSpan | undefined;
  if (current.stage !== null && current.stageEnteredAt !== null) {
    span = {
      applicationId: current.applicationId,
      enteredSeq: current.stageEnteredSeq ?? 0,
      stage: current.stage,
      tier: current.tier,
      regionCode: current.regionCode,
      enteredAt: current.stageEnteredAt,
      leftAt: e.at,
      leftYear: chinaYearOf(e.at),
      workingDays: workingDaysBetween(current.stageEnteredAt, e.at, calendar),
    };
  }
  next.stage = stage;
  next.stageEnteredAt = stage === null ? null : e.at;
  next.stageEnteredSeq = stage === null ? null : e.seq;
  return span ? { next, span } : { next };
};

/** A certificate event folded into its row; an overdue annual update is recorded on its own. */
export const applyCertificateEvent = (
  current: CertificateStat | undefined,
  e: StatEvent,
): { next: CertificateStat | undefined; overdue?: OverdueUpdate } => {
  if (current === undefined) {
    const tier = tierOf(field(e.data, 'tier'));
    const validTo = field(e.data, 'validTo');
    if (e.event !== 'certificate.issue' || tier === null || e.regionCode === null) {
      return { next: undefined };
    }
    const applicationId = field(e.data, 'applicationId');
    return {
      next: {
        certificateId: e.subjectId,
        enterpriseId: e.enterpriseId ?? '',
        regionCode: e.regionCode,
        tier,
        applicationId: typeof applicationId === 'string' ? applicationId : null,
        status: e.toState ?? 'active',
        issuedAt: e.at,
        issuedYear: chinaYearOf(e.at),
        validTo: typeof validTo === 'string' ? validTo : '',
        revokedAt: null,
        revokedYear: null,
      },
    };
  }
  const next: CertificateStat = { ...current };
  if (e.toState !== null) next.status = e.toState;
  const validTo = field(e.data, 'validTo') ?? field(field(e.data, 'data'), 'validTo');
  if (typeof validTo === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(validTo)) next.validTo = validTo;
  if (e.toState === 'revoked' && current.revokedAt === null) {
    next.revokedAt = e.at;
    next.revokedYear = chinaYearOf(e.at);
  }
  if (e.event === 'annualUpdate.overdue') {
    return {
      next,
      overdue: {
        certificateId: current.certificateId,
        year: chinaYearOf(e.at),
        tier: current.tier,
        regionCode: current.regionCode,
        at: e.at,
      },
    };
  }
  return { next };
};

const TIER_RANK: Record<Tier, number> = { innovative_sme: 1, specialized_sme: 2, little_giant: 3 };

/**
 * The enterprises that moved up the ladder in a year: a title issued that year of a tier above
 * every title the enterprise held before it (a first title counts: it enters the ladder).
 */
export const progressedIn = (
  year: number,
  titles: readonly Pick<CertificateStat, 'enterpriseId' | 'tier' | 'issuedAt' | 'issuedYear'>[],
): { enterpriseId: string; tier: Tier; from: Tier | null; at: string }[] => {
  const byEnterprise = new Map<string, typeof titles>();
  for (const t of titles)
    byEnterprise.set(t.enterpriseId, [...(byEnterprise.get(t.enterpriseId) ?? []), t]);
  const moved: { enterpriseId: string; tier: Tier; from: Tier | null; at: string }[] = [];
  for (const [enterpriseId, held] of byEnterprise) {
    const ordered = [...held].sort((a, b) => a.issuedAt.localeCompare(b.issuedAt));
    let best: Tier | null = null;
    for (const t of ordered) {
      const higher = best === null || TIER_RANK[t.tier] > TIER_RANK[best];
      if (higher && t.issuedYear === year)
        moved.push({ enterpriseId, tier: t.tier, from: best, at: t.issuedAt });
      if (higher) best = t.tier;
    }
  }
  return moved;
};

/**
 * Nearest-rank percentile p = num/den (the SQL computes the same, in integers): the smallest value
 * whose rank r (1-based, ascending) has r·den ≥ n·num.
 */
export const nearestRank = (values: readonly number[], num: number, den: number): number | null => {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = sorted.findIndex((_, i) => (i + 1) * den >= sorted.length * num);
  return sorted[rank]!;
};

/** One change to a counter (see the module's stat_counters): `n` is added. */
export type CounterDelta = {
  year: number;
  regionCode: string;
  tier: string;
  metric: string;
  n: number;
};

/**
 * The keys a county's counter or stage visit is added under: the county's code, and the
 * significant prefixes of its city ('1301'), its province ('13') and the country (''). A
 * statistic of a region then reads its own key and one key per region under it, a few rows per
 * tier and metric whatever the number of applications.
 */
export const statisticsKeysOf = (regionCode: string): string[] => [
  regionCode,
  regionCode.slice(0, 4),
  regionCode.slice(0, 2),
  '',
];

/** Year 0 holds counters that are no year's: the certificates' current statuses. */
export const TIMELESS = 0;

/** Statuses in which a title is in force. */
export const LIVE_CERTIFICATE_STATUSES = [
  'active',
  'changeUnderReview',
  'reReviewDue',
  'underReReview',
] as const;
const isLive = (status: string) =>
  (LIVE_CERTIFICATE_STATUSES as readonly string[]).includes(status);

const applicationCounters = (s: ApplicationStat): Omit<CounterDelta, 'n'>[] => {
  const at = { regionCode: s.regionCode, tier: s.tier };
  const cohort = (metric: string) => ({ ...at, year: s.createdYear, metric });
  const out = [cohort(`state:${s.state}`), cohort('funnel:created')];
  if (s.submittedAt !== null) out.push(cohort('funnel:submitted'));
  if (s.recommendedAt !== null) out.push(cohort('funnel:recommended'));
  if (s.noticedAt !== null) out.push(cohort('funnel:noticed'));
  if (s.certifiedAt !== null) out.push(cohort('funnel:certified'));
  if (s.returned > 0) out.push(cohort('drop:returned'));
  if (s.objected > 0) out.push(cohort('drop:objected'));
  if (s.certifiedYear !== null && !s.reReview) {
    out.push({ ...at, year: s.certifiedYear, metric: 'certified' });
  }
  return out;
};

const certificateCounters = (c: CertificateStat): Omit<CounterDelta, 'n'>[] => {
  const at = { regionCode: c.regionCode, tier: c.tier };
  const out = [{ ...at, year: TIMELESS, metric: `cert:${c.status}` }];
  if (isLive(c.status) && /^\d{4}/.test(c.validTo)) {
    out.push({ ...at, year: Number(c.validTo.slice(0, 4)), metric: 'liveValidTo' });
  }
  if (c.revokedYear !== null) out.push({ ...at, year: c.revokedYear, metric: 'revoked' });
  return out;
};

const keyOf = (d: Omit<CounterDelta, 'n'>) => `${d.year}|${d.regionCode}|${d.tier}|${d.metric}`;

/** The counter changes that turn `prev`'s contributions into `next`'s (−1 each old, +1 each new). */
const diff = <T>(
  prev: T | undefined,
  next: T | undefined,
  countersOf: (row: T) => Omit<CounterDelta, 'n'>[],
): CounterDelta[] => {
  const deltas = new Map<string, CounterDelta>();
  const add = (d: Omit<CounterDelta, 'n'>, n: number) => {
    const key = keyOf(d);
    const current = deltas.get(key);
    if (current) current.n += n;
    else deltas.set(key, { ...d, n });
  };
  if (prev !== undefined) for (const d of countersOf(prev)) add(d, -1);
  if (next !== undefined) for (const d of countersOf(next)) add(d, 1);
  return [...deltas.values()].filter((d) => d.n !== 0);
};

export const applicationCounterDeltas = (
  prev: ApplicationStat | undefined,
  next: ApplicationStat | undefined,
): CounterDelta[] => diff(prev, next, applicationCounters);

export const certificateCounterDeltas = (
  prev: CertificateStat | undefined,
  next: CertificateStat | undefined,
): CounterDelta[] => diff(prev, next, certificateCounters);

/** The counter an overdue annual update adds. */
export const overdueCounterDelta = (o: OverdueUpdate): CounterDelta => ({
  year: o.year,
  regionCode: o.regionCode,
  tier: o.tier,
  metric: 'overdue',
  n: 1,
});
