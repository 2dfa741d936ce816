import { canViewCertificate, maySendToCertificate } from './certificate-access';
import type { Actor } from './roles';

const cert = { enterpriseId: 'e1', regionCode: '130102', tier: 'specialized_sme' as const };
const lg = { ...cert, tier: 'little_giant' as const };
const owner: Actor = { kind: 'user', id: 'u', role: 'enterprise', enterpriseId: 'e1' };
const other: Actor = { kind: 'user', id: 'u', role: 'enterprise', enterpriseId: 'e2' };
const province: Actor = {
  kind: 'user',
  id: 'p',
  role: 'reviewer',
  jurisdiction: { level: 'province', regionCode: '130000' },
};
const otherProvince: Actor = {
  kind: 'user',
  id: 'p',
  role: 'reviewer',
  jurisdiction: { level: 'province', regionCode: '140000' },
};
const city: Actor = {
  kind: 'user',
  id: 'c',
  role: 'reviewer',
  jurisdiction: { level: 'city', regionCode: '130100' },
};
const miit: Actor = {
  kind: 'user',
  id: 'm',
  role: 'reviewer',
  jurisdiction: { level: 'national' },
};
const system: Actor = { kind: 'system', id: 'system', role: 'system' };

describe('certificate access', () => {
  it.each([
    [owner, true],
    [other, false],
    [city, true],
    [otherProvince, false],
    [miit, true],
  ])('visibility %#', (actor, expected) => expect(canViewCertificate(actor, cert)).toBe(expected));

  it.each([
    ['owner files its annual update', owner, 'annualUpdate.submit', cert, true],
    ['another enterprise files', other, 'annualUpdate.submit', cert, false],
    ['owner revokes', owner, 'revoke', cert, false],
    ['province revokes a specialized title', province, 'revoke', cert, true],
    ['province of elsewhere revokes', otherProvince, 'revoke', cert, false],
    ['city revokes', city, 'revoke', cert, false],
    ['province revokes a little giant', province, 'revoke', lg, false],
    ['MIIT revokes a little giant', miit, 'revoke', lg, true],
    ['province accepts a change', province, 'change.accept', cert, true],
    ['system expires', system, 'deadline.expired', cert, true],
    ['province expires', province, 'deadline.expired', cert, false],
    ['system cascades a revocation', system, 'revoke', cert, true],
  ] as const)('%s → %s', (_l, actor, type, c, expected) => {
    expect(maySendToCertificate(actor, type, c)).toBe(expected);
  });
});
