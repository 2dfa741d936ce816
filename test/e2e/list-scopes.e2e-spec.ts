// Every list is scoped in SQL: walking it one item a page, along nextCursor, gives exactly what one
// large page gives, for every role. (Experts once lost applications: their stage rule filtered
// rows after the LIMIT, so `limit=1` answered an empty page with no cursor.)
import { SchedulerService } from '../../src/modules/commands/scheduler.service';
import { passingFacts } from '../factories/facts.factory';
import { createUser, registerEnterprise, type Session } from '../support/actors';
import { startWithAuthorities, type Authorities } from '../support/authorities';
import { FakeClock } from '../support/fake-clock';
import { sendEvent, walkInnovative } from '../support/journeys';
import type { TestApp } from '../support/test-app';

type Page = { items: Record<string, unknown>[]; nextCursor: string | null };

describe('list scopes: one item a page gives what one large page gives', () => {
  let t: TestApp;
  let admin: Session;
  let a: Authorities;
  const sessions: Record<string, Session> = {};

  const page = async (path: string, who: Session | null, query: string): Promise<Page> => {
    const req = t.http.get(`${path}${path.includes('?') ? '&' : '?'}${query}`);
    const res = await (who ? req.set(who.auth) : req).expect(200);
    return res.body as Page;
  };

  /** The keys of every item, walked one a page. */
  const walk = async (path: string, who: Session | null, key: string): Promise<unknown[]> => {
    const seen: unknown[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 500; i++) {
      const body = await page(path, who, `limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      expect(body.items.length).toBeLessThanOrEqual(1);
      seen.push(...body.items.map((item) => item[key]));
      cursor = body.nextCursor;
      if (!cursor) return seen;
    }
    throw new Error(`${path} did not end`);
  };

  const expectWalkMatchesOnePage = async (path: string, who: Session | null, key = 'id') => {
    const all = (await page(path, who, 'limit=500')).items.map((item) => item[key]);
    expect(all.length).toBeLessThan(500);
    expect(await walk(path, who, key)).toEqual(all);
    return all;
  };

  beforeAll(async () => {
    ({ t, admin, a } = await startWithAuthorities({
      clock: new FakeClock('2026-09-29T02:00:00.000Z'),
    }));
    const year = 2026;
    // Drafts and early stages first: their ids sort before the applications in later stages, so
    // a filter applied after the LIMIT would find nothing on the first pages.
    const drafts = [
      await registerEnterprise(t.http, { regionCode: '130102' }),
      await registerEnterprise(t.http, { regionCode: '130104' }),
      await registerEnterprise(t.http, { regionCode: '130202' }),
      await registerEnterprise(t.http, { regionCode: '140105' }),
    ];
    for (const e of drafts) {
      await t.http
        .post('/api/v1/applications')
        .set(e.auth)
        .send({ enterpriseId: e.enterpriseId, tier: 'innovative_sme', facts: passingFacts(year) })
        .expect(201);
    }
    const submitted = await walkInnovative(t, a, 'submitted');
    await walkInnovative(t, a, 'localReview');
    await walkInnovative(t, a, 'provincialReview');
    const onNotice = await walkInnovative(t, a, 'publicNotice');
    // One more in provincial review, after the notice: the end of a walk is not the only hit.
    await walkInnovative(t, a, 'provincialReview');
    // Certified: the notice ends over the National Day holiday (12 Oct); its title is issued.
    t.clock.set('2026-10-12T16:00:00.000Z');
    await t.app.get(SchedulerService).runDue();
    const certified = await t.http
      .get(`/api/v1/applications/${onNotice.id}`)
      .set(onNotice.owner.auth)
      .expect(200);
    expect(certified.body.state).toBe('certified');
    // A second title, of another enterprise.
    t.clock.set('2026-10-13T02:00:00.000Z');
    const second = await walkInnovative(t, a, 'publicNotice');
    t.clock.set('2026-10-20T16:00:00.000Z');
    await t.app.get(SchedulerService).runDue();
    // An application rejected by the city.
    await sendEvent(t.http, submitted.id, a.city, 'review.start').expect(200);
    await sendEvent(t.http, submitted.id, a.city, 'review.reject', {
      reasons: ['The figures are not supported.'],
    }).expect(200);

    Object.assign(sessions, {
      'enterprise (certified)': onNotice.owner,
      'enterprise (two titles’ neighbour)': second.owner,
      'enterprise (draft in Shanxi)': drafts[3]!,
      'county reviewer': a.county,
      'city reviewer': a.city,
      'reviewer of another city': a.otherCity,
      'provincial reviewer': a.province,
      'reviewer of another province': a.otherProvince,
      'national reviewer': a.national,
      'provincial expert': a.provincialExpert,
      'expert of another province': await createUser(t.http, admin, 'expert', {
        level: 'province',
        regionCode: '140000',
      }),
      'national expert': a.nationalExpert,
      'provincial auditor': a.auditor,
      'city auditor': await createUser(t.http, admin, 'auditor', {
        level: 'city',
        regionCode: '130200',
      }),
      'national auditor': await createUser(t.http, admin, 'auditor', { level: 'national' }),
      admin,
    });
  });
  afterAll(() => t.close());

  const roles = () => Object.entries(sessions);

  it.each([
    'enterprise (certified)',
    'enterprise (two titles’ neighbour)',
    'enterprise (draft in Shanxi)',
    'county reviewer',
    'city reviewer',
    'reviewer of another city',
    'provincial reviewer',
    'reviewer of another province',
    'national reviewer',
    'provincial expert',
    'expert of another province',
    'national expert',
    'provincial auditor',
    'city auditor',
    'national auditor',
    'admin',
  ])('applications, for the %s', async (role) => {
    const who = sessions[role]!;
    await expectWalkMatchesOnePage('/api/v1/applications', who);
    await expectWalkMatchesOnePage('/api/v1/applications?tier=innovative_sme', who);
    await expectWalkMatchesOnePage('/api/v1/applications?regionCode=130100', who);
  });

  it('shows the experts what is in review at their panel’s level, and nothing else', async () => {
    const provincial = await expectWalkMatchesOnePage(
      '/api/v1/applications',
      sessions['provincial expert']!,
    );
    expect(provincial.length).toBe(2);
    const national = await expectWalkMatchesOnePage(
      '/api/v1/applications',
      sessions['national expert']!,
    );
    expect(national.length).toBe(2);
    expect(
      await expectWalkMatchesOnePage(
        '/api/v1/applications',
        sessions['expert of another province']!,
      ),
    ).toEqual([]);
  });

  it.each([
    'enterprise (certified)',
    'enterprise (two titles’ neighbour)',
    'enterprise (draft in Shanxi)',
    'county reviewer',
    'city reviewer',
    'reviewer of another city',
    'provincial reviewer',
    'reviewer of another province',
    'national reviewer',
    'provincial expert',
    'expert of another province',
    'national expert',
    'provincial auditor',
    'city auditor',
    'national auditor',
    'admin',
  ])('certificates, for the %s', async (role) => {
    const who = sessions[role]!;
    await expectWalkMatchesOnePage('/api/v1/certificates', who);
    await expectWalkMatchesOnePage('/api/v1/certificates?tier=innovative_sme', who);
  });

  it('lists two titles to the province and none to another province', async () => {
    expect(await expectWalkMatchesOnePage('/api/v1/certificates', a.province)).toHaveLength(2);
    expect(await expectWalkMatchesOnePage('/api/v1/certificates', a.otherProvince)).toEqual([]);
  });

  it('walks the enterprises, the audit log and the public notices the same way', async () => {
    for (const [role, who] of roles()) {
      if (role.startsWith('enterprise')) continue;
      await expectWalkMatchesOnePage('/api/v1/enterprises', who);
    }
    for (const role of ['provincial auditor', 'city auditor', 'national auditor', 'admin']) {
      await expectWalkMatchesOnePage(
        '/api/v1/audit/events?type=review.start',
        sessions[role]!,
        'seq',
      );
    }
    await expectWalkMatchesOnePage('/api/v1/public/notices', null, 'applicationId');
  });
});
