// Domain rules §10 (engine conventions): what every tier's rules receive, and what they return.
import type { Facts } from '../../certification/facts';
import type { Assessment } from '../assessment';
import type { ScoringConfig } from '../config';
import type { Periods } from './periods';

export type RuleContext = {
  readonly facts: Facts;
  readonly periods: Periods;
  readonly config: ScoringConfig;
};

export type TierOutcome = Omit<Assessment, 'tier' | 'ruleSet' | 'asOf'>;
