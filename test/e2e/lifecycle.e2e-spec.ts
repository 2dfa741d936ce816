import { annualReport, passingFacts } from '../factories/facts.factory';
import { expectEveryApplicationReplays } from '../support/replay';
import { FakeClock } from '../support/fake-clock';
import { type Session } from '../support/actors';
import { sendEvent, walkInnovative } from '../support/journeys';
import { SchedulerService } from '../../src/modules/commands/scheduler.service';
import { startWithAuthorities, type Authorities } from '../support/authorities';
import type { TestApp } from '../support/test-app';

describe('lifecycle in time: notices, objections, deadlines, certificates', () => {
  let t: TestApp;
  let admin: Session;
  let a: Authorities;
  const runDue = () => t.app.get(SchedulerService).runDue();
  const getApp = async (id: string, who: Session) =>
    (await t.http.get(`/api/v1/applications/${id}`).set(who.auth).expect(200)).body;

  beforeAll(async () => {
    ({ t, admin, a } = await startWithAuthorities({
      clock: new FakeClock('2026-09-29T02:00:00.000Z'),
    }));
  });
  afterAll(() => t.close());
  beforeEach(() => t.clock.set('2026-09-29T02:00:00.000Z'));

  it('ends a notice over the National Day holiday on its 5th working day, make-up Saturday counted', async () => {
    const app = await walkInnovative(t, a, 'publicNotice');
    // Published Tue 29 Sep: 30 Sep, (1–7 Oct off), 8, 9, Sat 10 Oct (make-up day), 12 Oct.
    expect(app.view.deadlines).toEqual([
      expect.objectContaining({ purpose: 'notice', dueAt: '2026-10-12T16:00:00.000Z' }),
    ]);
    const notices = await t.http.get('/api/v1/public/notices?limit=500').expect(200);
    expect(notices.body.items).toContainEqual(
      expect.objectContaining({ applicationId: app.id, noticeEndsAt: '2026-10-12T16:00:00.000Z' }),
    );

    t.clock.set('2026-10-12T15:59:59.999Z');
    await runDue();
    expect((await getApp(app.id, app.owner)).state).toBe('publicNotice');

    t.clock.set('2026-10-12T16:00:00.000Z');
    const report = await runDue();
    expect(report.fired).toBeGreaterThanOrEqual(1);
    const done = await getApp(app.id, app.owner);
    expect(done).toMatchObject({ state: 'certified', certificateId: expect.any(String) });
    const history = await t.http
      .get(`/api/v1/applications/${app.id}/history`)
      .set(a.auditor.auth)
      .expect(200);
    expect(history.body.items.at(-1)).toMatchObject({
      event: 'deadline.expired',
      actor: { id: 'system', role: 'system' },
      fromState: 'publicNotice',
      toState: 'certified',
    });
    const cert = await t.http
      .get(`/api/v1/certificates/${done.certificateId}`)
      .set(app.owner.auth)
      .expect(200);
    expect(cert.body).toMatchObject({
      tier: 'innovative_sme',
      status: 'active',
      validFrom: '2026-10-13',
      validTo: '2029-10-12',
    });
    // The timer fired once: a second run finds nothing due.
    expect((await runDue()).claimed).toBe(0);
  });

  const object = (id: string) =>
    t.http.post(`/api/v1/public/notices/${id}/objections`).send({
      name: 'Zhang Wei',
      contact: 'zhangwei@example.cn',
      reason: 'The R&D figures are inflated.',
    });

  it('suspends the notice on an objection; upholding it rejects the application', async () => {
    const app = await walkInnovative(t, a, 'publicNotice');
    const res = await object(app.id).expect(202);
    expect(res.body).toMatchObject({ applicationId: app.id, state: 'objectionReview' });
    const review = await getApp(app.id, a.province);
    expect(review).toMatchObject({ state: 'objectionReview', deadlines: [] });
    expect(review.allowedEvents).toEqual(['objection.uphold', 'objection.dismiss']);
    // The notice timer does not run meanwhile: past its end, nothing fires.
    t.clock.set('2026-10-20T02:00:00.000Z');
    await runDue();
    expect((await getApp(app.id, a.province)).state).toBe('objectionReview');
    const upheld = await sendEvent(t.http, app.id, a.province, 'objection.uphold', {
      reasons: ['Confirmed on site: R&D expense overstated'],
    }).expect(200);
    expect(upheld.body.state).toBe('rejected');
    const history = await t.http
      .get(`/api/v1/applications/${app.id}/history`)
      .set(a.auditor.auth)
      .expect(200);
    const filed = history.body.items.find((e: { event: string }) => e.event === 'objection.file');
    expect(filed).toMatchObject({
      actor: { role: 'public' },
      comment: 'The R&D figures are inflated.',
    });
    expect(JSON.stringify(filed)).not.toContain('zhangwei@example.cn');
  });

  it('returns to the notice when an objection is dismissed before its end, and moves on after it', async () => {
    const early = await walkInnovative(t, a, 'publicNotice');
    await object(early.id).expect(202);
    t.clock.set('2026-10-09T02:00:00.000Z');
    const back = await sendEvent(t.http, early.id, a.province, 'objection.dismiss', {
      comment: 'Unfounded',
    }).expect(200);
    expect(back.body).toMatchObject({
      state: 'publicNotice',
      deadlines: [expect.objectContaining({ dueAt: '2026-10-12T16:00:00.000Z' })],
    });

    t.clock.set('2026-09-29T02:00:00.000Z');
    const late = await walkInnovative(t, a, 'publicNotice');
    await object(late.id).expect(202);
    t.clock.set('2026-10-14T02:00:00.000Z');
    const on = await sendEvent(t.http, late.id, a.province, 'objection.dismiss', {
      comment: 'Unfounded',
    }).expect(200);
    expect(on.body.state).toBe('certified');
  });

  it('refuses objections outside a notice (404), malformed ones (400), and too many (429)', async () => {
    const app = await walkInnovative(t, a, 'provincialReview');
    await object(app.id).expect(404);
    await t.http
      .post(`/api/v1/public/notices/${app.id}/objections`)
      .send({ name: 'X' })
      .expect(400);
    let limited = 0;
    for (let i = 0; i < 12; i++) {
      const res = await t.http
        .post(`/api/v1/public/notices/${app.id}/objections`)
        .send({ name: 'X' });
      if (res.status === 429) {
        limited++;
        expect(res.body.code).toBe('RATE_LIMITED');
      }
    }
    expect(limited).toBeGreaterThan(0);
  });

  it('rejects a returned application whose return deadline lapses', async () => {
    const app = await walkInnovative(t, a, 'localReview');
    const returned = await sendEvent(t.http, app.id, a.city, 'review.return', {
      reasons: ['Audit report missing'],
    }).expect(200);
    // Returned Tue 29 Sep with 5 working days: the same end as a notice published that day.
    expect(returned.body.deadlines).toEqual([
      expect.objectContaining({ purpose: 'return', dueAt: '2026-10-12T16:00:00.000Z' }),
    ]);
    t.clock.set('2026-10-12T16:00:00.000Z');
    await runDue();
    const after = await getApp(app.id, app.owner);
    expect(after.state).toBe('rejected');
    await sendEvent(t.http, app.id, app.owner, 'resubmit').expect(409);
  });

  it('lets an admin move a notice later, within bounds, never earlier (M11); the scheduler fires it then', async () => {
    const app = await walkInnovative(t, a, 'publicNotice');
    const timers = await t.http
      .get(`/api/v1/timers?applicationId=${app.id}&status=pending`)
      .set(admin.auth)
      .expect(200);
    expect(timers.body.items).toHaveLength(1);
    const timer = timers.body.items[0];
    const later = '2026-10-14T16:00:00.000Z';
    await t.http
      .patch(`/api/v1/timers/${timer.id}`)
      .set(a.province.auth)
      .send({ dueAt: later })
      .expect(403);
    await t.http
      .patch(`/api/v1/timers/${timer.id}`)
      .set(admin.auth)
      .send({ dueAt: 'soon' })
      .expect(400);
    // Security review M11: shortening the statutory notice is not an operator's move.
    const shorter = await t.http
      .patch(`/api/v1/timers/${timer.id}`)
      .set(admin.auth)
      .send({ dueAt: t.clock.nowIso() })
      .expect(422);
    expect(shorter.body.code).toBe('RULE_NOT_MET');
    await t.http
      .patch(`/api/v1/timers/${timer.id}`)
      .set(admin.auth)
      .send({ dueAt: '2099-01-01T00:00:00.000Z' })
      .expect(422);
    const moved = await t.http
      .patch(`/api/v1/timers/${timer.id}`)
      .set(admin.auth)
      .send({ dueAt: later })
      .expect(200);
    expect(moved.body).toMatchObject({ id: timer.id, status: 'pending', dueAt: later });
    t.clock.set(timer.dueAt);
    await runDue();
    expect((await getApp(app.id, app.owner)).state).toBe('publicNotice');
    t.clock.set(later);
    await runDue();
    const done = await getApp(app.id, app.owner);
    expect(done.state).toBe('certified');
    const history = await t.http
      .get(`/api/v1/applications/${app.id}/history`)
      .set(a.auditor.auth)
      .expect(200);
    const reschedule = history.body.items.find(
      (e: { event: string }) => e.event === 'deadline.reschedule',
    );
    expect(reschedule).toMatchObject({
      actor: { role: 'admin' },
      data: { data: { oldDueAt: timer.dueAt, newDueAt: later } },
    });
    const fired = await t.http
      .get(`/api/v1/timers?applicationId=${app.id}`)
      .set(admin.auth)
      .expect(200);
    expect(fired.body.items[0]).toMatchObject({ status: 'fired', firedAt: later });
    await t.http
      .patch(`/api/v1/timers/${timer.id}`)
      .set(admin.auth)
      .send({ dueAt: '2026-10-20T16:00:00.000Z' })
      .expect(409);
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

  it('expires a title at the end of its validity, and shows it in the public register', async () => {
    const c = await certify();
    const cert = (
      await t.http.get(`/api/v1/certificates/${c.certificateId}`).set(c.owner.auth).expect(200)
    ).body;
    t.clock.set('2029-10-12T15:59:00.000Z');
    await runDue();
    expect(
      (await t.http.get(`/api/v1/certificates/${c.certificateId}`).set(c.owner.auth)).body.status,
    ).toBe('active');
    t.clock.set('2029-10-12T16:00:00.000Z');
    await runDue();
    const expired = (await t.http.get(`/api/v1/certificates/${c.certificateId}`).set(c.owner.auth))
      .body;
    expect(expired).toMatchObject({ status: 'expired', validTo: cert.validTo });
    // Three annual updates were never filed: the re-review right was forfeited along the way.
    expect(expired.reReviewForfeited).toBe(true);
    const register = await t.http
      .get(`/api/v1/public/certificates?creditCode=${c.owner.creditCode}`)
      .expect(200);
    expect(register.body.items).toEqual([
      expect.objectContaining({
        certificateId: c.certificateId,
        status: 'expired',
        validToday: false,
      }),
    ]);
    await t.http.get('/api/v1/public/certificates?creditCode=123').expect(400);
  });

  it('records annual updates and keeps the re-review right', async () => {
    const c = await certify();
    // Security review M1: the update of a data year is filed once the year has ended, with its
    // figures; not before, not for a later year, not without them.
    const early = await t.http
      .post(`/api/v1/certificates/${c.certificateId}/events`)
      .set(c.owner.auth)
      .send({ type: 'annualUpdate.submit', year: 2026, report: annualReport() })
      .expect(422);
    expect(early.body.code).toBe('RULE_NOT_MET');
    t.clock.set('2027-03-01T02:00:00.000Z');
    await t.http
      .post(`/api/v1/certificates/${c.certificateId}/events`)
      .set(c.owner.auth)
      .send({ type: 'annualUpdate.submit', year: 2026 })
      .expect(400);
    await t.http
      .post(`/api/v1/certificates/${c.certificateId}/events`)
      .set(c.owner.auth)
      .send({ type: 'annualUpdate.submit', year: 2030, report: annualReport() })
      .expect(422);
    const filed = await t.http
      .post(`/api/v1/certificates/${c.certificateId}/events`)
      .set(c.owner.auth)
      .send({ type: 'annualUpdate.submit', year: 2026, report: annualReport() })
      .expect(200);
    expect(filed.body).toMatchObject({
      annualUpdates: [2026],
      annualUpdateDue: { year: 2027, dueAt: '2028-05-31T16:00:00.000Z' },
    });
    t.clock.set('2027-06-01T02:00:00.000Z');
    await runDue();
    const cert = (await t.http.get(`/api/v1/certificates/${c.certificateId}`).set(c.owner.auth))
      .body;
    expect(cert.reReviewForfeited).toBe(false);
    await t.http
      .post(`/api/v1/certificates/${c.certificateId}/events`)
      .set(a.city.auth)
      .send({ type: 'annualUpdate.submit', year: 2027 })
      .expect(403);
  });

  it('revokes for fraud with a 3-year bar, cascading to every title of the enterprise', async () => {
    const c = await certify();
    // The same enterprise goes on to a specialized title.
    t.clock.set('2026-11-02T02:00:00.000Z');
    const spec = await t.http
      .post('/api/v1/applications')
      .set(c.owner.auth)
      .send({
        enterpriseId: c.owner.enterpriseId,
        tier: 'specialized_sme',
        facts: passingFacts(2026),
      })
      .expect(201);
    for (const [who, type, data] of [
      [c.owner, 'submit', undefined],
      [a.city, 'review.start', undefined],
      [a.city, 'review.recommend', undefined],
      [a.provincialExpert, 'expert.review.record', { score: 82 }],
      [a.provincialExpert, 'facts.confirm', { nicheMarketLeading: true }],
      [a.province, 'notice.publish', undefined],
    ] as const) {
      await sendEvent(t.http, spec.body.id, who, type, data ? { data } : {}).expect(200);
    }
    const { deadlines } = await getApp(spec.body.id, c.owner);
    t.clock.set(deadlines[0].dueAt);
    await runDue();
    const specCert = (await getApp(spec.body.id, c.owner)).certificateId as string;

    await t.http
      .post(`/api/v1/certificates/${specCert}/events`)
      .set(a.province.auth)
      .send({ type: 'revoke' })
      .expect(400);
    await t.http
      .post(`/api/v1/certificates/${specCert}/events`)
      .set(a.city.auth)
      .send({ type: 'revoke', ground: 'fraud' })
      .expect(403);
    const revoked = await t.http
      .post(`/api/v1/certificates/${specCert}/events`)
      .set(a.province.auth)
      .send({ type: 'revoke', ground: 'fraud', comment: 'Fabricated audit report' })
      .expect(200);
    const today = t.clock.nowIso().slice(0, 10);
    expect(revoked.body).toMatchObject({
      status: 'revoked',
      revokedGround: 'fraud',
      barUntil: expect.any(String),
    });
    expect(revoked.body.barUntil > `${Number(today.slice(0, 4)) + 2}`).toBe(true);
    const cascaded = (await t.http.get(`/api/v1/certificates/${c.certificateId}`).set(c.owner.auth))
      .body;
    expect(cascaded).toMatchObject({
      status: 'revoked',
      revokedGround: 'fraud',
      barUntil: revoked.body.barUntil,
    });

    const barred = await t.http
      .post('/api/v1/applications')
      .set(c.owner.auth)
      .send({
        enterpriseId: c.owner.enterpriseId,
        tier: 'innovative_sme',
        facts: passingFacts(2026),
      })
      .expect(422);
    expect(barred.body).toMatchObject({ code: 'APPLICATION_BARRED' });
  });

  it('revokes without a bar for a ground that is not a violation', async () => {
    const c = await certify();
    const revoked = await t.http
      .post(`/api/v1/certificates/${c.certificateId}/events`)
      .set(a.province.auth)
      .send({ type: 'revoke', ground: 'no_longer_qualified' })
      .expect(200);
    expect(revoked.body.barUntil).toBeUndefined();
    await t.http
      .post('/api/v1/applications')
      .set(c.owner.auth)
      .send({
        enterpriseId: c.owner.enterpriseId,
        tier: 'innovative_sme',
        facts: passingFacts(2026),
      })
      .expect(201);
  });

  it('replays every application it created, from the audit history, to its stored state', () =>
    expectEveryApplicationReplays(t));
});
