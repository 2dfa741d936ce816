import { SYSTEM_ACTOR } from '../../src/domain/access/roles';
import { expectEveryApplicationReplays } from '../support/replay';
import type { Tier } from '../../src/domain/certification/tier';
import { ApplicationCommands } from '../../src/modules/commands/application-commands.service';
import { passingFacts } from '../factories/facts.factory';
import { registerEnterprise, type EnterpriseSession } from '../support/actors';
import { expectChained } from '../support/history';
import { startWithAuthorities, type Authorities } from '../support/authorities';
import type { TestApp } from '../support/test-app';

type Step = {
  who: keyof Authorities | 'enterprise' | 'scheduler';
  type: string;
  to: string;
  data?: Record<string, unknown>;
};

const PATHS: Record<Tier, Step[]> = {
  innovative_sme: [
    { who: 'enterprise', type: 'submit', to: 'submitted' },
    { who: 'city', type: 'review.start', to: 'localReview' },
    { who: 'city', type: 'review.recommend', to: 'provincialReview' },
    { who: 'province', type: 'notice.publish', to: 'publicNotice' },
    { who: 'scheduler', type: 'deadline.expired', to: 'certified' },
  ],
  specialized_sme: [
    { who: 'enterprise', type: 'submit', to: 'submitted' },
    { who: 'county', type: 'review.start', to: 'localReview' },
    { who: 'city', type: 'review.recommend', to: 'provincialReview' },
    { who: 'provincialExpert', type: 'expert.review.record', to: 'provincialReview' },
    // The experts confirm the niche position the enterprise claims (v2026 condition 7).
    {
      who: 'provincialExpert',
      type: 'facts.confirm',
      to: 'provincialReview',
      data: { nicheMarketLeading: true },
    },
    { who: 'province', type: 'inspection.schedule', to: 'onSiteCheck' },
    { who: 'province', type: 'inspection.record', to: 'provincialReview' },
    { who: 'province', type: 'notice.publish', to: 'publicNotice' },
    { who: 'scheduler', type: 'deadline.expired', to: 'certified' },
  ],
  little_giant: [
    { who: 'enterprise', type: 'submit', to: 'submitted' },
    { who: 'city', type: 'review.start', to: 'localReview' },
    { who: 'city', type: 'review.recommend', to: 'provincialReview' },
    { who: 'provincialExpert', type: 'expert.review.record', to: 'provincialReview' },
    // The experts confirm the field and the chain support the enterprise claims (condition 9).
    {
      who: 'provincialExpert',
      type: 'facts.confirm',
      to: 'provincialReview',
      data: { keyProductField: true, chainSupport: true },
    },
    { who: 'province', type: 'notice.publish', to: 'publicNotice' },
    { who: 'scheduler', type: 'deadline.expired', to: 'recommendedToMiit' },
    { who: 'national', type: 'review.start', to: 'nationalReview' },
    { who: 'nationalExpert', type: 'expert.review.record', to: 'nationalReview' },
    { who: 'national', type: 'inspection.schedule', to: 'nationalOnSiteCheck' },
    { who: 'national', type: 'inspection.record', to: 'nationalReview' },
    { who: 'national', type: 'notice.publish', to: 'nationalNotice' },
    { who: 'scheduler', type: 'deadline.expired', to: 'certified' },
  ],
};

describe('each tier from draft to certified', () => {
  let t: TestApp;
  let authorities: Authorities;
  let enterprise: EnterpriseSession;

  beforeAll(async () => {
    ({ t, a: authorities } = await startWithAuthorities());
    enterprise = await registerEnterprise(t.http);
  });
  afterAll(() => t.close());

  it.each(Object.keys(PATHS) as Tier[])('%s', async (tier) => {
    const created = await t.http
      .post('/api/v1/applications')
      .set(enterprise.auth)
      .send({ enterpriseId: enterprise.enterpriseId, tier, facts: passingFacts(2026) })
      .expect(201);
    const id = (created.body as { id: string }).id;
    expect(created.body).toMatchObject({ state: 'draft', version: 1, tier, ruleSet: 'v2026' });
    expect(created.body.allowedEvents).toEqual(['submit', 'withdraw']);
    expect(created.headers.etag).toBe('"1"');

    let previous = 'draft';
    for (const step of PATHS[tier]) {
      let body: { state: string; deadlines: { dueAt: string }[] };
      if (step.who === 'scheduler') {
        const current = await t.http
          .get(`/api/v1/applications/${id}`)
          .set(enterprise.auth)
          .expect(200);
        const [deadline] = (current.body as { deadlines: { dueAt: string; event: string }[] })
          .deadlines;
        expect(deadline?.event).toBe('deadline.expired');
        t.clock.set(deadline!.dueAt);
        body = await t.app.get(ApplicationCommands).send({
          id,
          type: 'deadline.expired',
          actor: SYSTEM_ACTOR,
          requestId: null,
        });
      } else {
        const session = step.who === 'enterprise' ? enterprise : authorities[step.who];
        const res = await t.http
          .post(`/api/v1/applications/${id}/events`)
          .set(session.auth)
          .send({
            type: step.type,
            comment: `${step.type} by ${step.who}`,
            ...(step.data ? { data: step.data } : {}),
          });
        expect({ step: step.type, status: res.status, body: res.body }).toMatchObject({
          status: 200,
        });
        body = res.body as typeof body;
      }
      expect({ step: step.type, state: body.state }).toEqual({ step: step.type, state: step.to });
      if (step.type === 'notice.publish') expect(body.deadlines).toHaveLength(1);
      previous = step.to;
    }
    expect(previous).toBe('certified');

    const history = await t.http
      .get(`/api/v1/applications/${id}/history`)
      .set(authorities.auditor.auth)
      .expect(200);
    const items = history.body.items as {
      event: string;
      fromState: string | null;
      toState: string | null;
      seq: number;
      prevHash: string;
      hash: string;
    }[];
    expect(items.map((e) => e.event)).toEqual([
      'application.create',
      ...PATHS[tier].map((s) => s.type),
    ]);
    expect(items.map((e) => [e.fromState, e.toState])).toEqual([
      [null, 'draft'],
      ...PATHS[tier].map((s, i) => [i === 0 ? 'draft' : PATHS[tier][i - 1]!.to, s.to]),
    ]);
    expectChained(history.body.items);
    const verify = await t.http
      .get('/api/v1/audit/verify')
      .set(authorities.auditor.auth)
      .expect(200);
    expect(verify.body).toMatchObject({ ok: true });
    expect(verify.body.eventsChecked).toBeGreaterThanOrEqual(items.length);
  });

  it('replays every application it created, from the audit history, to its stored state', () =>
    expectEveryApplicationReplays(t));
});
