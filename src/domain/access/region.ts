// GB/T 2260 codes are 6 digits: 2 for the province, 2 for the prefecture, 2 for the county.
// A province code ends in 0000 and a prefecture code in 00; a region contains every code that
// shares its significant prefix.

export const REGION_CODE_PATTERN = /^[1-9]\d{5}$/;

export type RegionLevel = 'province' | 'city' | 'county';

export const regionLevelOf = (code: string): RegionLevel => {
  if (code.endsWith('0000')) return 'province';
  if (code.endsWith('00')) return 'city';
  return 'county';
};

/** The significant prefix of a region code: '13' for 130000, '1301' for 130100. */
export const regionPrefix = (code: string): string => {
  switch (regionLevelOf(code)) {
    case 'province':
      return code.slice(0, 2);
    case 'city':
      return code.slice(0, 4);
    case 'county':
      return code;
  }
};

export const regionContains = (scope: string, code: string): boolean =>
  code.startsWith(regionPrefix(scope));

/** The region codes above a code, nearest last: 130102 → [130000, 130100]. */
export const regionAncestors = (code: string): string[] => {
  const level = regionLevelOf(code);
  if (level === 'province') return [];
  const province = `${code.slice(0, 2)}0000`;
  if (level === 'city') return [province];
  return [province, `${code.slice(0, 4)}00`];
};
