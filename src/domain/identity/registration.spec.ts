import { makeCreditCode } from '../../../test/factories/credit-code.factory';
import { registrationProblems } from './registration';
import { isReservedUsername, usernameKeyOf } from './username';

const LEAVES = new Set(['130102', '130104', '441900', '140105']);
const check = (overrides: Partial<Parameters<typeof registrationProblems>[0]>) =>
  registrationProblems(
    {
      creditCode: makeCreditCode('130102'),
      name: 'Shijiazhuang Bearing Works Co., Ltd.',
      regionCode: '130102',
      establishedOn: '2010-06-01',
      ...overrides,
    },
    { today: '2026-12-02', isLeafRegion: (code) => LEAVES.has(code) },
  ).map((p) => p.field);

describe('self-registration checks (L10)', () => {
  it.each([
    ['a county in the issuing province', {}, []],
    ['another county of the province', { regionCode: '130104' }, []],
    ['a province-level code', { regionCode: '130000' }, ['regionCode']],
    ['a city with counties', { regionCode: '130100' }, ['regionCode']],
    ['another province than the credit code’s', { regionCode: '140105' }, ['regionCode']],
    [
      'a city without counties, its own code issued',
      { regionCode: '441900', creditCode: makeCreditCode('441900') },
      [],
    ],
    ['established today', { establishedOn: '2026-12-02' }, []],
    ['established tomorrow', { establishedOn: '2026-12-03' }, ['establishedOn']],
    ['a NUL in the name', { name: 'Bearing\u0000Works' }, ['name']],
    ['a right-to-left override in the name', { name: 'Bearing \u202eskroW' }, ['name']],
    ['markup in the name', { name: '<script>alert(1)</script>' }, ['name']],
    ['Chinese and punctuation in the name', { name: '石家庄轴承制造有限公司（集团）& Co.' }, []],
  ] as const)('%s', (_name, overrides, fields) => {
    expect(check(overrides)).toEqual(fields);
  });
});

describe('usernames (L8)', () => {
  it.each([
    ['admin', 'admin'],
    ['Admin', 'admin'],
    ['ADMIN', 'admin'],
    ['admin.', 'admin'],
    ['ad-min', 'admin'],
    ['li_wei', 'liwei'],
  ])('%s has the skeleton %s', (username, key) => {
    expect(usernameKeyOf(username)).toBe(key);
  });

  it.each([
    ['Admin', true],
    ['sys-admin', true],
    ['Root', true],
    ['hebei-bearing', false],
  ])('%s is reserved: %s', (username, reserved) => {
    expect(isReservedUsername(username)).toBe(reserved);
  });
});
