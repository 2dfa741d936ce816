// Which authority acts on an application in each state (domain rules §7.1).
import type { ApplicationState } from '../certification/application.machines';
import type { Level } from './roles';

/** The authority level that acts on an application in each state. */
export type Stage = 'enterprise' | 'local' | 'provincial' | 'national' | 'closed';

export const STAGE_OF_STATE: Record<ApplicationState, Stage> = {
  draft: 'enterprise',
  submitted: 'local',
  localReview: 'local',
  returned: 'enterprise',
  provincialReview: 'provincial',
  onSiteCheck: 'provincial',
  expertReview: 'provincial',
  publicNotice: 'provincial',
  objectionReview: 'provincial',
  recommendedToMiit: 'national',
  nationalReview: 'national',
  nationalOnSiteCheck: 'national',
  nationalNotice: 'national',
  nationalObjectionReview: 'national',
  certified: 'closed',
  rejected: 'closed',
  withdrawn: 'closed',
};

export const REVIEWER_LEVELS_OF_STAGE: Record<Stage, readonly Level[]> = {
  enterprise: [],
  local: ['county', 'city'],
  provincial: ['province'],
  national: ['national'],
  closed: [],
};

// Experts sit on provincial and national panels; a national expert may serve either.
export const EXPERT_LEVELS_OF_STAGE: Record<Stage, readonly Level[]> = {
  enterprise: [],
  local: [],
  provincial: ['province', 'national'],
  national: ['national'],
  closed: [],
};

/** States in which an application is on public notice, open to objections from anyone. */
export const NOTICE_STATES: readonly ApplicationState[] = ['publicNotice', 'nationalNotice'];
