import type TestAgent from 'supertest/lib/agent';
import { passingFacts } from '../factories/facts.factory';
import { registerEnterprise, type EnterpriseSession, type Session } from './actors';
import type { Authorities } from './authorities';
import type { TestApp } from './test-app';

export type { Authorities } from './authorities';

export const sendEvent = (
  http: TestAgent,
  id: string,
  session: Session,
  type: string,
  extra: object = {},
) =>
  http
    .post(`/api/v1/applications/${id}/events`)
    .set(session.auth)
    .send({ type, ...extra });

const expectOk = async (res: Promise<{ status: number; body: unknown }>, step: string) => {
  const r = await res;
  if (r.status !== 200 && r.status !== 201) {
    throw new Error(`${step} → ${r.status} ${JSON.stringify(r.body)}`);
  }
  return r.body as { id: string; state: string; deadlines: { id: string; dueAt: string }[] };
};

/** An innovative-SME application of a new enterprise, walked to the given point of the chain. */
export const walkInnovative = async (
  t: TestApp,
  a: Authorities,
  until: 'submitted' | 'localReview' | 'provincialReview' | 'publicNotice',
  owner?: EnterpriseSession,
) => {
  const enterprise = owner ?? (await registerEnterprise(t.http));
  const year = t.clock.now().getUTCFullYear();
  const created = await expectOk(
    t.http
      .post('/api/v1/applications')
      .set(enterprise.auth)
      .send({
        enterpriseId: enterprise.enterpriseId,
        tier: 'innovative_sme',
        facts: passingFacts(year),
      }),
    'create',
  );
  const steps: [Session, string, string][] = [
    [enterprise, 'submit', 'submitted'],
    [a.city, 'review.start', 'localReview'],
    [a.city, 'review.recommend', 'provincialReview'],
    [a.province, 'notice.publish', 'publicNotice'],
  ];
  let body = created;
  for (const [who, type, reached] of steps) {
    body = await expectOk(sendEvent(t.http, created.id, who, type), type);
    if (reached === until) break;
  }
  return { id: created.id, owner: enterprise, view: body };
};
