// Migration plans between versions of an application machine (issue 19), written as data: where
// each state of version n lands in version n+1 (with a condition on the context when one state is
// split in two), how the context's fields carry over, and which applications cannot move (and
// why). Planning one application is a pure function; the migration service runs each plan item
// through the command pipeline with its own `machine.migrated` audit event.
import { toActorRef } from '../access/roles';
import { DomainError } from '../errors';
import { msg, type Msg } from '../i18n/message';
import type { ApplicationContext } from './application.machine';
import { SPECIALIZED_SME_MACHINE_ID } from './application.machine';
import type {
  ApplicationState,
  ApplicationWorkflow,
  PersistedApplicationSnapshot,
} from './application.machines';
import { workflowVersion } from './application.machines';
import type { MigrateApplication } from './commands';
import type { Decision, Effect } from './decision';
import type { ApplicationRecord } from './records';

/** The audit event of an application moved to another version of its machine. */
export const MACHINE_MIGRATED = 'machine.migrated';

/** A condition on a number field of the context. */
export type ContextCondition = {
  field: keyof ApplicationContext;
  op: 'eq' | 'gt';
  value: number;
};

/** Where a state goes: the first rule whose condition holds; `refuse` names why it cannot move. */
export type StateRule =
  { to: ApplicationState; when?: ContextCondition } | { refuse: string; when?: ContextCondition };

export type ContextFieldMap = {
  /** Fields renamed: old name → new name. */
  rename: Readonly<Record<string, string>>;
  /** Fields new in the target version, with the value migrated applications get. */
  defaults: Readonly<Record<string, unknown>>;
  /** Fields the target version no longer has. */
  drop: readonly string[];
};

export type MigrationPlan = {
  machineId: string;
  from: number;
  to: number;
  /** States not listed keep their name (it must exist in the target version). */
  states: Partial<Record<ApplicationState, readonly StateRule[]>>;
  /** Events of `from` that `to` calls differently (for diffs and for readers of old histories). */
  renamedEvents: Readonly<Record<string, string>>;
  context: ContextFieldMap;
};

/**
 * Specialized SME v1 → v2 (the 2026 procedure): the provincial review is split into the
 * authority's review (up to the on-site check) and the expert review (after it). An application
 * already inspected continues in the expert review; one not yet inspected stays in the provincial
 * review. One whose experts already reviewed it before any on-site check cannot be placed in v2
 * without redoing a step: it is left on v1 for the province to finish (refused, with the reason).
 */
export const SPECIALIZED_SME_V1_TO_V2: MigrationPlan = {
  machineId: SPECIALIZED_SME_MACHINE_ID,
  from: 1,
  to: 2,
  states: {
    provincialReview: [
      { to: 'expertReview', when: { field: 'inspectionCount', op: 'gt', value: 0 } },
      {
        refuse: 'migration.expertsBeforeInspection',
        when: { field: 'expertReviewCount', op: 'gt', value: 0 },
      },
      { to: 'provincialReview' },
    ],
  },
  renamedEvents: { 'inspection.record': 'inspection.report' },
  context: { rename: {}, defaults: {}, drop: [] },
};

export const MIGRATION_PLANS: readonly MigrationPlan[] = [SPECIALIZED_SME_V1_TO_V2];

export const migrationPlan = (
  machineId: string,
  from: number,
  to: number,
): MigrationPlan | undefined =>
  MIGRATION_PLANS.find((p) => p.machineId === machineId && p.from === from && p.to === to);

/** The deadline each state keeps open (its entry schedules it; leaving it cancels it). */
export const TIMER_OF_STATE: Partial<
  Record<ApplicationState, { purpose: 'return' | 'notice'; dueAt: keyof ApplicationContext }>
> = {
  returned: { purpose: 'return', dueAt: 'returnDueAt' },
  publicNotice: { purpose: 'notice', dueAt: 'noticeEndsAt' },
  nationalNotice: { purpose: 'notice', dueAt: 'noticeEndsAt' },
};

export type PendingTimer = { purpose: string; dueAt: string };

export type TimerPlan = {
  open: PendingTimer[];
  cancel: PendingTimer[];
  keep: PendingTimer[];
};

