import { annualReport, passingFacts } from '../factories/facts.factory';
import { expectEveryApplicationReplays } from '../support/replay';
import { FakeClock } from '../support/fake-clock';
import { registerEnterprise, type Session } from '../support/actors';
import { sendEvent, walkInnovative } from '../support/journeys';
import { SchedulerService } from '../../src/modules/commands/scheduler.service';
import { OutboxRelay } from '../../src/modules/relay/outbox-relay.service';
import { startWithAuthorities, type Authorities } from '../support/authorities';
import type { TestApp } from '../support/test-app';

describe('calls and re-reviews', () => {
  let t: TestApp;
  let a: Authorities;
  let admin: Session;
  const runDue = () => t.app.get(SchedulerService).runDue();
  const getApp = async (id: string, who: Session) =>
    (await t.http.get(`/api/v1/applications/${id}`).set(who.auth).expect(200)).body;

  beforeAll(async () => {
    ({ t, a, admin } = await startWithAuthorities({
      clock: new FakeClock('2026-09-29T02:00:00.000Z'),
    }));
  });
  afterAll(() => t.close());
  beforeEach(() => t.clock.set('2026-09-29T02:00:00.000Z'));

  // Applications need an open call once calls exist: one long innovative-SME call for Hebei.
  beforeAll(async () => {
    t.clock.set('2026-09-01T00:00:00.000Z');
    await t.http
      .post('/api/v1/calls')
      .set(a.province.auth)
      .send({
        tier: 'innovative_sme',
        regionCode: '130000',
        year: 2026,
        opensAt: '2026-09-01T00:00:00.000Z',
        closesAt: '2028-12-31T16:00:00.000Z',
        noticeWorkingDays: 7,
      })
      .expect(201);
  });

  const certify = async () => {
    const app = await walkInnovative(t, a, 'publicNotice');
    const { deadlines } = await getApp(app.id, app.owner);
    t.clock.set(deadlines[0].dueAt);
    await runDue();
    const done = await getApp(app.id, app.owner);
    expect(done.state).toBe('certified');
    return { ...app, certificateId: done.certificateId as string };
  };

  const openReReviewCall = async (year: number) => {
    await t.http
      .post('/api/v1/calls')
      .set(a.province.auth)
      .send({
        tier: 'innovative_sme',
        regionCode: '130000',
        year,
        opensAt: t.clock.nowIso(),
        closesAt: '2029-12-31T16:00:00.000Z',
      })
      .expect(201);
    await runDue();
  };

  it('re-reviews a title in its expiry year: a pass extends it by three years', async () => {
    const c = await certify();
    t.clock.set('2027-03-01T02:00:00.000Z');
    await t.http
      .post(`/api/v1/certificates/${c.certificateId}/events`)
      .set(c.owner.auth)
      .send({ type: 'annualUpdate.submit', year: 2026, report: annualReport() })
      .expect(200);
    t.clock.set('2028-05-01T02:00:00.000Z');
    await t.http
      .post(`/api/v1/certificates/${c.certificateId}/events`)
      .set(c.owner.auth)
      .send({ type: 'annualUpdate.submit', year: 2027, report: annualReport() })
      .expect(200);
    t.clock.set('2029-03-01T02:00:00.000Z');
    await openReReviewCall(2029);
    const due = (await t.http.get(`/api/v1/certificates/${c.certificateId}`).set(c.owner.auth))
      .body;
    expect(due.status).toBe('reReviewDue');
    // The annual round: the opening is one audit event, and a batch lists the certificates it attached.
    const opened = await t.http
      .get('/api/v1/audit/events?type=call.opened&limit=500')
      .set(a.auditor.auth)
      .expect(200);
    const round = (opened.body.items as { data: { roundId: string; count: number } }[]).at(-1)!;
    expect(round.data.count).toBeGreaterThanOrEqual(1);
    const batch = await t.http
      .get(`/api/v1/batches/${round.data.roundId}`)
      .set(admin.auth)
      .expect(200);
    expect(batch.body).toMatchObject({ kind: 'round', status: 'done', total: round.data.count });
    expect(batch.body.items).toContainEqual({
      id: c.certificateId,
      ok: true,
      state: 'reReviewDue',
    });
    await t.http.get(`/api/v1/batches/${round.data.roundId}`).set(a.province.auth).expect(404);
    expect(due.allowedEvents).toContain('reReview.submit');
    const submitted = await t.http
      .post(`/api/v1/certificates/${c.certificateId}/events`)
      .set(c.owner.auth)
      .send({ type: 'reReview.submit', facts: passingFacts(2029) })
      .expect(200);
    expect(submitted.body).toMatchObject({ status: 'underReReview' });
    const reApp = submitted.body.reReviewApplication;
    expect(reApp).toMatchObject({
      state: 'submitted',
      reReviewOf: c.certificateId,
      ruleSet: 'v2026',
    });
    for (const [who, type] of [
      [a.city, 'review.start'],
      [a.city, 'review.recommend'],
      [a.province, 'notice.publish'],
    ] as const) {
      await sendEvent(t.http, reApp.id, who, type).expect(200);
    }
    const { deadlines } = await getApp(reApp.id, c.owner);
    t.clock.set(deadlines[0].dueAt);
    await runDue();
    const renewed = (await t.http.get(`/api/v1/certificates/${c.certificateId}`).set(c.owner.auth))
      .body;
    expect(renewed).toMatchObject({
      status: 'active',
      validFrom: '2026-10-15',
      validTo: '2032-10-14',
    });
    expect((await getApp(reApp.id, c.owner)).certificateId).toBe(c.certificateId);
  });

  it('reminds the enterprise of its annual update 30 days before it falls due, until it is filed', async () => {
    const c = await certify();
    const cert = async () =>
      (await t.http.get(`/api/v1/certificates/${c.certificateId}`).set(c.owner.auth).expect(200))
        .body;
    const inbox = async () =>
      (
        await t.http.get('/api/v1/me/notifications').set(c.owner.auth).expect(200)
      ).body.items.filter((n: { type: string }) => n.type === 'annual_update.due');
    const { annualUpdateDue } = await cert();
    expect(annualUpdateDue).toEqual({
      year: 2026,
      dueAt: '2027-05-31T16:00:00.000Z',
      remindAt: '2027-05-01T16:00:00.000Z',
    });

    // Not before its day.
    t.clock.set('2027-05-01T15:59:00.000Z');
    await runDue();
    await t.app.get(OutboxRelay).runOnce();
    expect(await inbox()).toEqual([]);

    t.clock.set('2027-05-01T16:00:00.000Z');
    await runDue();
    await t.app.get(OutboxRelay).runOnce();
    const [reminder, ...more] = await inbox();
    expect(more).toEqual([]);
    expect(reminder).toMatchObject({
      subject: { kind: 'certificate', id: c.certificateId },
      title: 'Annual update due',
      body: 'Submit the annual update for 2026 by 2027-05-31.',
    });
    const history = await t.http
      .get(`/api/v1/audit/events?certificateId=${c.certificateId}`)
      .set(a.auditor.auth)
      .expect(200);
    expect(
      history.body.items.filter((e: { event: string }) => e.event === 'annualUpdate.remind'),
    ).toMatchObject([
      { actor: { role: 'system' }, fromState: 'active', toState: 'active', data: { year: 2026 } },
    ]);
    expect((await cert()).status).toBe('active');

    // Filed: the next year's reminder is scheduled, and this year's is not sent again.
    await t.http
      .post(`/api/v1/certificates/${c.certificateId}/events`)
      .set(c.owner.auth)
      .send({ type: 'annualUpdate.submit', year: 2026, report: annualReport() })
      .expect(200);
    expect((await cert()).annualUpdateDue).toEqual({
      year: 2027,
      dueAt: '2028-05-31T16:00:00.000Z',
      remindAt: '2028-05-01T16:00:00.000Z',
    });
    await runDue();
    await t.app.get(OutboxRelay).runOnce();
    expect(await inbox()).toHaveLength(1);
  });

  it('re-reviews a title in its expiry year: a rejection ends it', async () => {
    const c = await certify();
    t.clock.set('2029-03-01T02:00:00.000Z');
    await openReReviewCall(2029);
    // Annual updates were missed: the right to re-review is forfeited.
    const forfeited = await t.http
      .post(`/api/v1/certificates/${c.certificateId}/events`)
      .set(c.owner.auth)
      .send({ type: 'reReview.submit', facts: passingFacts(2029) })
      .expect(409);
    expect(forfeited.body.code).toBe('INVALID_TRANSITION');
  });

  it('ends a title whose re-review is rejected', async () => {
    const c = await certify();
    for (const year of [2026, 2027, 2028]) {
      // Each data year's figures, filed early in the next year (M1: once the year has ended).
      t.clock.set(`${year + 1}-02-01T02:00:00.000Z`);
      await t.http
        .post(`/api/v1/certificates/${c.certificateId}/events`)
        .set(c.owner.auth)
        .send({ type: 'annualUpdate.submit', year, report: annualReport() })
        .expect(200);
    }
    t.clock.set('2029-03-01T02:00:00.000Z');
    await openReReviewCall(2029);
    const submitted = await t.http
      .post(`/api/v1/certificates/${c.certificateId}/events`)
      .set(c.owner.auth)
      .send({ type: 'reReview.submit', facts: passingFacts(2029) })
      .expect(200);
    const reApp = submitted.body.reReviewApplication;
    await sendEvent(t.http, reApp.id, a.city, 'review.start').expect(200);
    await sendEvent(t.http, reApp.id, a.city, 'review.reject', {
      reasons: ['No longer qualifies'],
    }).expect(200);
    const ended = (await t.http.get(`/api/v1/certificates/${c.certificateId}`).set(c.owner.auth))
      .body;
    expect(ended.status).toBe('expired');
  });

  it('takes applications only while a call is open, and refuses submission after it closes', async () => {
    const hebeiCall = await t.http
      .post('/api/v1/calls')
      .set(a.province.auth)
      .send({
        tier: 'specialized_sme',
        regionCode: '130000',
        year: 2026,
        opensAt: '2026-09-01T00:00:00.000Z',
        closesAt: '2026-10-20T16:00:00.000Z',
        noticeWorkingDays: 7,
      })
      .expect(201);
    await t.http
      .post('/api/v1/calls')
      .set(a.province.auth)
      .send({
        tier: 'little_giant',
        regionCode: '130000',
        year: 2026,
        opensAt: '2026-09-01T00:00:00.000Z',
        closesAt: '2026-10-01T00:00:00.000Z',
      })
      .expect(403);
    await t.http
      .post('/api/v1/calls')
      .set(a.province.auth)
      .send({
        tier: 'specialized_sme',
        regionCode: '130000',
        year: 2026,
        opensAt: '2026-10-01T00:00:00.000Z',
        closesAt: '2026-09-01T00:00:00.000Z',
      })
      .expect(400);
    const open = await t.http
      .get('/api/v1/calls?tier=specialized_sme&open=true')
      .set(a.city.auth)
      .expect(200);
    expect(open.body.items.map((c: { id: string }) => c.id)).toContain(hebeiCall.body.id);

    const c = await certify();
    t.clock.set('2026-09-29T02:00:00.000Z');
    const e2 = await certify();
    t.clock.set('2026-10-21T02:00:00.000Z');
    const none = await t.http
      .post('/api/v1/applications')
      .set(c.owner.auth)
      .send({
        enterpriseId: c.owner.enterpriseId,
        tier: 'specialized_sme',
        facts: passingFacts(2026),
      })
      .expect(422);
    expect(none.body.code).toBe('NO_OPEN_CALL');

    t.clock.set('2026-10-15T10:00:00.000Z');
    const inCall = await t.http
      .post('/api/v1/applications')
      .set(e2.owner.auth)
      .send({
        enterpriseId: e2.owner.enterpriseId,
        tier: 'specialized_sme',
        facts: passingFacts(2026),
      })
      .expect(201);
    expect(inCall.body.callId).toBe(hebeiCall.body.id);
    t.clock.set('2026-10-20T16:00:00.001Z');
    const late = await sendEvent(t.http, inCall.body.id, e2.owner, 'submit').expect(422);
    expect(late.body.code).toBe('CALL_CLOSED');
  });

  it('uses the notice length of the call', async () => {
    const e = await registerEnterprise(t.http);
    const app = await walkInnovative(t, a, 'publicNotice', e);
    expect(app.view).toMatchObject({ callId: expect.any(String) });
    // 7 working days from Tue 29 Sep: 30 Sep, 8, 9, 10 (make-up), 12, 13, 14 Oct.
    expect(app.view.deadlines[0]?.dueAt).toBe('2026-10-14T16:00:00.000Z');
  });

  it('replays every application it created, from the audit history, to its stored state', () =>
    expectEveryApplicationReplays(t));
});
