import type { AnyStateMachine } from 'xstate';
import { isTier, type Tier } from './tier';
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
  specializedSmeMachineV2,
  SPECIALIZED_SME_MACHINE_V2,
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
  'expertReview',
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

/**
 * Every version of each tier's machine, oldest first. Applications keep the version they started
 * on (or were migrated to); new applications take the current one (DEFAULT_MACHINE_VERSIONS
 * unless configured otherwise).
 */
export const APPLICATION_WORKFLOW_VERSIONS: Record<Tier, readonly ApplicationWorkflow[]> = {
  innovative_sme: [
    new ApplicationWorkflow('innovative_sme', APPLICATION_MACHINE_VERSION, innovativeSmeMachine),
  ],
  specialized_sme: [
    new ApplicationWorkflow('specialized_sme', APPLICATION_MACHINE_VERSION, specializedSmeMachine),
    new ApplicationWorkflow('specialized_sme', SPECIALIZED_SME_MACHINE_V2, specializedSmeMachineV2),
  ],
  little_giant: [
    new ApplicationWorkflow('little_giant', APPLICATION_MACHINE_VERSION, littleGiantMachine),
  ],
};

/**
 * The version new applications take unless the deployment chooses another
 * (APPLICATION_MACHINE_VERSIONS): the 2026 procedure of specialized SMEs (v2) is switched on per
 * deployment, when its province adopts it.
 */
export const DEFAULT_MACHINE_VERSIONS: Record<Tier, number> = {
  innovative_sme: 1,
  specialized_sme: 1,
  little_giant: 1,
};

/** Which version of each tier's machine new applications take. */
export type MachineVersions = Partial<Record<Tier, number>>;

const versionOf = (tier: Tier, version: number): ApplicationWorkflow | undefined =>
  APPLICATION_WORKFLOW_VERSIONS[tier].find((w) => w.version === version);

/** The current version of a tier's machine: the configured one, else the default. */
export const workflowForTier = (
  tier: Tier,
  versions: MachineVersions = {},
): ApplicationWorkflow => {
  const version = versions[tier] ?? DEFAULT_MACHINE_VERSIONS[tier];
  const workflow = versionOf(tier, version);
  if (!workflow) throw new Error(`No version ${version} of the ${tier} machine`);
  return workflow;
};

/** Versions chosen by configuration, each checked: an unknown tier or version fails the start. */
export const configuredMachineVersions = (configured: Record<string, number>): MachineVersions => {
  const versions: MachineVersions = {};
  for (const [tier, version] of Object.entries(configured)) {
    if (!isTier(tier)) throw new Error(`APPLICATION_MACHINE_VERSIONS: unknown tier ${tier}`);
    versions[tier] = version;
    workflowForTier(tier, versions);
  }
  return versions;
};

/** The current workflow of each tier (with the default versions). */
export const APPLICATION_WORKFLOWS: Record<Tier, ApplicationWorkflow> = {
  innovative_sme: workflowForTier('innovative_sme'),
  specialized_sme: workflowForTier('specialized_sme'),
  little_giant: workflowForTier('little_giant'),
};

const tierOfMachine = (id: string): Tier | undefined =>
  (Object.keys(APPLICATION_WORKFLOW_VERSIONS) as Tier[]).find(
    (tier) => APPLICATION_WORKFLOW_VERSIONS[tier][0]!.id === id,
  );

/** Every version of a machine, oldest first (empty for an unknown id). */
export const workflowVersions = (id: string): readonly ApplicationWorkflow[] => {
  const tier = tierOfMachine(id);
  return tier ? APPLICATION_WORKFLOW_VERSIONS[tier] : [];
};

/** One version of a machine. */
export const workflowVersion = (id: string, version: number): ApplicationWorkflow | undefined =>
  workflowVersions(id).find((w) => w.version === version);

/** A machine's current version (with the default versions). */
export const workflowById = (id: string): ApplicationWorkflow | undefined => {
  const tier = tierOfMachine(id);
  return tier ? APPLICATION_WORKFLOWS[tier] : undefined;
};
