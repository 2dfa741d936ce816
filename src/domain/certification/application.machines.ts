import {
  initialTransition,
  transition,
  type AnyMachineSnapshot,
  type AnyStateMachine,
} from 'xstate';
import type { Tier } from './tier';
import type { ApplicationEvent, ApplicationEventType } from './application.events';
import {
  APPLICATION_MACHINE_VERSION,
  innovativeSmeMachine,
  littleGiantMachine,
  specializedSmeMachine,
  type ApplicationContext,
  type ApplicationInput,
  type ScheduleDeadlineParams,
} from './application.machine';

export const APPLICATION_STATES = [
  'draft',
  'submitted',
  'localReview',
  'returned',
  'provincialReview',
  'onSiteCheck',
  'publicNotice',
  'objectionReview',
  'recommendedToMiit',
  'nationalReview',
  'nationalOnSiteCheck',
  'nationalNotice',
  'nationalObjectionReview',
  'certified',
  'rejected',
  'withdrawn',
] as const;
export type ApplicationState = (typeof APPLICATION_STATES)[number];

export const FINAL_APPLICATION_STATES: readonly ApplicationState[] = [
  'certified',
  'rejected',
  'withdrawn',
];

export const isApplicationState = (value: unknown): value is ApplicationState =>
  typeof value === 'string' && (APPLICATION_STATES as readonly string[]).includes(value);

/** What is stored per application: enough for `machine.resolveState()` to rebuild it. */
export type PersistedApplicationSnapshot = {
  value: ApplicationState;
  context: ApplicationContext;
  status: 'active' | 'done';
};

/** Side effects returned by a transition, carried out by the pipeline in the same transaction. */
export type WorkflowEffect =
  | { type: 'scheduleDeadline'; purpose: ScheduleDeadlineParams['purpose']; dueAt: string }
  | { type: 'cancelDeadlines' };

export type TransitionOutcome = {
  changed: boolean;
  snapshot: PersistedApplicationSnapshot;
  effects: WorkflowEffect[];
};

export type StartOutcome = { snapshot: PersistedApplicationSnapshot; effects: WorkflowEffect[] };

export type TransitionDescription = {
  from: ApplicationState;
  event: ApplicationEventType;
  to: ApplicationState;
  guard?: string;
};

/** One tier's application pathway: the machine behind a typed, persistence-friendly surface. */
export class ApplicationWorkflow {
  readonly id: string;

  constructor(
    readonly tier: Tier,
    readonly version: number,
    readonly machine: AnyStateMachine,
  ) {
    this.id = machine.id;
  }

  get states(): ApplicationState[] {
    return Object.keys(this.machine.root.states).filter(isApplicationState);
  }

  get events(): ApplicationEventType[] {
    const events = new Set<ApplicationEventType>();
    for (const t of this.transitions()) events.add(t.event);
    return [...events];
  }

  start(input: ApplicationInput): StartOutcome {
    const [snapshot, actions] = initialTransition(this.machine, input);
    return { snapshot: this.persist(snapshot), effects: toEffects(actions) };
  }

  /** Whether the machine accepts the event in this snapshot (guards included). */
  can(persisted: PersistedApplicationSnapshot, event: ApplicationEvent): boolean {
    return this.resolve(persisted).can(event);
  }

  /** The events, among `candidates`, that the machine accepts now (one snapshot resolution). */
  accepted(
    persisted: PersistedApplicationSnapshot,
    candidates: readonly ApplicationEventType[],
    base: Omit<ApplicationEvent, 'type'>,
  ): ApplicationEventType[] {
    if (candidates.length === 0) return [];
    const snapshot = this.resolve(persisted);
    return candidates.filter((type) => snapshot.can({ ...base, type }));
  }

  send(persisted: PersistedApplicationSnapshot, event: ApplicationEvent): TransitionOutcome {
    const current = this.resolve(persisted);
    if (!current.can(event)) return { changed: false, snapshot: persisted, effects: [] };
    const [next, actions] = transition(this.machine, current, event);
    return { changed: true, snapshot: this.persist(next), effects: toEffects(actions) };
  }

  private described: TransitionDescription[] | undefined;

  /** Every transition the machine defines, read from its state nodes (no private fields). */
  transitions(): TransitionDescription[] {
    this.described ??= this.describeTransitions();
    return this.described;
  }

  private describeTransitions(): TransitionDescription[] {
    const out: TransitionDescription[] = [];
    for (const [from, node] of Object.entries(this.machine.root.states)) {
      if (!isApplicationState(from)) continue;
      for (const [event, definitions] of node.transitions) {
        for (const definition of definitions) {
          const targets = definition.target ?? [];
          const target = targets[0]?.key ?? from;
          if (!isApplicationState(target)) continue;
          const guard = guardName(definition.guard);
          out.push({
            from,
            event: event as ApplicationEventType,
            to: target,
            ...(guard ? { guard } : {}),
          });
        }
      }
    }
    return out;
  }

  private resolve(persisted: PersistedApplicationSnapshot): AnyMachineSnapshot {
    return this.machine.resolveState({ value: persisted.value, context: persisted.context });
  }

  private persist(snapshot: AnyMachineSnapshot): PersistedApplicationSnapshot {
    const value: unknown = snapshot.value;
    if (!isApplicationState(value)) throw new Error(`Unexpected machine state ${String(value)}`);
    return {
      value,
      context: snapshot.context as ApplicationContext,
      status: snapshot.status === 'done' ? 'done' : 'active',
    };
  }
}

const guardName = (guard: unknown): string | undefined => {
  if (typeof guard === 'string') return guard;
  if (guard && typeof guard === 'object' && 'type' in guard && typeof guard.type === 'string') {
    return guard.type;
  }
  return undefined;
};

const toEffects = (
  actions: ReadonlyArray<{ type: string; params?: unknown }>,
): WorkflowEffect[] => {
  const effects: WorkflowEffect[] = [];
  for (const action of actions) {
    if (action.type === 'scheduleDeadline') {
      const params = action.params as ScheduleDeadlineParams;
      if (params.dueAt) effects.push({ type: 'scheduleDeadline', ...params, dueAt: params.dueAt });
    } else if (action.type === 'cancelDeadlines') {
      effects.push({ type: 'cancelDeadlines' });
    }
  }
  return effects;
};

export const APPLICATION_WORKFLOWS: Record<Tier, ApplicationWorkflow> = {
  innovative_sme: new ApplicationWorkflow(
    'innovative_sme',
    APPLICATION_MACHINE_VERSION,
    innovativeSmeMachine,
  ),
  specialized_sme: new ApplicationWorkflow(
    'specialized_sme',
    APPLICATION_MACHINE_VERSION,
    specializedSmeMachine,
  ),
  little_giant: new ApplicationWorkflow(
    'little_giant',
    APPLICATION_MACHINE_VERSION,
    littleGiantMachine,
  ),
};

export const workflowForTier = (tier: Tier): ApplicationWorkflow => APPLICATION_WORKFLOWS[tier];

export const workflowById = (id: string): ApplicationWorkflow | undefined =>
  Object.values(APPLICATION_WORKFLOWS).find((w) => w.id === id);
