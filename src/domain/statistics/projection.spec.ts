import type { WorkdayCalendar } from '../calendar/working-days';
import {
  applicationCounterDeltas,
  applyApplicationEvent,
  applyCertificateEvent,
  certificateCounterDeltas,
  chinaYearOf,
  chinaYearStart,
  nearestRank,
  progressedIn,
  statisticsKeysOf,
  type ApplicationStat,
  type StatEvent,
} from './projection';

// The 2026 autumn as the State Council notice sets it (and the chinese-days data the app uses):
// Fri 25 Sep (Mid-Autumn) and 1–7 Oct off; Sun 20 Sep and Sat 10 Oct make-up working days.
const OFF = new Set([
  '2026-09-25',
  '2026-10-01',
  '2026-10-02',
  '2026-10-05',
  '2026-10-06',
  '2026-10-07',
]);
const MAKE_UP = new Set(['2026-09-20', '2026-10-10']);
const autumn2026: WorkdayCalendar = {
  isWorkday: (date) =>
    MAKE_UP.has(date) ||
    (!OFF.has(date) && ![0, 6].includes(new Date(`${date}T00:00:00Z`).getUTCDay())),
};

// Weekdays only: enough to reason about by hand.
const weekdays: WorkdayCalendar = {
  isWorkday: (date) => ![0, 6].includes(new Date(`${date}T00:00:00Z`).getUTCDay()),
};

let seq = 0;
const ev = (
  at: string,
  event: string,
  toState: string | null,
  data: unknown = null,
): StatEvent => ({
  seq: ++seq,
  at,
  subjectType: 'application',
  subjectId: 'a1',
  enterpriseId: 'e1',
  regionCode: '130102',
  event,
  toState,
  data,
});

const fold = (events: StatEvent[], calendar: WorkdayCalendar = weekdays) => {
  let row: ApplicationStat | undefined;
  const spans = [];
  for (const e of events) {
    const { next, span } = applyApplicationEvent(row, e, calendar);
    row = next;
    if (span) spans.push(span);
  }
  return { row, spans };
};

const create = (at: string) =>
  ev(at, 'application.create', 'draft', { tier: 'specialized_sme', reReviewOf: null });

