import type { AuditEntry } from '../audit/audit-entry';
import {
  domainEventsOf,
  eventTypeOf,
  filterAdmits,
  retryDelayMs,
  typeMatches,
  type DomainEvent,
  type EventFilter,
} from './domain-event';

const AT = '2026-05-11T02:00:00.000Z';
const audit = (over: Partial<AuditEntry> = {}): AuditEntry => ({
  at: AT,
  actor: { id: 'u1', role: 'reviewer', level: 'city', regionCode: '130100' },
  subject: { type: 'application', id: 'a1' },
  enterpriseId: 'e1',
  regionCode: '130102',
  event: 'review.return',
  fromState: 'localReview',
  toState: 'returned',
  data: { reasons: ['Add the audit report.'] },
  ...over,
});

const ids = () => {
  let n = 0;
  return () => `id-${++n}`;
};

describe('domain events of a transition', () => {
  it.each([
    ['application', 'submit', 'application.submit'],
    ['application', 'application.create', 'application.create'],
    ['certificate', 'certificate.issue', 'certificate.issue'],
    ['certificate', 'revoke', 'certificate.revoke'],
    ['timer', 'timer.reschedule', 'timer.reschedule'],
  ])('%s + %s is typed %s', (subject, event, type) => {
    expect(eventTypeOf(subject, event)).toBe(type);
  });

  it('carries subject, transition, actor role, audit seq and the deadlines it opened', () => {
    const [event, ...more] = domainEventsOf(
      {
        audit: audit(),
        seq: 42,
        tier: 'innovative_sme',
        effects: [
          { type: 'cancelDeadlines' },
          { type: 'scheduleDeadline', purpose: 'return', dueAt: '2026-05-18T16:00:00.000Z' },
        ],
      },
      ids(),
    );
    expect(more).toEqual([]);
    expect(event).toEqual({
      id: 'id-1',
      type: 'application.review.return',
      occurredAt: AT,
      seq: 42,
      subject: { kind: 'application', id: 'a1' },
      tier: 'innovative_sme',
      regionCode: '130102',
      enterpriseId: 'e1',
      from: 'localReview',
      to: 'returned',
      actorRole: 'reviewer',
      deadlines: [
        { purpose: 'return', event: 'deadline.expired', dueAt: '2026-05-18T16:00:00.000Z' },
      ],
      data: { reasons: ['Add the audit report.'] },
    });
  });

  it.each([
    [
      'an application reaching certified',
      audit({ event: 'deadline.expired', fromState: 'publicNotice', toState: 'certified' }),
      ['application.deadline.expired', 'application.certified'],
    ],
    [
      'a certified application staying certified',
      audit({ event: 'facts.confirm', fromState: 'certified', toState: 'certified' }),
      ['application.facts.confirm'],
    ],
    [
      'a certificate issued',
      audit({
        subject: { type: 'certificate', id: 'c1' },
        event: 'certificate.issue',
        fromState: null,
        toState: 'active',
      }),
      ['certificate.issue', 'certificate.issued'],
    ],
    ['a plain transition', audit({ event: 'submit' }), ['application.submit']],
  ])('names the outcome of %s', (_name, entry, types) => {
    const events = domainEventsOf({ audit: entry, seq: 1, effects: [] }, ids());
    expect(events.map((e) => e.type)).toEqual(types);
    expect(new Set(events.map((e) => e.seq))).toEqual(new Set([1]));
  });
});

describe('subscription filters', () => {
  const event = (over: Partial<DomainEvent> = {}): DomainEvent => ({
    ...domainEventsOf({ audit: audit(), seq: 1, tier: 'specialized_sme', effects: [] }, ids())[0]!,
    ...over,
  });

  it.each([
    ['*', 'application.submit', true],
    ['application.*', 'application.review.return', true],
    ['application.review.*', 'application.review.return', true],
    ['application.review.*', 'application.submit', false],
    ['certificate.*', 'application.submit', false],
    ['application.submit', 'application.submit', true],
    ['application.submit', 'application.submitted', false],
  ])('pattern %s matches %s: %s', (pattern, type, expected) => {
    expect(typeMatches(pattern, type)).toBe(expected);
  });

  it.each<[string, EventFilter, Partial<DomainEvent>, boolean]>([
    ['all events', { events: ['*'] }, {}, true],
    ['another type', { events: ['certificate.*'] }, {}, false],
    ['its tier', { events: ['*'], tiers: ['specialized_sme'] }, {}, true],
    ['another tier', { events: ['*'], tiers: ['little_giant'] }, {}, false],
    [
      'no tier on the event',
      { events: ['*'], tiers: ['little_giant'] },
      { tier: undefined },
      false,
    ],
    ['an empty tier list', { events: ['*'], tiers: [] }, {}, true],
    ['inside the region', { events: ['*'], regionPrefix: '13' }, {}, true],
    ['inside the city', { events: ['*'], regionPrefix: '1301' }, {}, true],
    ['another province', { events: ['*'], regionPrefix: '44' }, {}, false],
    ['no region on the event', { events: ['*'], regionPrefix: '13' }, { regionCode: null }, false],
  ])('admits %s: %s', (_name, filter, over, expected) => {
    const e = event(over);
    if ('tier' in over && over.tier === undefined) delete e.tier;
    expect(filterAdmits(filter, e)).toBe(expected);
  });
});

describe('retry delays', () => {
  it.each([
    [1, 0, 2500],
    [1, 0.999999, 5000],
    [2, 0, 5000],
    [3, 0.5, 15000],
    [10, 0, 1_280_000],
    [40, 0, 43_200_000],
  ])('attempt %d with jitter %d waits %d ms (base 5 s)', (attempt, random, expected) => {
    expect(retryDelayMs(attempt, 5000, random)).toBe(expected);
  });
});
