// Domain rules §1 (v2022 art. 3; v2026 general provisions): basic eligibility common to every tier.
import type { EligibilityFlags, Facts } from '../../certification/facts';
import { msg } from '../../i18n/message';
import type { ConditionResult } from '../assessment';
import type { Periods } from './periods';
import { condition } from './results';
import { sizeTest, type SizeTestReading } from './size-test';

type Flag = keyof EligibilityFlags;

/** Each flag and the value that passes; `eligibility.<flag>.pass|fail` word the outcome. */
export const ELIGIBILITY_FLAGS: readonly {
  readonly flag: Flag;
  readonly passing: boolean;
}[] = [
  { flag: 'registeredInMainland', passing: true },
  { flag: 'independentLegalPerson', passing: true },
  { flag: 'abnormalOrDishonestListed', passing: false },
  { flag: 'prohibitedProducts', passing: false },
  { flag: 'majorIncidentLast3Years', passing: false },
];

export const eligibilityRequirements = (
  facts: Facts,
  periods: Periods,
  sizeTestReading: SizeTestReading,
): ConditionResult[] => {
  const flags: unknown = facts.eligibility;
  const record: Record<string, unknown> =
    typeof flags === 'object' && flags !== null ? (flags as Record<string, unknown>) : {};
  const items = ELIGIBILITY_FLAGS.map(({ flag, passing }) => {
    const value = record[flag];
    const key = `eligibility.${flag}`;
    if (typeof value !== 'boolean')
      return condition(key, false, msg('eligibility.missing', { flag }));
    return condition(
      key,
      value === passing,
      msg(`eligibility.${flag}.${value === passing ? 'pass' : 'fail'}`),
    );
  });
  const size = sizeTest(facts, periods, sizeTestReading);
  return [...items, condition('eligibility.sizeTest', size.met, size.detail)];
};