describe('the statistics projection of an application', () => {
  it('ignores events of an application it never saw created', () => {
    expect(fold([ev('2026-03-02T01:00:00.000Z', 'submit', 'submitted')]).row).toBeUndefined();
  });

  it.each([
    {
      name: 'a certified path records every milestone and each stage visit',
      events: [
        create('2026-03-02T01:00:00.000Z'), // Monday
        ev('2026-03-03T01:00:00.000Z', 'submit', 'submitted'),
        ev('2026-03-04T01:00:00.000Z', 'review.start', 'localReview'),
        ev('2026-03-10T01:00:00.000Z', 'review.recommend', 'provincialReview'),
        ev('2026-03-11T01:00:00.000Z', 'expert.review.record', 'provincialReview'),
        ev('2026-03-17T01:00:00.000Z', 'notice.publish', 'publicNotice'),
        ev('2026-03-24T01:00:00.000Z', 'deadline.expired', 'certified'),
      ],
      expected: {
        state: 'certified',
        certifiedYear: 2026,
        returned: 0,
        stage: null,
        spans: [
          ['local', 5], // Tue 3 → Tue 10: Wed..Tue = 5 weekdays
          ['provincial', 5],
          ['notice', 5],
        ],
      },
    },
    {
      name: 'a return and a resubmission are two visits of the local stage around a returned one',
      events: [
        create('2026-03-02T01:00:00.000Z'),
        ev('2026-03-03T01:00:00.000Z', 'submit', 'submitted'),
        ev('2026-03-04T01:00:00.000Z', 'review.start', 'localReview'),
        ev('2026-03-05T01:00:00.000Z', 'review.return', 'returned'),
        ev('2026-03-09T01:00:00.000Z', 'resubmit', 'localReview'),
        ev('2026-03-16T01:00:00.000Z', 'review.reject', 'rejected'),
      ],
      expected: {
        state: 'rejected',
        certifiedYear: null,
        returned: 1,
        stage: null,
        spans: [
          ['local', 2],
          ['returned', 2],
          ['local', 5],
        ],
      },
    },
    {
      name: 'an open visit is not a span yet',
      events: [
        create('2026-03-02T01:00:00.000Z'),
        ev('2026-03-03T01:00:00.000Z', 'submit', 'submitted'),
      ],
      expected: { state: 'submitted', certifiedYear: null, returned: 0, stage: 'local', spans: [] },
    },
  ])('$name', ({ events, expected }) => {
    const { row, spans } = fold(events);
    expect(row).toMatchObject({
      state: expected.state,
      certifiedYear: expected.certifiedYear,
      returned: expected.returned,
      stage: expected.stage,
    });
    expect(spans.map((s) => [s.stage, s.workingDays])).toEqual(expected.spans);
  });

  it('counts working days across the National Day holiday', () => {
    // Entered the provincial stage on Wed 30 Sep 2026; left on Mon 12 Oct. 1–7 Oct are holidays,
    // Sat 10 Oct is a make-up working day: 8, 9, 10 and 12 Oct count, 4 working days
    // (12 calendar days).
    const { spans } = fold(
      [
        create('2026-09-01T01:00:00.000Z'),
        ev('2026-09-02T01:00:00.000Z', 'submit', 'submitted'),
        ev('2026-09-30T02:00:00.000Z', 'review.recommend', 'provincialReview'),
        ev('2026-10-12T02:00:00.000Z', 'notice.publish', 'publicNotice'),
      ],
      autumn2026,
    );
    expect(spans.map((s) => [s.stage, s.workingDays])).toEqual([
      // 3–30 Sep: 20 weekdays, less the Mid-Autumn Festival (Fri 25 Sep), plus the make-up
      // working Sunday 20 Sep
      ['local', 20],
      ['provincial', 4],
    ]);
  });

  it('puts an instant in its year in China time', () => {
    expect(chinaYearOf('2026-12-31T16:00:00.000Z')).toBe(2027);
    expect(chinaYearOf('2026-12-31T15:59:59.999Z')).toBe(2026);
    expect(chinaYearStart(2027)).toBe('2026-12-31T16:00:00.000Z');
  });
});

