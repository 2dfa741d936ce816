import { SECTORS, type Sector } from '../../certification/sectors';
import type { Facts } from '../../certification/facts';
import { parseIsoDate, periodsOf } from './periods';
import { SIZE_CEILINGS, sizeTest, type Ceiling } from './size-test';
import { en } from '../../i18n/testing';

const periods = periodsOf(parseIsoDate('2026-05-01') ?? { y: 2026, m: 5, d: 1 });
const P = 2025;

const firm = (sector: Sector, values: Partial<Record<Ceiling['measure'], number>>): Facts => ({
  sector,
  financials: [{ year: P, employees: 1, operatingRevenue: 1, totalAssets: 1, ...values }],
});

const reaching = (ceilings: readonly Ceiling[], shortOf?: Ceiling['measure']) =>
  Object.fromEntries(
    ceilings.map((c) => [c.measure, c.measure === shortOf ? c.ceiling - 1 : c.ceiling]),
  );

describe('SME size test (§1, 2011 provisions)', () => {
  it.each(SECTORS)('%s: large only when every ceiling is reached', (sector) => {
    const ceilings = SIZE_CEILINGS[sector];
    expect(sizeTest(firm(sector, reaching(ceilings)), periods, 'every-ceiling').met).toBe(false);
    for (const c of ceilings) {
      const facts = firm(sector, reaching(ceilings, c.measure));
      expect(sizeTest(facts, periods, 'every-ceiling').met).toBe(true);
    }
  });

  it('industry: 1,000 staff and 400 M revenue is large; 999 staff is an SME', () => {
    const large = sizeTest(
      firm('industry', { employees: 1000, operatingRevenue: 400_000_000 }),
      periods,
      'every-ceiling',
    );
    expect(large.met).toBe(false);
    expect(en(large.detail)).toContain('large enterprise');
    expect(
      sizeTest(
        firm('industry', { employees: 999, operatingRevenue: 900_000_000 }),
        periods,
        'every-ceiling',
      ).met,
    ).toBe(true);
  });

  it('the any-ceiling reading [U] makes one reached ceiling enough', () => {
    const facts = firm('industry', { employees: 999, operatingRevenue: 400_000_000 });
    expect(sizeTest(facts, periods, 'every-ceiling').met).toBe(true);
    expect(sizeTest(facts, periods, 'any-ceiling').met).toBe(false);
  });

  it.each([
    [{}, 'SME size test: sector is missing.'],
    [
      { sector: 'mining' },
      'SME size test: sector "mining" is not a sector of the 2011 size table.',
    ],
    [
      { sector: 'industry' },
      'SME size test: financials for 2025 are missing (employees is needed).',
    ],
    [
      { sector: 'construction', financials: [{ year: P, operatingRevenue: 1 }] },
      'SME size test: financials for 2025: totalAssets is missing.',
    ],
  ])('missing data fails with a reason: %j', (facts, detail) => {
    const result = sizeTest(facts as Facts, periods, 'every-ceiling');
    expect({ met: result.met, detail: en(result.detail) }).toEqual({ met: false, detail });
  });
});
