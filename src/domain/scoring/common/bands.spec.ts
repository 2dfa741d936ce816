import { q } from './exact';
import type { Msg } from '../../i18n/message';
import { exactMetric, nextBandNeed, pickBand, type BandTable } from './bands';
import { INNOVATIVE_SME } from '../v2022/innovative-sme.thresholds';
import { SPECIALIZED_SME } from '../v2022/specialized-sme.thresholds';
import { en } from '../../i18n/testing';

const TABLES: [string, BandTable][] = [
  ['IN2', INNOVATIVE_SME.rdRatio],
  ['IN3', INNOVATIVE_SME.growth],
  ['IN4', INNOVATIVE_SME.debtRatio],
  ['IN6', INNOVATIVE_SME.mainShare],
  ['SN1', SPECIALIZED_SME.mainShare],
  ['SN2', SPECIALIZED_SME.growth],
  ['SN7', SPECIALIZED_SME.netMargin],
  ['SN8', SPECIALIZED_SME.debtRatio],
  ['SN11 amount', SPECIALIZED_SME.rdAmount],
  ['SN11 ratio', SPECIALIZED_SME.rdRatio],
  ['SN12', SPECIALIZED_SME.rdStaff],
];

const boundaries = (table: BandTable): string[] => [
  ...new Set(table.bands.flatMap((b) => [b.min, b.max]).filter((x): x is string => !!x)),
];

const enOrNull = (m: Msg | null): string | null => (m ? en(m) : null);

describe('band tables (§0 inclusive boundaries)', () => {
  it.each(TABLES)('%s: points never rise towards the worse bands', (_, table) => {
    const pts = table.bands.map((b) => b.points);
    expect([...pts].sort((a, b) => b - a)).toEqual(pts);
  });

  it.each(TABLES)(
    '%s: every boundary picks the better band first, the worse one literally',
    (_, table) => {
      for (const edge of boundaries(table)) {
        const metric = exactMetric(q(edge));
        const best = pickBand(table, metric, 'best-first');
        const literal = pickBand(table, metric, 'literal');
        expect(best).toBeLessThanOrEqual(literal);
        const tiny = q(`0.000001`);
        const above = exactMetric({
          n: q(edge).n * tiny.d + tiny.n * q(edge).d,
          d: q(edge).d * tiny.d,
        });
        const below = exactMetric({
          n: q(edge).n * tiny.d - tiny.n * q(edge).d,
          d: q(edge).d * tiny.d,
        });
        // Off the boundary both readings agree.
        expect(pickBand(table, above, 'best-first')).toBe(pickBand(table, above, 'literal'));
        expect(pickBand(table, below, 'best-first')).toBe(pickBand(table, below, 'literal'));
      }
    },
  );

  it('words the next band for both tie-breaks and both directions', () => {
    const rd = INNOVATIVE_SME.rdRatio;
    expect(enOrNull(nextBandNeed(rd, 2, 'best-first'))).toBe('the 3–5% band needs at least 3%');
    expect(enOrNull(nextBandNeed(rd, 2, 'literal'))).toBe('the 3–5% band needs more than 3%');
    expect(enOrNull(nextBandNeed(rd, 0, 'best-first'))).toBeNull();
    const debt = INNOVATIVE_SME.debtRatio;
    expect(enOrNull(nextBandNeed(debt, 2, 'best-first'))).toBe('the 55–75% band needs at most 75%');
    expect(enOrNull(nextBandNeed(debt, 2, 'literal'))).toBe('the 55–75% band needs less than 75%');
    expect(enOrNull(nextBandNeed(SPECIALIZED_SME.rdAmount, 1, 'best-first'))).toBe(
      'the CNY 5 M or more band needs at least CNY 5,000,000',
    );
  });
});
