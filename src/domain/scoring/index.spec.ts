import type { Facts } from '../certification/facts';
import { TIERS, type Tier } from '../certification/tier';
import { RULE_SETS, type RuleSetId } from './assessment';
import { assess, defaultScoringConfig } from './index';
import { AS_OF_2022, baseFacts, conditionOf } from '../../../test/factories/facts.factory';
import { en, enAll } from '../i18n/testing';

const ALL = RULE_SETS.flatMap((ruleSet) => TIERS.map((tier) => [ruleSet, tier] as const));

describe('assess (§10 engine conventions)', () => {
  it.each(ALL)('%s %s: empty facts fail with reasons, without throwing', (ruleSet, tier) => {
    const result = assess({ tier, ruleSet, asOf: '2026-05-01', facts: {} });
    expect(result.eligible).toBe(false);
    expect(result.route).toBeNull();
    expect(result.reasons.length).toBeGreaterThan(0);
    expect(enAll(result.reasons)).toContain('Eligibility: registeredInMainland is missing.');
    expect(JSON.stringify(result)).not.toContain('NaN');
    expect(result.requirements.every((r) => en(r.detail).length > 0)).toBe(true);
  });

  it.each(ALL)('%s %s: the strong base firm qualifies', (ruleSet, tier) => {
    const p = ruleSet === 'v2022' ? 2024 : 2025;
    const asOf = ruleSet === 'v2022' ? AS_OF_2022 : '2026-05-01';
    const result = assess({ tier, ruleSet, asOf, facts: baseFacts(p) });
    expect(enAll(result.reasons)).toHaveLength(1);
    expect(result.eligible).toBe(true);
  });

  it('a missing financial figure fails its rule with a reason naming the fact', () => {
    const facts = baseFacts(2025);
    const financials = (facts.financials ?? []).map((row) =>
      row.year === 2025 ? { ...row, rdExpense: undefined } : row,
    );
    const result = assess({
      tier: 'specialized_sme',
      ruleSet: 'v2022',
      asOf: '2026-05-01',
      facts: { ...facts, financials },
    });
    expect(en(conditionOf(result, 'M2').detail)).toBe(
      'M2 (R&D input): financials for 2025: rdExpense is missing.',
    );
  });

  it.each([
    [{ asOf: '2026-02-30' }, 'asOf', 'asOf "2026-02-30" is not a valid YYYY-MM-DD date.'],
    [{ tier: 'champion' as Tier }, 'tier', 'Tier "champion" is not known.'],
    [{ ruleSet: 'v2030' as RuleSetId }, 'ruleSet', 'Rule set "v2030" is not known.'],
  ])('refuses bad input %j without throwing', (patch, key, reason) => {
    const result = assess({
      tier: 'innovative_sme',
      ruleSet: 'v2022',
      asOf: '2026-05-01',
      facts: {},
      ...patch,
    });
    expect(result).toMatchObject({ eligible: false, route: null, score: null });
    expect(enAll(result.reasons)).toEqual([reason]);
    expect(result.requirements.map((r) => ({ ...r, detail: en(r.detail) }))).toEqual([
      { key, met: false, detail: reason },
    ]);
  });

  it('uses the rule set defaults when no config is given', () => {
    const facts = baseFacts(2024);
    const explicit = assess({
      tier: 'innovative_sme',
      ruleSet: 'v2022',
      asOf: AS_OF_2022,
      facts,
      config: defaultScoringConfig('v2022'),
    });
    expect(assess({ tier: 'innovative_sme', ruleSet: 'v2022', asOf: AS_OF_2022, facts })).toEqual(
      explicit,
    );
  });

  it('is pure: the facts are not changed', () => {
    const facts: Facts = baseFacts(2024);
    const copy = JSON.parse(JSON.stringify(facts)) as Facts;
    for (const [ruleSet, tier] of ALL) assess({ tier, ruleSet, asOf: AS_OF_2022, facts });
    expect(facts).toEqual(copy);
  });
});
