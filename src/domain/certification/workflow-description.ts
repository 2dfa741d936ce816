import { rolesForTransition } from '../access/application-access';
import type { ApplicationWorkflow, ApplicationState } from './application.machines';
import type { ApplicationEventType } from './application.events';

export type WorkflowTransition = {
  from: ApplicationState;
  event: ApplicationEventType;
  to: ApplicationState;
  guard?: string;
  roles: string[];
};

export type WorkflowDescription = {
  id: string;
  version: number;
  tier: string;
  initial: ApplicationState;
  states: ApplicationState[];
  finalStates: ApplicationState[];
  events: ApplicationEventType[];
  transitions: WorkflowTransition[];
  mermaid: string;
};

export const describeWorkflow = (workflow: ApplicationWorkflow): WorkflowDescription => {
  const transitions = workflow.transitions().map((t) => ({
    ...t,
    roles: rolesForTransition(t.event, t.from),
  }));
  const finalStates = workflow.states.filter(
    (s) => !transitions.some((t) => t.from === s) && s !== 'draft',
  );
  return {
    id: workflow.id,
    version: workflow.version,
    tier: workflow.tier,
    initial: 'draft',
    states: workflow.states,
    finalStates,
    events: workflow.events,
    transitions,
    mermaid: toMermaid(transitions, finalStates),
  };
};

/** A Mermaid stateDiagram-v2 generated from the machine, so the picture cannot drift from it. */
export const toMermaid = (
  transitions: readonly WorkflowTransition[],
  finalStates: readonly ApplicationState[],
): string => {
  const lines = ['stateDiagram-v2', '  [*] --> draft'];
  for (const t of transitions) {
    const guard = t.guard ? ` [${t.guard}]` : '';
    const roles = t.roles.length > 0 ? ` (${t.roles.join(', ')})` : '';
    lines.push(`  ${t.from} --> ${t.to}: ${t.event}${guard}${roles}`);
  }
  for (const s of finalStates) lines.push(`  ${s} --> [*]`);
  return lines.join('\n');
};