describe('counters', () => {
  it('move a state count and add each milestone once', () => {
    const { row: draft } = fold([create('2026-03-02T01:00:00.000Z')]);
    expect(applicationCounterDeltas(undefined, draft).map((d) => [d.metric, d.n])).toEqual([
      ['state:draft', 1],
      ['funnel:created', 1],
    ]);
    const next = applyApplicationEvent(
      draft,
      ev('2026-03-03T01:00:00.000Z', 'submit', 'submitted'),
      weekdays,
    ).next;
    expect(applicationCounterDeltas(draft, next).map((d) => [d.metric, d.n])).toEqual([
      ['state:draft', -1],
      ['state:submitted', 1],
      ['funnel:submitted', 1],
    ]);
  });

  it('count a new title once, in the year it is certified, and never a renewal', () => {
    const base = fold([create('2026-12-30T01:00:00.000Z')]).row!;
    const certified = {
      ...base,
      state: 'certified',
      certifiedAt: '2027-01-05T01:00:00.000Z',
      certifiedYear: 2027,
    };
    expect(applicationCounterDeltas(base, certified)).toContainEqual(
      expect.objectContaining({ metric: 'certified', year: 2027, n: 1 }),
    );
    expect(
      applicationCounterDeltas({ ...base, reReview: true }, { ...certified, reReview: true }),
    ).not.toContainEqual(expect.objectContaining({ metric: 'certified' }));
  });

  it('follow a certificate from issue to revocation, and an overdue annual update', () => {
    const issue: StatEvent = {
      seq: 1,
      at: '2026-04-01T01:00:00.000Z',
      subjectType: 'certificate',
      subjectId: 'c1',
      enterpriseId: 'e1',
      regionCode: '130102',
      event: 'certificate.issue',
      toState: 'active',
      data: {
        tier: 'innovative_sme',
        applicationId: 'a1',
        validFrom: '2026-04-01',
        validTo: '2029-03-31',
      },
    };
    const issued = applyCertificateEvent(undefined, issue).next!;
    expect(certificateCounterDeltas(undefined, issued).map((d) => [d.year, d.metric, d.n])).toEqual(
      [
        [0, 'cert:active', 1],
        [2029, 'liveValidTo', 1],
      ],
    );
    const overdue = applyCertificateEvent(issued, {
      ...issue,
      seq: 2,
      event: 'annualUpdate.overdue',
      toState: 'active',
      at: '2027-06-01T01:00:00.000Z',
      data: {},
    });
    expect(overdue.overdue).toMatchObject({ year: 2027, tier: 'innovative_sme' });
    const revoked = applyCertificateEvent(issued, {
      ...issue,
      seq: 3,
      event: 'revoke',
      toState: 'revoked',
      at: '2027-07-01T01:00:00.000Z',
      data: {},
    }).next!;
    expect(certificateCounterDeltas(issued, revoked).map((d) => [d.year, d.metric, d.n])).toEqual([
      [0, 'cert:active', -1],
      [2029, 'liveValidTo', -1],
      [0, 'cert:revoked', 1],
      [2027, 'revoked', 1],
    ]);
  });
});

describe('nearest-rank percentiles', () => {
  it.each([
    [[], 1, 2, null],
    [[7], 1, 2, 7],
    [[1, 2, 3, 4], 1, 2, 2],
    [[4, 3, 2, 1, 5], 1, 2, 3],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 9, 10, 9],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 9, 10, 10],
  ])('%j at %i/%i → %j', (values, num, den, expected) => {
    expect(nearestRank(values, num, den)).toBe(expected);
  });
});

describe('progression', () => {
  const t = (
    enterpriseId: string,
    tier: 'innovative_sme' | 'specialized_sme' | 'little_giant',
    issuedAt: string,
  ) => ({
    enterpriseId,
    tier,
    issuedAt,
    issuedYear: Number(issuedAt.slice(0, 4)),
  });
  it.each([
    [
      'a first title enters the ladder',
      [t('e', 'innovative_sme', '2026-05-01')],
      [['e', 'innovative_sme', null]],
    ],
    [
      'a higher title moves up',
      [t('e', 'innovative_sme', '2025-05-01'), t('e', 'specialized_sme', '2026-05-01')],
      [['e', 'specialized_sme', 'innovative_sme']],
    ],
    ['a title of another year does not count', [t('e', 'innovative_sme', '2025-05-01')], []],
    [
      'a lower title is no progress',
      [t('e', 'specialized_sme', '2025-05-01'), t('e', 'innovative_sme', '2026-05-01')],
      [],
    ],
  ])('%s', (_, titles, expected) => {
    expect(progressedIn(2026, titles).map((m) => [m.enterpriseId, m.tier, m.from])).toEqual(
      expected,
    );
  });
});

describe('statisticsKeysOf', () => {
  it.each([
    ['a county', '130102', ['130102', '1301', '13', '']],
    ['a county-level city the province administers', '139001', ['139001', '1390', '13', '']],
    ['a city without counties', '441900', ['441900', '4419', '44', '']],
  ])('%s: its own code, its city, province and the country', (_, code, keys) => {
    expect(statisticsKeysOf(code)).toEqual(keys);
  });

  it('gives keys no region code can be: a county is read under its code alone', () => {
    const all = ['130102', '130104', '130203', '139001'].flatMap(statisticsKeysOf);
    expect(all.filter((k) => k.length === 6)).toEqual(['130102', '130104', '130203', '139001']);
  });
});