export type MigrationStep =
  | {
      ok: true;
      fromState: ApplicationState;
      toState: ApplicationState;
      snapshot: PersistedApplicationSnapshot;
      timers: TimerPlan;
    }
  | { ok: false; fromState: ApplicationState; reason: Msg };

const holds = (condition: ContextCondition | undefined, context: ApplicationContext): boolean => {
  if (!condition) return true;
  const value = context[condition.field];
  if (typeof value !== 'number') return false;
  return condition.op === 'eq' ? value === condition.value : value > condition.value;
};

/** The context as the target version keeps it. */
export const migrateContext = (
  context: ApplicationContext,
  map: ContextFieldMap,
): ApplicationContext => {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(context)) {
    if (map.drop.includes(key)) continue;
    out[map.rename[key] ?? key] = value;
  }
  for (const [key, value] of Object.entries(map.defaults)) if (!(key in out)) out[key] = value;
  return out as ApplicationContext;
};

/**
 * Where one application lands: its state and context in the target version, and what happens to
 * its deadlines (kept when the target state keeps the same one, cancelled when it has none,
 * opened when the target state needs one it lacks). Final applications are not migrated.
 */
export const planApplicationMigration = (
  plan: MigrationPlan,
  target: ApplicationWorkflow,
  snapshot: PersistedApplicationSnapshot,
  pending: readonly PendingTimer[],
): MigrationStep => {
  const fromState = snapshot.value;
  if (snapshot.status === 'done') {
    return { ok: false, fromState, reason: msg('migration.final', { state: fromState }) };
  }
  const rules = plan.states[fromState] ?? [{ to: fromState }];
  const rule = rules.find((r) => holds(r.when, snapshot.context));
  if (!rule) return { ok: false, fromState, reason: msg('migration.noRule', { state: fromState }) };
  if ('refuse' in rule) return { ok: false, fromState, reason: msg(rule.refuse) };
  if (!target.states.includes(rule.to)) {
    return { ok: false, fromState, reason: msg('migration.noState', { state: rule.to }) };
  }
  const context = migrateContext(snapshot.context, plan.context);
  const needed = TIMER_OF_STATE[rule.to];
  const timers: TimerPlan = { open: [], cancel: [], keep: [] };
  for (const timer of pending) {
    (needed && timer.purpose === needed.purpose ? timers.keep : timers.cancel).push(timer);
  }
  if (needed && timers.keep.length === 0) {
    const dueAt = context[needed.dueAt];
    if (typeof dueAt !== 'string') {
      return { ok: false, fromState, reason: msg('migration.noDueDate', { state: rule.to }) };
    }
    timers.open.push({ purpose: needed.purpose, dueAt });
  }
  return {
    ok: true,
    fromState,
    toState: rule.to,
    snapshot: { value: rule.to, context, status: 'active' },
    timers,
  };
};

export type WorkflowDiff = {
  from: number;
  to: number;
  states: { added: string[]; removed: string[]; renamed: { from: string; to: string }[] };
  events: { added: string[]; removed: string[]; renamed: { from: string; to: string }[] };
  transitions: { added: string[]; removed: string[] };
};

const minus = (a: readonly string[], b: readonly string[]) => a.filter((x) => !b.includes(x));

/**
 * What changed between two versions of a machine. A rename is what the plan between them says
 * (an event or a state of `from` that is gone and reappears under another name); without a plan,
 * changes are only additions and removals.
 */
