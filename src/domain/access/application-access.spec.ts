import { canViewApplication, maySendInState, mayEverSend } from './application-access';
import type { Actor, Level } from './roles';
import type { ApplicationEventType } from '../certification/application.events';
import type { ApplicationState } from '../certification/application.machines';
import { APPLICATION_WORKFLOWS } from '../certification/application.machines';

const enterprise = (enterpriseId = 'e1'): Actor => ({
  kind: 'user',
  id: 'u',
  role: 'enterprise',
  enterpriseId,
});
const reviewer = (level: Level, regionCode?: string): Actor => ({
  kind: 'user',
  id: 'r',
  role: 'reviewer',
  jurisdiction: { level, ...(regionCode ? { regionCode } : {}) },
});
const expert = (level: Level, regionCode?: string): Actor => ({
  kind: 'user',
  id: 'x',
  role: 'expert',
  jurisdiction: { level, ...(regionCode ? { regionCode } : {}) },
});
const auditor: Actor = {
  kind: 'user',
  id: 'a',
  role: 'auditor',
  jurisdiction: { level: 'province', regionCode: '130000' },
};
const admin: Actor = { kind: 'user', id: 'ad', role: 'admin' };
const system: Actor = { kind: 'system', id: 'system', role: 'system' };
const publicActor: Actor = { kind: 'public', id: 'p', role: 'public' };

const app = (state: ApplicationState = 'localReview') => ({
  enterpriseId: 'e1',
  regionCode: '130102',
  state,
});

describe('who sees an application', () => {
  it.each([
    ['its own enterprise', enterprise('e1'), true],
    ['another enterprise', enterprise('e2'), false],
    ['a county reviewer of its county', reviewer('county', '130102'), true],
    ['a county reviewer of the next county', reviewer('county', '130104'), false],
    ['a city reviewer of its city', reviewer('city', '130100'), true],
    ['a city reviewer of another city', reviewer('city', '130200'), false],
    ['a provincial reviewer of its province', reviewer('province', '130000'), true],
    ['a provincial reviewer of another province', reviewer('province', '140000'), false],
    ['a national reviewer', reviewer('national'), true],
    ['an auditor of its province', auditor, true],
    ['an admin', admin, true],
    ['the public, outside a notice', publicActor, false],
  ])('%s: %s', (_label, actor, expected) => {
    expect(canViewApplication(actor, app())).toBe(expected);
  });

  it('shows the public an application under notice only', () => {
    expect(canViewApplication(publicActor, app('publicNotice'))).toBe(true);
    expect(canViewApplication(publicActor, app('nationalNotice'))).toBe(true);
    expect(canViewApplication(publicActor, app('objectionReview'))).toBe(false);
  });

  it.each([
    ['localReview', expert('province', '130000'), false],
    ['provincialReview', expert('province', '130000'), true],
    ['provincialReview', expert('province', '140000'), false],
    ['nationalReview', expert('province', '130000'), false],
    ['nationalReview', expert('national'), true],
    ['provincialReview', expert('national'), true],
  ] as const)(
    'an expert sees an application in %s only at its panel level (%#)',
    (state, actor, expected) => {
      expect(canViewApplication(actor, app(state))).toBe(expected);
    },
  );
});

describe('who may send which event in which state', () => {
  const rows: [string, Actor, ApplicationEventType, ApplicationState, boolean][] = [
    ['enterprise submits a draft', enterprise(), 'submit', 'draft', true],
    ['enterprise resubmits', enterprise(), 'resubmit', 'returned', true],
    ['enterprise starts a review', enterprise(), 'review.start', 'submitted', false],
    ['enterprise withdraws a certified one', enterprise(), 'withdraw', 'certified', false],
    [
      'county starts the local review',
      reviewer('county', '130102'),
      'review.start',
      'submitted',
      true,
    ],
    ['city starts the local review', reviewer('city', '130100'), 'review.start', 'submitted', true],
    [
      'province starts the local review',
      reviewer('province', '130000'),
      'review.start',
      'submitted',
      false,
    ],
    ['county recommends', reviewer('county', '130102'), 'review.recommend', 'localReview', false],
    ['city recommends', reviewer('city', '130100'), 'review.recommend', 'localReview', true],
    [
      'city publishes the notice',
      reviewer('city', '130100'),
      'notice.publish',
      'provincialReview',
      false,
    ],
    [
      'province publishes the notice',
      reviewer('province', '130000'),
      'notice.publish',
      'provincialReview',
      true,
    ],
    [
      'province upholds an objection',
      reviewer('province', '130000'),
      'objection.uphold',
      'objectionReview',
      true,
    ],
    [
      'province starts the national review',
      reviewer('province', '130000'),
      'review.start',
      'recommendedToMiit',
      false,
    ],
    [
      'MIIT starts the national review',
      reviewer('national'),
      'review.start',
      'recommendedToMiit',
      true,
    ],
    [
      'MIIT decides a provincial objection',
      reviewer('national'),
      'objection.uphold',
      'objectionReview',
      false,
    ],
    [
      'MIIT decides a national objection',
      reviewer('national'),
      'objection.dismiss',
      'nationalObjectionReview',
      true,
    ],
    [
      'provincial expert records at province',
      expert('province', '130000'),
      'expert.review.record',
      'provincialReview',
      true,
    ],
    [
      'provincial expert records at national',
      expert('province', '130000'),
      'expert.review.record',
      'nationalReview',
      false,
    ],
    [
      'national expert records at national',
      expert('national'),
      'expert.review.record',
      'nationalReview',
      true,
    ],
    [
      'reviewer records an expert review',
      reviewer('province', '130000'),
      'expert.review.record',
      'provincialReview',
      false,
    ],
    ['auditor sends anything', auditor, 'review.reject', 'provincialReview', false],
    ['admin decides', admin, 'review.reject', 'provincialReview', false],
    ['scheduler ends the notice', system, 'deadline.expired', 'publicNotice', true],
    ['scheduler reviews', system, 'review.start', 'submitted', false],
    ['public objects', publicActor, 'objection.file', 'publicNotice', true],
    ['public submits', publicActor, 'submit', 'draft', false],
  ];
  it.each(rows)('%s → %s', (_label, actor, type, state, expected) => {
    expect(maySendInState(actor, type, state)).toBe(expected);
  });

  it('tells a role that may never send an event (403) from one that may not now (409)', () => {
    const states = APPLICATION_WORKFLOWS.innovative_sme.transitions();
    expect(mayEverSend(enterprise(), 'review.start', states)).toBe(false);
    expect(mayEverSend(reviewer('county', '130102'), 'notice.publish', states)).toBe(false);
    expect(mayEverSend(reviewer('city', '130100'), 'review.recommend', states)).toBe(true);
    expect(mayEverSend(reviewer('national'), 'review.start', states)).toBe(false);
    expect(
      mayEverSend(
        reviewer('national'),
        'review.start',
        APPLICATION_WORKFLOWS.little_giant.transitions(),
      ),
    ).toBe(true);
  });
});
