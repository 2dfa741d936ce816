import type { EligibilityFlags, Facts } from '../../certification/facts';
import { ELIGIBILITY_FLAGS, eligibilityRequirements } from './eligibility';
import { parseIsoDate, periodsOf } from './periods';
import { en } from '../../i18n/testing';

const periods = periodsOf(parseIsoDate('2026-05-01') ?? { y: 2026, m: 5, d: 1 });
const passing: Required<EligibilityFlags> = {
  registeredInMainland: true,
  independentLegalPerson: true,
  abnormalOrDishonestListed: false,
  prohibitedProducts: false,
  majorIncidentLast3Years: false,
};
const facts = (eligibility: EligibilityFlags): Facts => ({
  sector: 'other',
  financials: [{ year: 2025, employees: 10 }],
  eligibility,
});

describe('basic eligibility (§1)', () => {
  it('every flag with its passing value, and the size test, pass', () => {
    const items = eligibilityRequirements(facts(passing), periods, 'every-ceiling');
    expect(items.map((i) => i.key)).toEqual([
      'eligibility.registeredInMainland',
      'eligibility.independentLegalPerson',
      'eligibility.abnormalOrDishonestListed',
      'eligibility.prohibitedProducts',
      'eligibility.majorIncidentLast3Years',
      'eligibility.sizeTest',
    ]);
    expect(items.every((i) => i.met)).toBe(true);
  });

  it.each(ELIGIBILITY_FLAGS.map((f) => [f.flag, f.passing] as const))(
    '%s fails with the opposite value and when missing',
    (flag, value) => {
      const flipped = eligibilityRequirements(
        facts({ ...passing, [flag]: !value }),
        periods,
        'every-ceiling',
      );
      expect(flipped.find((i) => i.key === `eligibility.${flag}`)?.met).toBe(false);
      const { [flag]: _removed, ...rest } = passing;
      const missing = eligibilityRequirements(facts(rest), periods, 'every-ceiling');
      const item = missing.find((i) => i.key === `eligibility.${flag}`);
      expect(item?.met).toBe(false);
      expect(en(item?.detail)).toBe(`Eligibility: ${flag} is missing.`);
    },
  );
});
