import type { Actor, Level } from '../access/roles';
import { DomainError } from '../errors';
import {
  decideJoinCluster,
  decideSetTarget,
  mayCreateCluster,
  maySetTarget,
  type ClusterRecord,
} from './targets-and-clusters';

const reviewer = (level: Level, regionCode?: string): Actor => ({
  kind: 'user',
  id: `r-${level}`,
  role: 'reviewer',
  jurisdiction: regionCode ? { level, regionCode } : { level },
});
const admin: Actor = { kind: 'user', id: 'admin', role: 'admin' };
const auditor: Actor = {
  kind: 'user',
  id: 'aud',
  role: 'auditor',
  jurisdiction: { level: 'province', regionCode: '130000' },
};
const AT = '2026-05-11T02:00:00.000Z';

describe('who sets a target', () => {
  it.each([
    ['a county reviewer, its county', reviewer('county', '130102'), '130102', true],
    ['a county reviewer, another county', reviewer('county', '130102'), '130104', false],
    ['a county reviewer, its city', reviewer('county', '130102'), '130100', false],
    ['a city reviewer, its city', reviewer('city', '130100'), '130100', true],
    ['a city reviewer, a county of its city', reviewer('city', '130100'), '130102', false],
    ['a province reviewer, its province', reviewer('province', '130000'), '130000', true],
    ['a national reviewer, a province', reviewer('national'), '130000', false],
    ['an operator, anywhere', admin, '130102', true],
    ['an auditor', auditor, '130000', false],
  ])('%s → %s', (_, actor, region, allowed) => {
    expect(maySetTarget(actor, region)).toBe(allowed);
  });

  it('records the previous count in the audit event and bumps the version', () => {
    const command = {
      subject: 'target' as const,
      kind: 'set' as const,
      id: '2026/innovative_sme/130100',
      year: 2026,
      tier: 'innovative_sme' as const,
      regionCode: '130100',
      count: 20,
      actor: reviewer('city', '130100'),
      requestId: null,
    };
    const first = decideSetTarget({ command, current: undefined, at: AT });
    expect(first.write).toEqual({ insert: expect.objectContaining({ count: 20, version: 1 }) });
    expect(first.audit?.data).toMatchObject({ count: 20, previous: null });
    const current = { ...command, setBy: 'x', setAt: AT, version: 1, count: 12 };
    const second = decideSetTarget({ command, current, at: AT });
    expect(second.write).toEqual({ update: expect.objectContaining({ count: 20, version: 2 }) });
    expect(second.audit?.data).toMatchObject({ count: 20, previous: 12 });
    expect(() =>
      decideSetTarget({ command: { ...command, actor: auditor }, current, at: AT }),
    ).toThrow(DomainError);
  });
});

describe('clusters', () => {
  const cluster: ClusterRecord = {
    id: 'c1',
    name: 'Bearings',
    regionCode: '130102',
    industry: null,
    createdBy: 'r',
    createdAt: AT,
  };
  const join = (actor: Actor, enterpriseRegion: string | null, current?: boolean) =>
    decideJoinCluster({
      command: {
        subject: 'clusterMember',
        kind: 'join',
        id: 'c1:e1',
        clusterId: 'c1',
        enterpriseId: 'e1',
        leader: true,
        actor,
        requestId: null,
      },
      cluster,
      enterprise:
        enterpriseRegion === null ? undefined : { id: 'e1', regionCode: enterpriseRegion },
      current:
        current === undefined
          ? undefined
          : {
              id: 'c1:e1',
              clusterId: 'c1',
              enterpriseId: 'e1',
              leader: current,
              decidedBy: 'r',
              joinedAt: AT,
            },
      at: AT,
    });
  const codeOf = (f: () => unknown) => {
    try {
      f();
      return 'ok';
    } catch (error) {
      return (error as DomainError).code;
    }
  };

  it.each([
    ['a reviewer over the region', reviewer('city', '130100'), '130102', undefined, 'ok'],
    [
      'a reviewer of another county',
      reviewer('county', '130104'),
      '130102',
      undefined,
      'NOT_FOUND',
    ],
    ['an auditor (sees, decides nothing)', auditor, '130102', undefined, 'FORBIDDEN'],
    ['an operator', admin, '130102', undefined, 'FORBIDDEN'],
    [
      'an enterprise outside the region',
      reviewer('city', '130100'),
      '130104',
      undefined,
      'RULE_NOT_MET',
    ],
    ['an unknown enterprise', reviewer('city', '130100'), null, undefined, 'RULE_NOT_MET'],
    ['already a leader', reviewer('city', '130100'), '130102', true, 'DUPLICATE'],
    ['a member made a leader', reviewer('city', '130100'), '130102', false, 'ok'],
  ])('%s → %s', (_, actor, region, current, expected) => {
    expect(codeOf(() => join(actor, region, current))).toBe(expected);
  });

  it.each([
    [reviewer('county', '130102'), '130102', true],
    [reviewer('county', '130102'), '130100', false],
    [reviewer('national'), '130102', true],
    [admin, '130102', true],
    [auditor, '130102', false],
  ])('setting up a cluster: %j in %s → %s', (actor, region, allowed) => {
    expect(mayCreateCluster(actor, region)).toBe(allowed);
  });
});