export const diffWorkflows = (
  from: ApplicationWorkflow,
  to: ApplicationWorkflow,
  plan?: MigrationPlan,
): WorkflowDiff => {
  const fromEvents: readonly string[] = from.events;
  const toEvents: readonly string[] = to.events;
  const eventRenames = Object.entries(plan?.renamedEvents ?? {})
    .filter(([a, b]) => !toEvents.includes(a) && toEvents.includes(b) && fromEvents.includes(a))
    .map(([a, b]) => ({ from: a, to: b }));
  // A state renamed: gone from `to`, and every rule of the plan sends it to the same new state.
  const stateRenames = Object.entries(plan?.states ?? {}).flatMap(([state, rules]) => {
    const targets = new Set((rules ?? []).flatMap((r) => ('to' in r ? [r.to] : [])));
    const [only] = [...targets];
    return targets.size === 1 &&
      only !== undefined &&
      !to.states.includes(state as ApplicationState) &&
      !from.states.includes(only)
      ? [{ from: state, to: only }]
      : [];
  });
  const renamedAway = (list: { from: string; to: string }[]) => list.map((r) => r.from);
  const renamedTo = (list: { from: string; to: string }[]) => list.map((r) => r.to);
  const key = (t: { from: string; event: string; to: string }) =>
    `${t.from} --${t.event}--> ${t.to}`;
  const fromTransitions = [...new Set(from.transitions().map(key))];
  const toTransitions = [...new Set(to.transitions().map(key))];
  return {
    from: from.version,
    to: to.version,
    states: {
      added: minus(minus(to.states, from.states), renamedTo(stateRenames)),
      removed: minus(minus(from.states, to.states), renamedAway(stateRenames)),
      renamed: stateRenames,
    },
    events: {
      added: minus(minus(toEvents, fromEvents), renamedTo(eventRenames)),
      removed: minus(minus(fromEvents, toEvents), renamedAway(eventRenames)),
      renamed: eventRenames,
    },
    transitions: {
      added: minus(toTransitions, fromTransitions),
      removed: minus(fromTransitions, toTransitions),
    },
  };
};

/**
 * The pipeline's decision for one application of a migration: the plan's landing state, the
 * deadlines it keeps, cancels and opens, and one `machine.migrated` audit event. An application no
 * longer on `fromVersion` (migrated already, e.g. before a crash) is refused, so that running a
 * migration again migrates nobody twice.
 */
export const decideMigration = (input: {
  record: ApplicationRecord;
  command: MigrateApplication;
  pending: readonly PendingTimer[];
  at: string;
}): Decision<ApplicationRecord> => {
  const { record, command, at } = input;
  const plan = migrationPlan(record.machineId, command.fromVersion, command.toVersion);
  const target = workflowVersion(record.machineId, command.toVersion);
  if (!plan || !target) {
    throw new DomainError(
      'VALIDATION_FAILED',
      msg('migration.noPlan', {
        machine: record.machineId,
        from: command.fromVersion,
        to: command.toVersion,
      }),
    );
  }
  if (record.machineVersion !== command.fromVersion) {
    throw new DomainError(
      'INVALID_TRANSITION',
      msg('migration.notOnVersion', { version: record.machineVersion, from: command.fromVersion }),
    );
  }
  const step = planApplicationMigration(plan, target, record.snapshot, input.pending);
  if (!step.ok)
    throw new DomainError('INVALID_TRANSITION', step.reason, { reasons: [step.reason] });
  const effects: Effect[] = [
    ...[...new Set(step.timers.cancel.map((t) => t.purpose))].map((purpose): Effect => ({
      type: 'cancelDeadlines',
      purpose,
    })),
    ...step.timers.open.map((t): Effect => ({
      type: 'scheduleDeadline',
      purpose: t.purpose,
      dueAt: t.dueAt,
    })),
  ];
  return {
    write: {
      update: {
        machineVersion: target.version,
        state: step.toState,
        snapshot: step.snapshot,
        updatedAt: at,
      },
    },
    effects,
    audit: {
      at,
      actor: toActorRef(command.actor),
      subject: { type: 'application', id: record.id },
      enterpriseId: record.enterpriseId,
      regionCode: record.regionCode,
      event: MACHINE_MIGRATED,
      fromState: step.fromState,
      toState: step.toState,
      data: {
        fromVersion: command.fromVersion,
        toVersion: target.version,
        fromState: step.fromState,
        toState: step.toState,
        migrationId: command.migrationId,
        timers: {
          open: step.timers.open.map((t) => t.purpose),
          cancel: step.timers.cancel.map((t) => t.purpose),
          keep: step.timers.keep.map((t) => t.purpose),
        },
      },
      requestId: command.requestId,
    },
    followUps: [],
  };
};
