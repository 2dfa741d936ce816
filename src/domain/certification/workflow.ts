import {
  initialTransition,
  transition,
  type AnyMachineSnapshot,
  type AnyStateMachine,
} from 'xstate';

/** What is stored per instance: enough for `machine.resolveState()` to rebuild it. */
export type PersistedSnapshot<S extends string, C> = {
  value: S;
  context: C;
  status: 'active' | 'done';
};

/** Side effects a transition asks for, carried out by the pipeline in the same transaction. */
export type WorkflowEffect =
  | {
      type: 'scheduleDeadline';
      purpose: string;
      dueAt: string;
      /** The event the timer sends when due (default deadline.expired), and its data. */
      event?: string;
      data?: Record<string, unknown>;
    }
  | { type: 'rescheduleDeadline'; purpose: string; dueAt: string }
  /** Cancels the subject's pending timers: all of them, or those of one purpose. */
  | { type: 'cancelDeadlines'; purpose?: string }
  | { type: 'issueCertificate' };

export type ScheduleParams = {
  purpose: string;
  dueAt: string | null;
  event?: string;
  data?: Record<string, unknown>;
};

export type TransitionOutcome<S extends string, C> = {
  changed: boolean;
  snapshot: PersistedSnapshot<S, C>;
  effects: WorkflowEffect[];
};

export type TransitionDescription<S extends string, E extends string> = {
  from: S;
  event: E;
  to: S;
  guard?: string;
};

/**
 * A machine behind a typed, persistence-friendly surface: pure initialTransition()/transition(),
 * snapshots as plain JSON, effects as data, and introspection from public state-node fields.
 */
export class Workflow<S extends string, E extends { type: string }, C, I> {
  readonly id: string;
  private described: TransitionDescription<S, E['type']>[] | undefined;

  constructor(
    readonly machine: AnyStateMachine,
    readonly version: number,
    private readonly isState: (value: unknown) => value is S,
  ) {
    this.id = machine.id;
  }

  get states(): S[] {
    return Object.keys(this.machine.root.states).filter(this.isState);
  }

  get events(): E['type'][] {
    return [...new Set(this.transitions().map((t) => t.event))];
  }

  start(input: I): { snapshot: PersistedSnapshot<S, C>; effects: WorkflowEffect[] } {
    const [snapshot, actions] = initialTransition(this.machine, input);
    return { snapshot: this.persist(snapshot), effects: toEffects(actions) };
  }

  can(persisted: PersistedSnapshot<S, C>, event: E): boolean {
    return this.resolve(persisted).can(event);
  }

  /** The events, among `candidates`, that the machine accepts now (one snapshot resolution). */
  accepted(
    persisted: PersistedSnapshot<S, C>,
    candidates: readonly E['type'][],
    base: Omit<E, 'type'>,
  ): E['type'][] {
    if (candidates.length === 0) return [];
    const snapshot = this.resolve(persisted);
    return candidates.filter((type) => snapshot.can({ ...base, type }));
  }

  send(persisted: PersistedSnapshot<S, C>, event: E): TransitionOutcome<S, C> {
    const current = this.resolve(persisted);
    if (!current.can(event)) return { changed: false, snapshot: persisted, effects: [] };
    const [next, actions] = transition(this.machine, current, event);
    return { changed: true, snapshot: this.persist(next), effects: toEffects(actions) };
  }

  /** Every transition the machine defines, read from its state nodes (no private fields). */
  transitions(): TransitionDescription<S, E['type']>[] {
    this.described ??= this.describeTransitions();
    return this.described;
  }

  private describeTransitions(): TransitionDescription<S, E['type']>[] {
    const out: TransitionDescription<S, E['type']>[] = [];
    for (const [from, node] of Object.entries(this.machine.root.states)) {
      if (!this.isState(from)) continue;
      for (const [event, definitions] of node.transitions) {
        for (const definition of definitions) {
          const target = definition.target?.[0]?.key ?? from;
          if (!this.isState(target)) continue;
          const guard = guardName(definition.guard);
          out.push({ from, event: event, to: target, ...(guard ? { guard } : {}) });
        }
      }
    }
    return out;
  }

  private resolve(persisted: PersistedSnapshot<S, C>): AnyMachineSnapshot {
    return this.machine.resolveState({ value: persisted.value, context: persisted.context });
  }

  private persist(snapshot: AnyMachineSnapshot): PersistedSnapshot<S, C> {
    const value: unknown = snapshot.value;
    if (!this.isState(value)) throw new Error(`Unexpected machine state ${String(value)}`);
    return {
      value,
      context: snapshot.context as C,
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
    const params = (action.params ?? {}) as Partial<ScheduleParams>;
    switch (action.type) {
      case 'scheduleDeadline':
        if (params.dueAt && params.purpose) {
          effects.push({
            type: 'scheduleDeadline',
            purpose: params.purpose,
            dueAt: params.dueAt,
            ...(params.event ? { event: params.event } : {}),
            ...(params.data ? { data: params.data } : {}),
          });
        }
        break;
      case 'rescheduleDeadline':
        if (params.dueAt && params.purpose) {
          effects.push({
            type: 'rescheduleDeadline',
            purpose: params.purpose,
            dueAt: params.dueAt,
          });
        }
        break;
      case 'cancelDeadlines':
        effects.push(
          params.purpose
            ? { type: 'cancelDeadlines', purpose: params.purpose }
            : { type: 'cancelDeadlines' },
        );
        break;
      case 'issueCertificate':
        effects.push({ type: 'issueCertificate' });
        break;
    }
  }
  return effects;
};
