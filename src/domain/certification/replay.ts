// Rebuilding an application's state from its audit history: the recorded events, replayed in
// order through the machine version the application pinned, must give the stored snapshot.
import type { ActorRef } from '../access/roles';
import { isApplicationEventType, type ApplicationEvent } from './application.events';
import type { ApplicationInput } from './application.machine';
import type { ApplicationWorkflow, PersistedApplicationSnapshot } from './application.machines';

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
  eventsReplayed: number;
  /** The first recorded event the machine did not accept, or whose outcome differs from the record. */
  divergence?: { seq: number; event: string; expected: string | null; got: string };
};

const field = (data: unknown, key: string): unknown =>
  data && typeof data === 'object' ? (data as Record<string, unknown>)[key] : undefined;

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
): ReplayResult => {
  let snapshot = workflow.start(input).snapshot;
  let replayed = 0;
  for (const recorded of history) {
    const event = toMachineEvent(recorded);
    // Creation and fact edits are recorded, but they are not machine events.
    if (!event) continue;
    const outcome = workflow.send(snapshot, event);
    replayed++;
    if (!outcome.changed || outcome.snapshot.value !== recorded.toState) {
      return {
        snapshot,
        eventsReplayed: replayed,
        divergence: {
          seq: recorded.seq,
          event: recorded.event,
          expected: recorded.toState,
          got: outcome.changed ? outcome.snapshot.value : `${snapshot.value} (refused)`,
        },
      };
    }
    snapshot = outcome.snapshot;
  }
  return { snapshot, eventsReplayed: replayed };
};
