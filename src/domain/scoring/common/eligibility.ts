// Domain rules §1 (v2022 art. 3; v2026 general provisions): basic eligibility common to every tier.
import type { EligibilityFlags, Facts } from '../../certification/facts';
import type { ConditionResult } from '../assessment';
import type { Periods } from './periods';
import { condition } from './results';
import { sizeTest, type SizeTestReading } from './size-test';

type Flag = keyof EligibilityFlags;

/** Each flag, the value that passes, and the words for a pass and a fail. */
export const ELIGIBILITY_FLAGS: readonly {
  readonly flag: Flag;
  readonly passing: boolean;
  readonly pass: string;
  readonly fail: string;
}[] = [
  {
    flag: 'registeredInMainland',
    passing: true,
    pass: 'The enterprise is registered in mainland China.',
    fail: 'The enterprise is not registered in mainland China.',
  },
  {
    flag: 'independentLegalPerson',
    passing: true,
    pass: 'The enterprise is an independent legal person.',
    fail: 'The enterprise is not an independent legal person.',
  },
  {
    flag: 'abnormalOrDishonestListed',
    passing: false,
    pass: 'The enterprise is on neither the abnormal-operations list nor the serious-dishonesty list.',
    fail: 'The enterprise is on the abnormal-operations or the serious-dishonesty list.',
  },
  {
    flag: 'prohibitedProducts',
    passing: false,
    pass: 'The enterprise makes no product in a prohibited, restricted or phase-out category.',
    fail: 'The enterprise makes products in a prohibited, restricted or phase-out category.',
  },
  {
    flag: 'majorIncidentLast3Years',
    passing: false,
    pass: 'The enterprise had no major safety, quality or environmental incident or tax violation in the last 3 years.',
    fail: 'The enterprise had a major safety, quality or environmental incident or a tax violation in the last 3 years.',
  },
];

export const eligibilityRequirements = (
  facts: Facts,
  periods: Periods,
  sizeTestReading: SizeTestReading,
): ConditionResult[] => {
  const flags: unknown = facts.eligibility;
  const record: Record<string, unknown> =
    typeof flags === 'object' && flags !== null ? (flags as Record<string, unknown>) : {};
  const items = ELIGIBILITY_FLAGS.map(({ flag, passing, pass, fail }) => {
    const value = record[flag];
    const key = `eligibility.${flag}`;
    if (typeof value !== 'boolean')
      return condition(key, false, `Eligibility: ${flag} is missing.`);
    return condition(key, value === passing, value === passing ? pass : fail);
  });
  const size = sizeTest(facts, periods, sizeTestReading);
  return [...items, condition('eligibility.sizeTest', size.met, size.detail)];
};
