import { randomBytes } from 'node:crypto';
import type TestAgent from 'supertest/lib/agent';
import type { Level, Role } from '../../src/domain/access/roles';
import { makeCreditCode } from '../factories/credit-code.factory';
import { ADMIN } from './test-app';

export type Session = { token: string; id: string; auth: { Authorization: string } };

const unique = () => randomBytes(4).toString('hex');

export const login = async (
  http: TestAgent,
  username: string,
  password: string,
): Promise<Session> => {
  const res = await http.post('/api/v1/auth/token').send({ username, password }).expect(200);
  const token = (res.body as { accessToken: string }).accessToken;
  const me = await http.get('/api/v1/me').set('Authorization', `Bearer ${token}`).expect(200);
  return { token, id: (me.body as { id: string }).id, auth: { Authorization: `Bearer ${token}` } };
};

export const loginAdmin = (http: TestAgent) => login(http, ADMIN.username, ADMIN.password);

export const createUser = async (
  http: TestAgent,
  admin: Session,
  role: Role,
  jurisdiction?: { level: Level; regionCode?: string },
): Promise<Session & { username: string }> => {
  const username = `${role}-${unique()}`;
  const password = 'a-long-enough-password';
  await http
    .post('/api/v1/users')
    .set(admin.auth)
    .send({ username, password, role, ...(jurisdiction ? { jurisdiction } : {}) })
    .expect(201);
  return { ...(await login(http, username, password)), username };
};

export type EnterpriseSession = Session & {
  enterpriseId: string;
  creditCode: string;
  username: string;
};

export const registerEnterprise = async (
  http: TestAgent,
  overrides: { regionCode?: string; sector?: string; name?: string } = {},
): Promise<EnterpriseSession> => {
  const regionCode = overrides.regionCode ?? '130102';
  const creditCode = makeCreditCode(regionCode);
  const username = `ent-${unique()}`;
  const password = 'a-long-enough-password';
  const res = await http
    .post('/api/v1/enterprises')
    .send({
      creditCode,
      name: overrides.name ?? `Hebei Precision Parts ${unique()} Co., Ltd.`,
      regionCode,
      sector: overrides.sector ?? 'industry',
      establishedOn: '2012-03-01',
      account: { username, password },
    })
    .expect(201);
  const session = await login(http, username, password);
  return { ...session, enterpriseId: (res.body as { id: string }).id, creditCode, username };
};

/** The authorities of Shijiazhuang's Chang'an district, Hebei, and MIIT. */
export const createAuthorities = async (http: TestAgent, admin: Session) => ({
  county: await createUser(http, admin, 'reviewer', { level: 'county', regionCode: '130102' }),
  city: await createUser(http, admin, 'reviewer', { level: 'city', regionCode: '130100' }),
  province: await createUser(http, admin, 'reviewer', { level: 'province', regionCode: '130000' }),
  national: await createUser(http, admin, 'reviewer', { level: 'national' }),
  provincialExpert: await createUser(http, admin, 'expert', {
    level: 'province',
    regionCode: '130000',
  }),
  nationalExpert: await createUser(http, admin, 'expert', { level: 'national' }),
  otherCity: await createUser(http, admin, 'reviewer', { level: 'city', regionCode: '130200' }),
  otherProvince: await createUser(http, admin, 'reviewer', {
    level: 'province',
    regionCode: '140000',
  }),
  auditor: await createUser(http, admin, 'auditor', { level: 'province', regionCode: '130000' }),
});
