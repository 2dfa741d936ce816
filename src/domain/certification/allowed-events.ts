import { maySendInState } from '../access/application-access';
import { toActorRef, type Actor } from '../access/roles';
import type { ApplicationEventType } from './application.events';
import type { ApplicationWorkflow, PersistedApplicationSnapshot } from './application.machines';

/** The events this actor may send now: granted by the access table and accepted by the machine. */
export const allowedEventsFor = (
  workflow: ApplicationWorkflow,
  snapshot: PersistedApplicationSnapshot,
  actor: Actor,
  at: string,
): ApplicationEventType[] =>
  workflow.accepted(
    snapshot,
    workflow.events.filter((type) => maySendInState(actor, type, snapshot.value)),
    { at, actor: toActorRef(actor) },
  );
