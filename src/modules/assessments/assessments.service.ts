import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../../domain/access/roles';

import { chinaDateOf } from '../../domain/calendar/working-days';
import type { Facts } from '../../domain/certification/facts';
import type { Tier } from '../../domain/certification/tier';
import type { Assessment, RuleSetId } from '../../domain/scoring/assessment';
import { assess, provinceOf, ruleSetForDate, type ScoringConfig } from '../../domain/scoring';
import { Clock } from '../../shared/clock';
import type { ApplicationEntity } from '../applications/application.entity';
import { EnterpriseEntity } from '../enterprises/enterprise.entity';
import { SCORING_SETTINGS, type ScoringSettings } from './scoring-settings';

/** Runs the pure rule engine with the configured rule sets and provincial overrides. */
@Injectable()
export class AssessmentsService {
  constructor(
    @Inject(SCORING_SETTINGS) private readonly settings: ScoringSettings,
    private readonly clock: Clock,
  ) {}

  /** The rule set a new application pins, chosen by its creation date. */
  ruleSetFor(at: string): RuleSetId {
    return ruleSetForDate(chinaDateOf(at), this.settings.selection);
  }

  configFor(ruleSet: RuleSetId, regionCode: string | undefined): ScoringConfig {
    return this.settings.configFor(ruleSet, regionCode ? provinceOf(regionCode) : undefined);
  }

  /** POST /assessments: pure computation, nothing stored. */
  assess(
    input: { tier: Tier; ruleSet?: RuleSetId; asOf?: string; regionCode?: string; facts: Facts },
    actorRegion?: string,
  ): Assessment {
    const asOf = input.asOf ?? chinaDateOf(this.clock.nowIso());
    const ruleSet = input.ruleSet ?? ruleSetForDate(asOf, this.settings.selection);
    const region = input.regionCode ?? actorRegion;
    return assess({
      tier: input.tier,
      ruleSet,
      asOf,
      facts: input.facts,
      config: this.configFor(ruleSet, region),
    });
  }

  /** The assessment a submission is judged on: the pinned rule set, the enterprise's sector. */
  async assessApplication(
    em: EntityManager,
    row: ApplicationEntity,
    at: string,
  ): Promise<Assessment> {
    const enterprise = await em.findOneBy(EnterpriseEntity, { id: row.enterpriseId });
    const facts = row.facts as Facts;
    return assess({
      tier: row.tier,
      ruleSet: row.ruleSet as RuleSetId,
      asOf: chinaDateOf(at),
      facts: { ...facts, sector: facts.sector ?? (enterprise?.sector as Facts['sector']) },
      config: this.configFor(row.ruleSet as RuleSetId, row.regionCode),
    });
  }

  /** The region an actor's bare assessment defaults to. */
  async regionOfActor(em: EntityManager, actor: Actor): Promise<string | undefined> {
    if (actor.kind !== 'user') return undefined;
    if (actor.role === 'enterprise' && actor.enterpriseId) {
      return (await em.findOneBy(EnterpriseEntity, { id: actor.enterpriseId }))?.regionCode;
    }
    return actor.jurisdiction?.regionCode;
  }
}
