import { randomBytes } from 'node:crypto';
import { makeCreditCode } from '../../test/factories/credit-code.factory';
import { passingFacts } from '../../test/factories/facts.factory';

const json = async <T>(
  port: number,
  method: string,
  path: string,
  body?: unknown,
  token?: string,
): Promise<T> => {
  const res = await fetch(`http://127.0.0.1:${port}${path}`, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${text}`);
  return JSON.parse(text) as T;
};

export const login = async (port: number, username: string, password: string): Promise<string> =>
  (await json<{ accessToken: string }>(port, 'POST', '/api/v1/auth/token', { username, password }))
    .accessToken;

const PASSWORD = 'bench-password-long';

/**
 * Through the API: an enterprise with `count` specialized-SME applications walked to provincial
 * review, a provincial expert (whose expert.review.record is a repeatable self-transition), and
 * tokens for both.
 */
export const seedOverHttp = async (port: number, adminPassword: string, count: number) => {
  const admin = await login(port, 'admin', adminPassword);
  const user = async (role: string, jurisdiction: object) => {
    const username = `${role}-${randomBytes(4).toString('hex')}`;
    await json(
      port,
      'POST',
      '/api/v1/users',
      { username, password: PASSWORD, role, jurisdiction },
      admin,
    );
    return login(port, username, PASSWORD);
  };
  const city = await user('reviewer', { level: 'city', regionCode: '130100' });
  const expert = await user('expert', { level: 'province', regionCode: '130000' });
  const username = `ent-${randomBytes(4).toString('hex')}`;
  const enterprise = await json<{ id: string }>(port, 'POST', '/api/v1/enterprises', {
    creditCode: makeCreditCode('130102'),
    name: 'Bench Works Co., Ltd.',
    regionCode: '130102',
    sector: 'industry',
    establishedOn: '2012-03-01',
    account: { username, password: PASSWORD },
  });
  const owner = await login(port, username, PASSWORD);
  const year = new Date().getUTCFullYear();
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const app = await json<{ id: string }>(
      port,
      'POST',
      '/api/v1/applications',
      {
        enterpriseId: enterprise.id,
        tier: 'specialized_sme',
        facts: passingFacts(year),
      },
      owner,
    );
    const event = (type: string, token: string) =>
      json(port, 'POST', `/api/v1/applications/${app.id}/events`, { type }, token);
    await event('submit', owner);
    await event('review.start', city);
    await event('review.recommend', city);
    ids.push(app.id);
  }
  return { ids, expertToken: expert };
};
