import { chinaWorkdayCalendar } from '../../src/infra/calendar/china-workday-calendar';
import { workingDaysBetween } from '../../src/domain/calendar/working-days';
import { SchedulerService } from '../../src/modules/commands/scheduler.service';
import { passingFacts } from '../factories/facts.factory';
import { createUser, registerEnterprise, type Session } from '../support/actors';
import { startWithAuthorities, type Authorities } from '../support/authorities';
import { FakeClock } from '../support/fake-clock';
import { sendEvent } from '../support/journeys';
import type { TestApp } from '../support/test-app';

type Progress = {
  year: number;
  regionCode: string | null;
  tiers: Tier[];
  children: { regionCode: string; name: string; tiers: Tier[] }[];
};
type Tier = {
  tier: string;
  target?: number;
  childTargets?: number;
  certified: number;
  share?: number;
  byState: Record<string, number>;
  funnel: { stage: string; count: number }[];
  dropOuts: { reason: string; count: number }[];
  stageDays: {
    stage: string;
    count: number;
    p50: number | null;
    p90: number | null;
    overLimit: number;
  }[];
  certificates: { active: number; expiringThisYear: number; revoked: number };
};
type HistoryEvent = { at: string; event: string; toState?: string };

const COUNTY_A = '130102';
const COUNTY_B = '130104';

// Where each application of the scenario ends: [county, final point].
type Ending =
  | 'draft'
  | 'withdrawn'
  | 'submitted'
  | 'localReview'
  | 'returned'
  | 'rejected'
  | 'provincialReview'
  | 'objectionReview'
  | 'certified';
const SCENARIO: [string, Ending][] = [
  [COUNTY_A, 'draft'],
  [COUNTY_A, 'withdrawn'],
  [COUNTY_A, 'submitted'],
  [COUNTY_A, 'localReview'],
  [COUNTY_A, 'returned'],
  [COUNTY_A, 'rejected'],
  [COUNTY_A, 'provincialReview'],
  [COUNTY_A, 'objectionReview'],
  [COUNTY_A, 'certified'],
  [COUNTY_A, 'certified'],
  [COUNTY_B, 'submitted'],
  [COUNTY_B, 'provincialReview'],
  [COUNTY_B, 'certified'],
];

