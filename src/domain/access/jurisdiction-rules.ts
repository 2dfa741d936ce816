import { regionLevelOf } from './region';
import type { Jurisdiction, Level, Role } from './roles';

const REGION_LEVEL_OF: Record<Exclude<Level, 'national'>, ReturnType<typeof regionLevelOf>> = {
  county: 'county',
  city: 'city',
  province: 'province',
};

const EXPERT_LEVELS: readonly Level[] = ['province', 'national'];

/**
 * Problems with a user's role, enterprise and jurisdiction, as field messages. A reviewer's region
 * must be of its level (a city reviewer holds a prefecture code); national has no region.
 */
export const userShapeProblems = (input: {
  role: Role;
  enterpriseId?: string;
  jurisdiction?: Jurisdiction;
}): { field: string; message: string }[] => {
  const problems: { field: string; message: string }[] = [];
  const { role, enterpriseId, jurisdiction } = input;
  if (role === 'enterprise') {
    if (!enterpriseId)
      problems.push({ field: 'enterpriseId', message: 'enterprise users need enterpriseId' });
  } else if (enterpriseId) {
    problems.push({ field: 'enterpriseId', message: `a ${role} has no enterpriseId` });
  }
  if (role === 'reviewer' || role === 'expert' || role === 'auditor') {
    if (!jurisdiction) {
      problems.push({ field: 'jurisdiction', message: `a ${role} needs a jurisdiction` });
      return problems;
    }
    if (role === 'expert' && !EXPERT_LEVELS.includes(jurisdiction.level)) {
      problems.push({
        field: 'jurisdiction.level',
        message: 'experts sit on provincial or national panels',
      });
    }
    if (jurisdiction.level === 'national') {
      if (jurisdiction.regionCode) {
        problems.push({
          field: 'jurisdiction.regionCode',
          message: 'national jurisdiction has no regionCode',
        });
      }
    } else if (!jurisdiction.regionCode) {
      problems.push({
        field: 'jurisdiction.regionCode',
        message: `${jurisdiction.level} jurisdiction needs a regionCode`,
      });
    } else if (regionLevelOf(jurisdiction.regionCode) !== REGION_LEVEL_OF[jurisdiction.level]) {
      problems.push({
        field: 'jurisdiction.regionCode',
        message: `${jurisdiction.regionCode} is not a ${jurisdiction.level}-level region code`,
      });
    }
  } else if (jurisdiction) {
    problems.push({ field: 'jurisdiction', message: `a ${role} has no jurisdiction` });
  }
  return problems;
};
