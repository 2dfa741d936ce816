// Rebuilding an application's state from its audit history: the recorded events, replayed in
// order through the machine version the application pinned, must give the stored snapshot.
import type { ActorRef } from '../access/roles';
import { isApplicationEventType, type ApplicationEvent } from './application.events';
import type { ApplicationInput } from './application.machine';
import type { ApplicationWorkflow, PersistedApplicationSnapshot } from './application.machines';
import {
  MACHINE_MIGRATED,
  migrationPlan,
  planApplicationMigration,
} from './application.migrations';

export type MigratedData = {
  fromVersion: number;
  toVersion: number;
  fromState: string;
  toState: string;
};

const field = (data: unknown, key: string): unknown =>
  data && typeof data === 'object' ? (data as Record<string, unknown>)[key] : undefined;

const migratedData = (data: unknown): MigratedData | undefined => {
  const d = data as Partial<MigratedData> | null;
  return d && typeof d.fromVersion === 'number' && typeof d.toVersion === 'number'
    ? (d as MigratedData)
    : undefined;
};

/**
 * The version an application started on: the one its creation event recorded, else the first
 * migration's `fromVersion`, else the version it is on now. (Not the stored version alone: a
 * stored version that no recorded migration explains must show up as a replay difference.)
 */
export const startVersionOf = (history: readonly RecordedEvent[], current: number): number => {
  const created = history.find((e) => e.event === 'application.create');
  const recorded = field(created?.data, 'machineVersion');
  if (typeof recorded === 'number') return recorded;
  const first = history.find((e) => e.event === MACHINE_MIGRATED);
  return migratedData(first?.data)?.fromVersion ?? current;
};

/** The part of an audit event that replay reads. */
export type RecordedEvent = {
  seq: number;
  at: string;
  actor: ActorRef;
  event: string;
  fromState: string | null;
  toState: string | null;
  comment: string | null;
  data: unknown;
  requestId: string | null;
};

export type ReplayResult = {
  snapshot: PersistedApplicationSnapshot;
  /** The machine version the replay ended on (the last migration's target, else the first). */
  version: number;
  eventsReplayed: number;
  /** The first recorded event the machine did not accept, or whose outcome differs from the record. */
  divergence?: { seq: number; event: string; expected: string | null; got: string };
};

export const toMachineEvent = (recorded: RecordedEvent): ApplicationEvent | undefined => {
  if (!isApplicationEventType(recorded.event)) return undefined;
  const reasons = field(recorded.data, 'reasons');
  const payload = field(recorded.data, 'data');
  const dueAt = field(recorded.data, 'dueAt');
  const timerId = field(recorded.data, 'timerId');
  return {
    type: recorded.event,
    at: recorded.at,
    actor: recorded.actor,
    ...(recorded.requestId ? { requestId: recorded.requestId } : {}),
    ...(recorded.comment ? { comment: recorded.comment } : {}),
    ...(Array.isArray(reasons) ? { reasons: reasons as string[] } : {}),
    ...(payload && typeof payload === 'object' ? { data: payload as Record<string, unknown> } : {}),
    ...(typeof dueAt === 'string' ? { dueAt } : {}),
    ...(typeof timerId === 'string' ? { timerId } : {}),
  };
};

export const replayApplication = (
  workflow: ApplicationWorkflow,
  input: ApplicationInput,
  history: readonly RecordedEvent[],
  /** Other versions of the machine, for histories that cross a migration. */
  versionOf: (version: number) => ApplicationWorkflow | undefined = () => undefined,
): ReplayResult => {
  let current = workflow;
  let snapshot = current.start(input).snapshot;
  let replayed = 0;
  const diverged = (recorded: RecordedEvent, got: string): ReplayResult => ({
    snapshot,
    version: current.version,
    eventsReplayed: replayed,
    divergence: { seq: recorded.seq, event: recorded.event, expected: recorded.toState, got },
  });
  for (const recorded of history) {
    if (recorded.event === MACHINE_MIGRATED) {
      // The same plan the migration ran, applied to the replayed snapshot.
      const data = migratedData(recorded.data);
      const target = data ? versionOf(data.toVersion) : undefined;
      const plan = data ? migrationPlan(current.id, data.fromVersion, data.toVersion) : undefined;
      if (!data || !target || !plan || data.fromVersion !== current.version) {
        return diverged(recorded, `no plan from v${current.version}`);
      }
      const step = planApplicationMigration(plan, target, snapshot, []);
      replayed++;
      if (!step.ok || step.toState !== recorded.toState) {
        return diverged(recorded, step.ok ? step.toState : `${snapshot.value} (not migratable)`);
      }
      current = target;
      snapshot = step.snapshot;
      continue;
    }
    const event = toMachineEvent(recorded);
    // Creation and fact edits are recorded, but they are not machine events.
    if (!event) continue;
    const outcome = current.send(snapshot, event);
    replayed++;
    if (!outcome.changed || outcome.snapshot.value !== recorded.toState) {
      return diverged(
        recorded,
        outcome.changed ? outcome.snapshot.value : `${snapshot.value} (refused)`,
      );
    }
    snapshot = outcome.snapshot;
  }
  return { snapshot, version: current.version, eventsReplayed: replayed };
};