describe('statistics: progress against the targets', () => {
  let t: TestApp;
  let admin: Session;
  let a: Authorities;
  let countyB: Session;
  const apps: { id: string; region: string; ending: Ending; enterpriseId: string }[] = [];

  const ok = async (res: Promise<{ status: number; body: unknown }>, step: string) => {
    const r = await res;
    if (r.status !== 200 && r.status !== 201 && r.status !== 202) {
      throw new Error(`${step} → ${r.status} ${JSON.stringify(r.body)}`);
    }
    return r.body as { id: string; state: string };
  };
  const progress = async (who: Session, query: string) =>
    (await t.http.get(`/api/v1/statistics/progress?${query}`).set(who.auth).expect(200))
      .body as Progress;

  beforeAll(async () => {
    // Wed 30 Sep 2026, 10:00 in China: the provincial review runs over the National Day holiday.
    ({ t, admin, a } = await startWithAuthorities({
      clock: new FakeClock('2026-09-30T02:00:00.000Z'),
    }));
    countyB = await createUser(t.http, admin, 'reviewer', {
      level: 'county',
      regionCode: COUNTY_B,
    });
    const toNotice: string[] = [];
    for (const [region, ending] of SCENARIO) {
      const owner = await registerEnterprise(t.http, { regionCode: region });
      const created = await ok(
        t.http
          .post('/api/v1/applications')
          .set(owner.auth)
          .send({
            enterpriseId: owner.enterpriseId,
            tier: 'innovative_sme',
            facts: passingFacts(2026),
          }),
        'create',
      );
      apps.push({ id: created.id, region, ending, enterpriseId: owner.enterpriseId });
      const step = (who: Session, type: string, extra: object = {}) =>
        ok(sendEvent(t.http, created.id, who, type, extra), `${ending}: ${type}`);
      if (ending === 'draft') continue;
      if (ending === 'withdrawn') {
        await step(owner, 'withdraw');
        continue;
      }
      await step(owner, 'submit');
      if (ending === 'submitted') continue;
      await step(a.city, 'review.start');
      if (ending === 'localReview') continue;
      if (ending === 'returned') {
        await step(a.city, 'review.return', { reasons: ['Audit report missing'] });
        continue;
      }
      if (ending === 'rejected') {
        await step(a.city, 'review.reject', { reasons: ['Not innovative enough'] });
        continue;
      }
      await step(a.city, 'review.recommend');
      if (ending !== 'provincialReview') toNotice.push(created.id);
    }
    // Mon 12 Oct: the notices are published after the holiday (4 working days later).
    t.clock.set('2026-10-12T02:00:00.000Z');
    for (const id of toNotice)
      await ok(sendEvent(t.http, id, a.province, 'notice.publish'), 'notice');
    const objected = apps.find((x) => x.ending === 'objectionReview')!;
    await ok(
      t.http.post(`/api/v1/public/notices/${objected.id}/objections`).send({
        name: 'Zhang Wei',
        contact: 'zhangwei@example.cn',
        reason: 'The R&D figures are inflated.',
      }),
      'objection',
    );
    t.clock.set('2026-10-20T02:00:00.000Z');
    await t.app.get(SchedulerService).runDue();
  });
  afterAll(() => t.close());

  /** Counts of the listed applications, computed here from the API's own lists and histories. */
  const independent = async (region: string | null) => {
    const listed = (await t.http.get('/api/v1/applications?limit=500').set(admin.auth).expect(200))
      .body.items as { id: string; state: string; tier: string }[];
    const ours = listed.filter((x) => {
      const app = apps.find((y) => y.id === x.id);
      return app && (region === null || app.region === region);
    });
    const byState: Record<string, number> = {};
    const funnel = { created: 0, submitted: 0, recommended: 0, noticed: 0, certified: 0 };
    const drop = { returned: 0, rejected: 0, withdrawn: 0, objected: 0 };
    const provincialDays: number[] = [];
    for (const x of ours) {
      byState[x.state] = (byState[x.state] ?? 0) + 1;
      const history = (
        await t.http.get(`/api/v1/applications/${x.id}/history`).set(admin.auth).expect(200)
      ).body.items as HistoryEvent[];
      const reached = (state: string) => history.some((e) => e.toState === state);
      funnel.created++;
      if (reached('submitted')) funnel.submitted++;
      if (reached('provincialReview')) funnel.recommended++;
      if (reached('publicNotice')) funnel.noticed++;
      if (reached('certified')) funnel.certified++;
      if (reached('returned')) drop.returned++;
      if (x.state === 'rejected') drop.rejected++;
      if (x.state === 'withdrawn') drop.withdrawn++;
      if (reached('objectionReview')) drop.objected++;
      const entered = history.find((e) => e.toState === 'provincialReview');
      const left = history.find((e) => e.toState === 'publicNotice');
      if (entered && left)
        provincialDays.push(workingDaysBetween(entered.at, left.at, chinaWorkdayCalendar));
    }
    return { byState, funnel, drop, provincialDays };
  };

  const innovative = (tiers: Tier[]) => tiers.find((x) => x.tier === 'innovative_sme')!;
  const nonZero = (byState: Record<string, number>) =>
    Object.fromEntries(Object.entries(byState).filter(([, n]) => n > 0));

  it('equals counts computed independently from the listed applications, for the city and each county', async () => {
    const city = await progress(a.city, 'year=2026&regionCode=130100');
    expect(city.regionCode).toBe('130100');
    const regions: [string | null, Tier][] = [
      [null, innovative(city.tiers)],
      [COUNTY_A, innovative(city.children.find((c) => c.regionCode === COUNTY_A)!.tiers)],
      [COUNTY_B, innovative(city.children.find((c) => c.regionCode === COUNTY_B)!.tiers)],
    ];
    for (const [region, stats] of regions) {
      const expected = await independent(region);
      expect(nonZero(stats.byState)).toEqual(expected.byState);
      expect(Object.fromEntries(stats.funnel.map((f) => [f.stage, f.count]))).toEqual(
        expected.funnel,
      );
      expect(Object.fromEntries(stats.dropOuts.map((d) => [d.reason, d.count]))).toEqual(
        expected.drop,
      );
      expect(stats.certified).toBe(expected.funnel.certified);
      const provincial = stats.stageDays.find((s) => s.stage === 'provincial')!;
      expect(provincial.count).toBe(expected.provincialDays.length);
      expect(stats.certificates.active).toBe(expected.funnel.certified);
    }
    // The scenario itself: 13 applications, 3 certified, and the city's children cover Shijiazhuang.
    expect(innovative(city.tiers).funnel[0]).toEqual({ stage: 'created', count: 13 });
    expect(innovative(city.tiers).certified).toBe(3);
    expect(city.children.map((c) => c.regionCode)).toEqual(
      expect.arrayContaining([COUNTY_A, COUNTY_B, '130123']),
    );
    const other = innovative(city.children.find((c) => c.regionCode === '130123')!.tiers);
    expect(other.funnel[0]!.count).toBe(0);
  });

  it('measures stage time in working days across the National Day holiday', async () => {
    const stats = innovative((await progress(a.province, 'year=2026&regionCode=130000')).tiers);
    // Recommended Wed 30 Sep, published Mon 12 Oct: 8, 9, Sat 10 (make-up) and 12 Oct.
    expect(stats.stageDays.find((s) => s.stage === 'provincial')).toMatchObject({
      count: 4,
      p50: 4,
      p90: 4,
      overLimit: 0,
    });
    // Notices of Mon 12 Oct end on the 5th working day (Mon 19 Oct), fired on 20 Oct.
    expect(stats.stageDays.find((s) => s.stage === 'notice')).toMatchObject({ count: 3, p50: 6 });
    expect(stats.stageDays.find((s) => s.stage === 'local')!.count).toBeGreaterThan(0);
  });

  it('flags stage times over the limit that is configured', async () => {
    // Not a new app: the limit is read per request; the same visits against a limit of 3 days.
    const statistics = t.app.get(
      (await import('../../src/modules/statistics/statistics.service')).StatisticsService,
    );
    const limits = statistics.stageLimits();
    expect(limits).toEqual({ local: 20, returned: 5, provincial: 30, notice: 5, national: 60 });
    const stats = innovative((await progress(a.province, 'year=2026&regionCode=130000')).tiers);
    // The notice stage lasted 6 working days (to the firing on 20 Oct) against its limit of 5.
    expect(stats.stageDays.find((s) => s.stage === 'notice')!.overLimit).toBe(3);
  });

  it('scopes by jurisdiction: a county reviewer sees only its county', async () => {
    const own = await progress(a.county, 'year=2026');
    expect(own.regionCode).toBe(COUNTY_A);
    expect(own.children).toEqual([]);
    expect(nonZero(innovative(own.tiers).byState)).toEqual((await independent(COUNTY_A)).byState);
    const b = await progress(countyB, 'year=2026');
    expect(nonZero(innovative(b.tiers).byState)).toEqual((await independent(COUNTY_B)).byState);
    for (const region of [COUNTY_B, '130100', '130000']) {
      const res = await t.http
        .get(`/api/v1/statistics/progress?year=2026&regionCode=${region}`)
        .set(a.county.auth)
        .expect(403);
      expect(res.body.code).toBe('FORBIDDEN');
    }
    await t.http.get('/api/v1/statistics/progress?year=2026').set(a.otherCity.auth).expect(200);
  });

  it('refuses enterprises and experts, and bad input, without a 500', async () => {
    const owner = await registerEnterprise(t.http);
    await t.http.get('/api/v1/statistics/progress?year=2026').set(owner.auth).expect(403);
    await t.http
      .get('/api/v1/statistics/progress?year=2026')
      .set(a.provincialExpert.auth)
      .expect(403);
    await t.http.get('/api/v1/statistics/progress?year=2026').expect(401);
    for (const query of [
      '',
      'year=abc',
      'year=1999',
      'year=2026&regionCode=139999',
      'year=2026&x=1',
    ]) {
      const res = await t.http
        .get(`/api/v1/statistics/progress?${query}`)
        .set(admin.auth)
        .expect(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
    }
  });

  it('answers the whole country for a national reviewer and an admin, provinces as children', async () => {
    const all = await progress(a.national, 'year=2026');
    expect(all.regionCode).toBeNull();
    expect(all.children).toHaveLength(31); // the mainland's provinces in GB/T 2260
    const hebei = all.children.find((c) => c.regionCode === '130000')!;
    expect(innovative(hebei.tiers).funnel[0]!.count).toBe(13);
    expect(innovative(all.tiers).funnel[0]!.count).toBe(13);
    const other = await progress(admin, 'year=2025');
    expect(innovative(other.tiers).funnel[0]!.count).toBe(0);
  });

  it('gives the same table as CSV', async () => {
    const res = await t.http
      .get('/api/v1/statistics/progress?year=2026&regionCode=130100')
      .set(a.city.auth)
      .set('Accept', 'text/csv')
      .expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    const lines = res.text.trim().split('\r\n');
    const header = lines[0]!.split(',');
    const json = await progress(a.city, 'year=2026&regionCode=130100');
    expect(lines).toHaveLength(1 + 3 * (1 + json.children.length));
    const row = lines
      .map((l) => l.split(','))
      .find((cells) => cells[1] === COUNTY_A && cells[3] === 'innovative_sme')!;
    const cell = (name: string) => row[header.indexOf(name)];
    const county = innovative(json.children.find((c) => c.regionCode === COUNTY_A)!.tiers);
    expect(cell('funnel.created')).toBe(String(county.funnel[0]!.count));
    expect(cell('certified')).toBe(String(county.certified));
    // The returned application's deadline expired on the 20th: it is rejected, and still counted
    // as a return among the drop-outs.
    expect(cell('state.returned')).toBe('0');
    expect(cell('state.rejected')).toBe('2');
    expect(cell('dropOut.returned')).toBe('1');
  });

  describe('targets', () => {
    const put = (who: Session, path: string, body: unknown) =>
      t.http
        .put(`/api/v1/targets/${path}`)
        .set(who.auth)
        .send(body as object);

    it("are set by a reviewer of the region's level or an operator, audited, and compared with the progress", async () => {
      const set = await put(a.county, `2026/innovative_sme/${COUNTY_A}`, { count: 10 }).expect(200);
      expect(set.body).toMatchObject({
        year: 2026,
        tier: 'innovative_sme',
        regionCode: COUNTY_A,
        count: 10,
        setBy: a.county.id,
        setAt: expect.any(String),
      });
      await put(countyB, `2026/innovative_sme/${COUNTY_B}`, { count: 5 }).expect(200);
      await put(a.city, '2026/innovative_sme/130100', { count: 12 }).expect(200);
      // A city's target and its counties' are set independently, and compared, not summed.
      await put(a.city, '2026/innovative_sme/130100', { count: 20 }).expect(200);
      const city = await progress(a.city, 'year=2026&regionCode=130100');
      expect(innovative(city.tiers)).toMatchObject({
        target: 20,
        childTargets: 15,
        certified: 3,
        share: 0.15,
      });
      const countyA = innovative(city.children.find((c) => c.regionCode === COUNTY_A)!.tiers);
      expect(countyA).toMatchObject({ target: 10, certified: 2, share: 0.2 });
      expect(city.tiers.find((x) => x.tier === 'little_giant')!.target).toBeUndefined();

      const audit = await t.http
        .get('/api/v1/audit/events?type=target.set&limit=500')
        .set(a.auditor.auth)
        .expect(200);
      const changes = (
        audit.body.items as {
          subject: { id: string };
          data: { count: number; previous: number | null };
        }[]
      )
        .filter((e) => e.subject.id === '2026/innovative_sme/130100')
        .map((e) => [e.data.previous, e.data.count]);
      expect(changes).toEqual([
        [null, 12],
        [12, 20],
      ]);
    });

    it('refuses other levels and regions (403) and bad input (400), changing nothing', async () => {
      await put(a.county, '2026/innovative_sme/130100', { count: 1 }).expect(403);
      await put(a.city, `2026/innovative_sme/${COUNTY_A}`, { count: 1 }).expect(403);
      await put(a.otherCity, '2026/innovative_sme/130100', { count: 1 }).expect(403);
      await put(a.auditor, '2026/innovative_sme/130100', { count: 1 }).expect(403);
      await put(a.province, '2026/specialized_sme/130000', { count: 1000 }).expect(200);
      await put(admin, '2026/little_giant/130000', { count: 100 }).expect(200);
      for (const [path, body] of [
        ['2026/innovative_sme/130100', { count: -1 }],
        ['2026/innovative_sme/130100', { count: 1.5 }],
        ['2026/innovative_sme/130100', { count: '7' }],
        ['2026/innovative_sme/130100', { count: 1, extra: true }],
        ['2026/innovative_sme/130100', {}],
        ['2026/gazelle/130100', { count: 1 }],
        ['1999/innovative_sme/130100', { count: 1 }],
        ['2026/innovative_sme/139999', { count: 1 }],
      ] as const) {
        const res = await put(a.city, path, body).expect(400);
        expect(res.body.code).toBe('VALIDATION_FAILED');
      }
      const list = await t.http
        .get('/api/v1/targets?year=2026&limit=500')
        .set(a.city.auth)
        .expect(200);
      expect(
        (list.body.items as { regionCode: string; tier: string; count: number }[])
          .filter((x) => x.tier === 'innovative_sme')
          .map((x) => [x.regionCode, x.count]),
      ).toEqual([
        ['130100', 20],
        [COUNTY_A, 10],
        [COUNTY_B, 5],
      ]);
      // Scoped: the county sees its own target only.
      const own = await t.http.get('/api/v1/targets?year=2026').set(a.county.auth).expect(200);
      expect((own.body.items as { regionCode: string }[]).map((x) => x.regionCode)).toEqual([
        COUNTY_A,
      ]);
    });

    it('under concurrent changes: each answer is a success or a conflict, and the version counts the successes', async () => {
      const results = await Promise.all(
        [1, 2, 3, 4, 5].map((n) => put(a.city, '2027/specialized_sme/130100', { count: n })),
      );
      const statuses = results.map((r) => r.status);
      expect(statuses.every((s) => s === 200 || s === 409)).toBe(true);
      const list = await t.http.get('/api/v1/targets?year=2027').set(a.city.auth).expect(200);
      expect(list.body.items).toEqual([
        expect.objectContaining({ version: statuses.filter((s) => s === 200).length }),
      ]);
    });
  });

  describe('clusters', () => {
    let clusterId: string;
    const certifiedA = () => apps.filter((x) => x.region === COUNTY_A && x.ending === 'certified');
    const join = (who: Session, id: string, body: object) =>
      t.http.post(`/api/v1/clusters/${id}/members`).set(who.auth).send(body);

    it("are set up within a region, and enterprises join by a reviewer's decision (audited)", async () => {
      const created = await t.http
        .post('/api/v1/clusters')
        .set(a.city.auth)
        .send({ name: '长安区装备制造产业集群', regionCode: COUNTY_A, industry: 'equipment' })
        .expect(201);
      clusterId = created.body.id;
      expect(created.body).toMatchObject({ regionCode: COUNTY_A, industry: 'equipment' });
      await t.http
        .post('/api/v1/clusters')
        .set(a.city.auth)
        .send({ name: '长安区装备制造产业集群', regionCode: COUNTY_A })
        .expect(409);
      await t.http
        .post('/api/v1/clusters')
        .set(countyB.auth)
        .send({ name: 'Elsewhere', regionCode: COUNTY_A })
        .expect(403);
      const [leader, second] = certifiedA();
      await join(a.county, clusterId, { enterpriseId: leader!.enterpriseId, leader: true }).expect(
        201,
      );
      await join(a.city, clusterId, { enterpriseId: second!.enterpriseId }).expect(201);
      const draft = apps.find((x) => x.ending === 'draft')!;
      await join(a.county, clusterId, { enterpriseId: draft.enterpriseId }).expect(201);
      // Already a member with the same role: a duplicate; a new role: a decision of its own.
      await join(a.county, clusterId, { enterpriseId: draft.enterpriseId }).expect(409);
      const b = apps.find((x) => x.region === COUNTY_B)!;
      const outside = await join(a.city, clusterId, { enterpriseId: b.enterpriseId }).expect(422);
      expect(outside.body.code).toBe('RULE_NOT_MET');
      await join(admin, clusterId, { enterpriseId: b.enterpriseId }).expect(403);
      await join(countyB, clusterId, { enterpriseId: b.enterpriseId }).expect(404);
      await join(a.city, '00000000-0000-7000-8000-000000000000', {
        enterpriseId: b.enterpriseId,
      }).expect(404);
      await join(a.city, clusterId, { enterpriseId: 'not-a-uuid' }).expect(400);
      await join(a.city, clusterId, { enterpriseId: leader!.enterpriseId, leader: 'yes' }).expect(
        400,
      );

      const audit = await t.http
        .get(`/api/v1/audit/events?type=cluster.member.join&limit=500`)
        .set(a.auditor.auth)
        .expect(200);
      expect(audit.body.items).toHaveLength(3);
      expect(audit.body.items[0]).toMatchObject({
        subject: { type: 'cluster', id: clusterId },
        actor: { id: a.county.id },
        data: { enterpriseId: leader!.enterpriseId, leader: true },
      });
    });

    it('lists and shows clusters to the authorities over their region only', async () => {
      const list = await t.http.get('/api/v1/clusters').set(a.county.auth).expect(200);
      expect((list.body.items as { id: string }[]).map((c) => c.id)).toEqual([clusterId]);
      const none = await t.http.get('/api/v1/clusters').set(countyB.auth).expect(200);
      expect(none.body.items).toEqual([]);
      await t.http.get(`/api/v1/clusters/${clusterId}`).set(countyB.auth).expect(404);
      const shown = await t.http
        .get(`/api/v1/clusters/${clusterId}`)
        .set(a.auditor.auth)
        .expect(200);
      expect(shown.body.members).toHaveLength(3);
    });

    it("counts members per tier, leaders' titles and the progression of the year", async () => {
      const stats = (
        await t.http
          .get(`/api/v1/statistics/clusters/${clusterId}?year=2026`)
          .set(a.city.auth)
          .expect(200)
      ).body;
      const [leader, second] = certifiedA();
      expect(stats).toMatchObject({
        members: 3,
        leaders: 1,
        tiers: [
          { tier: 'innovative_sme', members: 2 },
          { tier: 'specialized_sme', members: 0 },
          { tier: 'little_giant', members: 0 },
          { tier: null, members: 1 },
        ],
        progressed: 2,
      });
      expect(stats.leaderTitles).toEqual([
        expect.objectContaining({
          enterpriseId: leader!.enterpriseId,
          titles: [expect.objectContaining({ tier: 'innovative_sme', status: 'active' })],
        }),
      ]);
      expect(
        (stats.progressions as { enterpriseId: string }[]).map((p) => p.enterpriseId).sort(),
      ).toEqual([leader!.enterpriseId, second!.enterpriseId].sort());
      const before = (
        await t.http
          .get(`/api/v1/statistics/clusters/${clusterId}?year=2025`)
          .set(a.city.auth)
          .expect(200)
      ).body;
      expect(before.progressed).toBe(0);
      const csv = await t.http
        .get(`/api/v1/statistics/clusters/${clusterId}?year=2026`)
        .set(a.city.auth)
        .set('Accept', 'text/csv')
        .expect(200);
      expect(csv.text.trim().split('\r\n')).toHaveLength(5);
      await t.http
        .get(`/api/v1/statistics/clusters/${clusterId}?year=2026`)
        .set(countyB.auth)
        .expect(404);
    });
  });
});
