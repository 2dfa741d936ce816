import {
  admin,
  auditor,
  city,
  enterpriseUser,
  expert,
  member,
  miit,
  province,
  system,
} from '../../../test/factories/actors.factory';
import {
  admits,
  applicationScopeOf,
  auditScopeOf,
  certificateScopeOf,
  narrowToRegion,
} from './list-scope';

const PROVINCIAL_STAGE = [
  'provincialReview',
  'onSiteCheck',
  'expertReview',
  'publicNotice',
  'objectionReview',
];
const NATIONAL_STAGE = [
  'recommendedToMiit',
  'nationalReview',
  'nationalOnSiteCheck',
  'nationalNotice',
  'nationalObjectionReview',
];

describe('list scopes: what each actor may list, as data the repositories turn into SQL', () => {
  it.each([
    ['an enterprise user: its own', enterpriseUser('e1'), { enterpriseId: 'e1' }],
    ['a city reviewer: its city', city, { regionPrefix: '1301' }],
    ['a provincial reviewer: its province', province, { regionPrefix: '13' }],
    ['MIIT: everything', miit, {}],
    ['a provincial auditor: its province', auditor('province', '130000'), { regionPrefix: '13' }],
    [
      'a provincial expert: its province, in provincial review only',
      expert('province', '130000'),
      { regionPrefix: '13', states: PROVINCIAL_STAGE },
    ],
    [
      'a national expert: provincial and national review, everywhere',
      expert('national'),
      { states: [...PROVINCIAL_STAGE, ...NATIONAL_STAGE] },
    ],
    ['an admin: everything', admin, {}],
    ['the scheduler: everything', system, {}],
    ['the public: what is on notice', member(), { states: ['publicNotice', 'nationalNotice'] }],
    ['a reviewer without a jurisdiction: nothing', { ...city, jurisdiction: undefined }, null],
  ] as const)('applications, %s', (_name, actor, expected) => {
    const scope = applicationScopeOf(actor);
    if (expected === null || !('states' in expected)) {
      expect(scope).toEqual(expected);
    } else {
      expect(scope?.regionPrefix).toEqual(
        'regionPrefix' in expected ? expected.regionPrefix : undefined,
      );
      expect([...(scope?.states ?? [])].sort()).toEqual([...expected.states].sort());
    }
  });

  it.each([
    ['an enterprise user', enterpriseUser('e1'), { enterpriseId: 'e1' }],
    ['a provincial expert', expert('province', '130000'), { regionPrefix: '13' }],
    ['the public', member(), null],
  ] as const)('certificates, %s', (_name, actor, expected) => {
    expect(certificateScopeOf(actor)).toEqual(expected);
  });

  it.each([
    ['an auditor', auditor('city', '130100'), { regionPrefix: '1301' }],
    ['a national auditor', auditor('national'), {}],
    ['an admin', admin, {}],
    ['a reviewer', province, null],
  ] as const)('the audit log, %s', (_name, actor, expected) => {
    expect(auditScopeOf(actor)).toEqual(expected);
  });

  it.each([
    [{ regionPrefix: '13' }, { enterpriseId: 'e1', regionCode: '130102', state: 'draft' }, true],
    [{ regionPrefix: '1301' }, { enterpriseId: 'e1', regionCode: '130202', state: 'draft' }, false],
    [{ enterpriseId: 'e1' }, { enterpriseId: 'e2', regionCode: '130102', state: 'draft' }, false],
    [{ states: ['publicNotice'] }, { enterpriseId: 'e1', regionCode: '1', state: 'draft' }, false],
    [{}, { enterpriseId: 'e1', regionCode: '130102' }, true],
    [null, { enterpriseId: 'e1', regionCode: '130102' }, false],
  ] as const)('admits(%o, %o) = %s', (scope, row, expected) => {
    expect(admits(scope, row)).toBe(expected);
  });

  it.each([
    ['a county inside the province', { regionPrefix: '13' }, '130102', { regionPrefix: '130102' }],
    ['the province around the city', { regionPrefix: '1301' }, '130000', { regionPrefix: '1301' }],
    ['another province', { regionPrefix: '13' }, '140000', null],
    ['any region for everything', {}, '140105', { regionPrefix: '140105' }],
  ] as const)('narrowing to %s', (_name, scope, region, expected) => {
    expect(narrowToRegion(scope, region)).toEqual(expected);
  });
});
