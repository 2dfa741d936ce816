import { Inject, Injectable } from '@nestjs/common';
import type { Actor } from '../../domain/access/roles';
import { chinaDateOf } from '../../domain/calendar/working-days';
import type { Facts } from '../../domain/certification/facts';
import type { Sector } from '../../domain/certification/sectors';
import type { Tier } from '../../domain/certification/tier';
import type { Assessment, RuleSetId } from '../../domain/scoring/assessment';
import { assess, provinceOf, ruleSetForDate } from '../../domain/scoring';
import { Clock } from '../../infra/clock';
import { EnterpriseRepository } from '../enterprises/enterprise.repository';
import { SCORING_SETTINGS, type ScoringSettings } from './scoring-settings';

export type AssessmentRequest = {
  tier: Tier;
  ruleSet?: RuleSetId;
  asOf?: string;
  regionCode?: string;
  facts: Facts;
};

/** POST /assessments: the pure rule engine with the configured rule sets and provincial overrides. */
@Injectable()
export class AssessmentsService {
  constructor(
    @Inject(SCORING_SETTINGS) private readonly settings: ScoringSettings,
    private readonly enterprises: EnterpriseRepository,
    private readonly clock: Clock,
  ) {}

  /**
   * Pure computation, nothing stored. An enterprise's own assessment takes its registered region
   * and sector where the request gives none (docs/rules.md, "Facts": `sector` defaults to the
   * enterprise's); an authority's takes its region.
   */
  async assess(input: AssessmentRequest, actor: Actor): Promise<Assessment> {
    const asOf = input.asOf ?? chinaDateOf(this.clock.nowIso());
    const ruleSet = input.ruleSet ?? ruleSetForDate(asOf, this.settings.selection);
    const own =
      actor.kind === 'user' && actor.role === 'enterprise' && actor.enterpriseId
        ? await this.enterprises.findById(actor.enterpriseId)
        : undefined;
    const region =
      input.regionCode ??
      own?.regionCode ??
      (actor.kind === 'user' ? actor.jurisdiction?.regionCode : undefined);
    return assess({
      tier: input.tier,
      ruleSet,
      asOf,
      facts: { ...input.facts, sector: input.facts.sector ?? (own?.sector as Sector | undefined) },
      config: this.settings.configFor(ruleSet, region ? provinceOf(region) : undefined),
    });
  }
}
