// Domain rules §1 (SME Size Classification Provisions, 工信部联企业〔2011〕300号): the "large" ceilings by sector.
import type { Facts } from '../../certification/facts';
import { msg, type Msg } from '../../i18n/message';
import { SECTORS, type Sector } from '../../certification/sectors';
import { cmp, int, type Q } from './exact';
import { amount, type Got } from './facts-reader';
import { formatCny, formatCount, listWords, quote } from './format';
import type { Periods } from './periods';

export type SizeMeasure = 'employees' | 'operatingRevenue' | 'totalAssets';
export type Ceiling = { readonly measure: SizeMeasure; readonly ceiling: number };

const M = 1_000_000;
const staff = (ceiling: number): Ceiling => ({ measure: 'employees', ceiling });
const revenue = (millions: number): Ceiling => ({
  measure: 'operatingRevenue',
  ceiling: millions * M,
});
const assets = (millions: number): Ceiling => ({ measure: 'totalAssets', ceiling: millions * M });

/** An enterprise reaching these ceilings is large; below them it is an SME. */
export const SIZE_CEILINGS: Record<Sector, readonly Ceiling[]> = {
  agriculture: [revenue(200)],
  industry: [staff(1000), revenue(400)],
  construction: [revenue(800), assets(800)],
  wholesale: [staff(200), revenue(400)],
  retail: [staff(300), revenue(200)],
  transport: [staff(1000), revenue(300)],
  warehousing: [staff(200), revenue(300)],
  postal: [staff(1000), revenue(300)],
  accommodation_catering: [staff(300), revenue(100)],
  information_transmission: [staff(2000), revenue(1000)],
  software_it: [staff(300), revenue(100)],
  real_estate_development: [revenue(2000), assets(100)],
  property_management: [staff(1000), revenue(50)],
  leasing_business: [staff(300), assets(1200)],
  other: [staff(300)],
};

export const SIZE_TEST_READINGS = ['every-ceiling', 'any-ceiling'] as const;
/** 'every-ceiling' (§10): large only when every ceiling of the sector is reached. */
export type SizeTestReading = (typeof SIZE_TEST_READINGS)[number];

export type SizeTestResult = { readonly met: boolean; readonly detail: Msg };

const describeValue = (measure: SizeMeasure, value: Q): Msg =>
  measure === 'employees'
    ? msg('size.employees', { count: formatCount(value) })
    : msg(`size.${measure}`, { amount: formatCny(value) });

const describeCeiling = (c: Ceiling): Msg => describeValue(c.measure, int(c.ceiling));

const isSector = (value: unknown): value is Sector =>
  typeof value === 'string' && (SECTORS as readonly string[]).includes(value);

export const sizeTest = (
  facts: Facts,
  periods: Periods,
  reading: SizeTestReading,
): SizeTestResult => {
  const sector: unknown = facts.sector;
  if (sector === undefined || sector === null)
    return { met: false, detail: msg('size.sectorMissing') };
  if (!isSector(sector))
    return {
      met: false,
      detail: msg('size.sectorUnknown', { sector: quote(sector) }),
    };
  const ceilings = SIZE_CEILINGS[sector];
  const values: { ceiling: Ceiling; value: Q }[] = [];
  for (const ceiling of ceilings) {
    const value: Got<Q> = amount(facts, periods.p, ceiling.measure);
    if (!value.ok) return { met: false, detail: msg('size.problem', { problem: value.problem }) };
    values.push({ ceiling, value: value.value });
  }
  const reached = values.filter(({ ceiling, value }) => cmp(value, int(ceiling.ceiling)) >= 0);
  const large = reading === 'every-ceiling' ? reached.length === values.length : reached.length > 0;
  const figures = listWords(
    values.map(({ ceiling, value }) => describeValue(ceiling.measure, value)),
  );
  const limits = listWords(ceilings.map(describeCeiling));
  const params = { sector: msg(`sector.${sector}`), figures, year: periods.p, limits };
  return large
    ? {
        met: false,
        detail: msg(reading === 'every-ceiling' ? 'size.large.every' : 'size.large.any', params),
      }
    : { met: true, detail: msg('size.sme', params) };
};
