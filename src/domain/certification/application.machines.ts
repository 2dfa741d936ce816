import type { AnyStateMachine } from 'xstate';
import type { Tier } from './tier';
import type { ApplicationEvent } from './application.events';
import {
  Workflow,
  type PersistedSnapshot,
  type TransitionOutcome as WorkflowOutcome,
  type WorkflowEffect,
} from './workflow';
import {
  APPLICATION_MACHINE_VERSION,
  innovativeSmeMachine,
  littleGiantMachine,
  specializedSmeMachine,
  type ApplicationContext,
  type ApplicationInput,
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

export type PersistedApplicationSnapshot = PersistedSnapshot<ApplicationState, ApplicationContext>;
export type { WorkflowEffect };
export type TransitionOutcome = WorkflowOutcome<ApplicationState, ApplicationContext>;

/** One tier's application pathway. */
export class ApplicationWorkflow extends Workflow<
  ApplicationState,
  ApplicationEvent,
  ApplicationContext,
  ApplicationInput
> {
  constructor(
    readonly tier: Tier,
    version: number,
    machine: AnyStateMachine,
  ) {
    super(machine, version, isApplicationState);
  }
}

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
