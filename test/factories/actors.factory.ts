import type { Actor, Level } from '../../src/domain/access/roles';

/** Actors as the domain sees them, for deciders' and access tables' tests. */
export const enterpriseUser = (enterpriseId = 'e1'): Actor => ({
  kind: 'user',
  id: `user-of-${enterpriseId}`,
  role: 'enterprise',
  enterpriseId,
});

export const reviewer = (level: Level, regionCode?: string): Actor => ({
  kind: 'user',
  id: `reviewer-${level}-${regionCode ?? 'cn'}`,
  role: 'reviewer',
  jurisdiction: { level, ...(regionCode ? { regionCode } : {}) },
});

export const expert = (level: Level, regionCode?: string): Actor => ({
  kind: 'user',
  id: `expert-${level}-${regionCode ?? 'cn'}`,
  role: 'expert',
  jurisdiction: { level, ...(regionCode ? { regionCode } : {}) },
});

export const auditor = (level: Level, regionCode?: string): Actor => ({
  kind: 'user',
  id: `auditor-${level}-${regionCode ?? 'cn'}`,
  role: 'auditor',
  jurisdiction: { level, ...(regionCode ? { regionCode } : {}) },
});

export const admin: Actor = { kind: 'user', id: 'admin', role: 'admin' };
export const system: Actor = { kind: 'system', id: 'system', role: 'system' };
export const member = (id = 'objection:1'): Actor => ({ kind: 'public', id, role: 'public' });

/** The authorities over Chang'an district (130102), Shijiazhuang (130100), Hebei, and MIIT. */
export const county = reviewer('county', '130102');
export const city = reviewer('city', '130100');
export const province = reviewer('province', '130000');
export const miit = reviewer('national');
