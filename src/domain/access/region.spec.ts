import { regionAncestors, regionContains, regionLevelOf, regionPrefix } from './region';

describe('GB/T 2260 region containment', () => {
  it.each([
    ['130000', 'province', '13'],
    ['130100', 'city', '1301'],
    ['130102', 'county', '130102'],
    ['110100', 'city', '1101'],
  ] as const)('%s is a %s with prefix %s', (code, level, prefix) => {
    expect(regionLevelOf(code)).toBe(level);
    expect(regionPrefix(code)).toBe(prefix);
  });

  it.each([
    ['130000', '130102', true],
    ['130000', '130100', true],
    ['130000', '140102', false],
    ['130100', '130102', true],
    ['130100', '130202', false],
    ['130102', '130102', true],
    ['130102', '130104', false],
    ['130102', '130100', false],
  ])('%s contains %s: %s', (scope, code, expected) => {
    expect(regionContains(scope, code)).toBe(expected);
  });

  it('lists the ancestors of a county', () => {
    expect(regionAncestors('130102')).toEqual(['130000', '130100']);
    expect(regionAncestors('130100')).toEqual(['130000']);
    expect(regionAncestors('130000')).toEqual([]);
  });
});
