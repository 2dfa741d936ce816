import {
  admin,
  city,
  enterpriseUser,
  miit,
  province,
  system,
} from '../../../test/factories/actors.factory';
import { certificateIn, certificatePolicy } from '../../../test/factories/records.factory';
import type { Actor } from '../access/roles';
import { DomainError, type DomainErrorCode } from '../errors';
import { decideOpenCall } from './call.decide';
import type { CallRecord } from './calls';
import {
  allowedCertificateEvents,
  decideCertificateEvent,
  decideIssueCertificate,
} from './certificate.decide';
import type { CertificateContext, CertificateEventType } from './certificate.machine';
import type { CertificateState } from './certificate.workflow';
import type { SendCertificateEvent } from './commands';
import type { TimerRecord } from './records';
import { decideRescheduleTimer } from './timer.decide';
import type { Tier } from './tier';

const AT = '2027-03-01T02:00:00.000Z';
const REPORT = {
  operatingRevenue: 210_000_000,
  mainBusinessRevenue: 199_500_000,
  rdExpense: 11_000_000,
  netProfit: 21_000_000,
  totalAssets: 160_000_000,
  totalLiabilities: 78_000_000,
  employees: 410,
  rdEmployees: 105,
};
const owner = enterpriseUser('e1');

const codeOf = (decide: () => unknown): DomainErrorCode | null => {
  try {
    decide();
    return null;
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
};

describe('certificate decider: issue', () => {
  it('issues a three-year title with its expiry and first annual update scheduled', () => {
    const decision = decideIssueCertificate({
      command: {
        subject: 'certificate',
        kind: 'issue',
        id: 'c1',
        applicationId: 'a1',
        enterpriseId: 'e1',
        regionCode: '130102',
        tier: 'innovative_sme',
        actor: system,
        requestId: 'r1',
      },
      // 2026-05-20 10:00 China time.
      at: '2026-05-20T02:00:00.000Z',
      policy: certificatePolicy,
    });
    expect(decision.write).toMatchObject({
      insert: {
        id: 'c1',
        status: 'active',
        validFrom: '2026-05-20',
        validTo: '2029-05-19',
        version: 1,
        barUntil: null,
      },
    });
    expect(decision.effects).toEqual([
      { type: 'scheduleDeadline', purpose: 'expiry', dueAt: '2029-05-19T16:00:00.000Z' },
      {
        type: 'scheduleDeadline',
        purpose: 'annualUpdate',
        dueAt: '2027-05-31T16:00:00.000Z',
        event: 'annualUpdate.overdue',
        data: { year: 2026 },
      },
      {
        type: 'scheduleDeadline',
        purpose: 'annualUpdateReminder',
        // 30 days before 24:00 China time on 31 May 2027.
        dueAt: '2027-05-01T16:00:00.000Z',
        event: 'annualUpdate.remind',
        data: { year: 2026 },
      },
    ]);
    expect(decision.audit).toMatchObject({
      event: 'certificate.issue',
      toState: 'active',
      data: { action: 'certificate.issued', applicationId: 'a1', validTo: '2029-05-19' },
    });
  });
});

describe('certificate decider: the annual update reminder', () => {
  const issue = (annualUpdateReminderDays: number) =>
    decideIssueCertificate({
      command: {
        subject: 'certificate',
        kind: 'issue',
        id: 'c1',
        applicationId: 'a1',
        enterpriseId: 'e1',
        regionCode: '130102',
        tier: 'specialized_sme',
        actor: system,
        requestId: 'r1',
      },
      at: '2026-05-20T02:00:00.000Z',
      policy: { ...certificatePolicy, annualUpdateReminderDays },
    });
  const reminders = (days: number) =>
    issue(days).effects.filter(
      (e) => e.type === 'scheduleDeadline' && e.purpose === 'annualUpdateReminder',
    );

  it.each([
    [0, []],
    [1, ['2027-05-30T16:00:00.000Z']],
    [30, ['2027-05-01T16:00:00.000Z']],
    [180, ['2026-12-02T16:00:00.000Z']],
  ] as const)('%i days before: %j', (days, dueAts) => {
    expect(reminders(days).map((e) => (e.type === 'scheduleDeadline' ? e.dueAt : null))).toEqual(
      dueAts,
    );
  });

  it('is sent by the system only, records the year and due date, and changes nothing', () => {
    const record = certificateIn('active');
    const decision = decideCertificateEvent({
      record,
      command: {
        subject: 'certificate',
        kind: 'event',
        id: record.id,
        type: 'annualUpdate.remind',
        actor: system,
        requestId: 'timer:t1',
      },
      reads: { otherLiveTitleIds: [] },
      at: AT,
      policy: certificatePolicy,
    });
    const due = record.snapshot.context.annualUpdateDue!;
    expect(decision.audit).toMatchObject({
      event: 'annualUpdate.remind',
      fromState: 'active',
      toState: 'active',
      data: { year: due.year, dueAt: due.dueAt },
    });
    expect(decision.effects).toEqual([]);
    for (const by of [owner, province, admin]) {
      expect(
        codeOf(() =>
          decideCertificateEvent({
            record,
            command: {
              subject: 'certificate',
              kind: 'event',
              id: record.id,
              type: 'annualUpdate.remind',
              actor: by,
              requestId: 'r',
            },
            reads: { otherLiveTitleIds: [] },
            at: AT,
            policy: certificatePolicy,
          }),
        ),
      ).toBe('FORBIDDEN');
    }
  });
});

type Row = {
  name: string;
  given: CertificateState;
  tier?: Tier;
  context?: Partial<CertificateContext>;
  when: CertificateEventType;
  by: Actor;
  with?: Partial<SendCertificateEvent>;
  others?: string[];
} & (
  | { then: CertificateState; validTo?: string; barUntil?: string | null; cascade?: string[] }
  | { refused: DomainErrorCode }
);

const rows: Row[] = [
  {
    name: 'the owner files the annual update due, with its figures',
    given: 'active',
    when: 'annualUpdate.submit',
    by: owner,
    with: { report: REPORT },
    then: 'active',
  },
  {
    name: 'an annual update without its figures (M1)',
    given: 'active',
    when: 'annualUpdate.submit',
    by: owner,
    refused: 'VALIDATION_FAILED',
  },
  {
    name: 'an annual update of a year that is not due (M1)',
    given: 'active',
    when: 'annualUpdate.submit',
    by: owner,
    with: { report: REPORT, year: 2027 },
    refused: 'RULE_NOT_MET',
  },
  {
    name: 'an annual update of a data year that has not ended (M1)',
    given: 'active',
    context: { annualUpdateDue: { year: 2027, dueAt: '2028-05-31T16:00:00.000Z' } },
    when: 'annualUpdate.submit',
    by: owner,
    with: { report: REPORT },
    refused: 'RULE_NOT_MET',
  },
  {
    name: 'another enterprise may not',
    given: 'active',
    when: 'annualUpdate.submit',
    by: enterpriseUser('e2'),
    refused: 'FORBIDDEN',
  },
  {
    name: 'a revocation needs a ground',
    given: 'active',
    when: 'revoke',
    by: province,
    refused: 'VALIDATION_FAILED',
  },
  {
    name: 'a city may not revoke',
    given: 'active',
    when: 'revoke',
    by: city,
    with: { ground: 'fraud' },
    refused: 'FORBIDDEN',
  },
  {
    name: 'the province may not revoke a little giant',
    given: 'active',
    tier: 'little_giant',
    when: 'revoke',
    by: province,
    with: { ground: 'no_longer_qualified' },
    refused: 'FORBIDDEN',
  },
  {
    name: 'a revocation for being no longer qualified bars nothing',
    given: 'active',
    when: 'revoke',
    by: province,
    with: { ground: 'no_longer_qualified' },
    then: 'revoked',
    barUntil: null,
  },
  {
    name: 'a revocation for fraud bars three years and cancels every other title',
    given: 'active',
    when: 'revoke',
    by: miit,
    with: { ground: 'fraud' },
    others: ['c2', 'c3'],
    then: 'revoked',
    barUntil: '2030-02-28',
    cascade: ['c2', 'c3'],
  },
  {
    name: 'a revocation that follows from a fraud revocation cascades no further',
    given: 'active',
    when: 'revoke',
    by: system,
    with: { ground: 'fraud', cascadeOf: 'c0' },
    others: ['c2', 'c3'],
    then: 'revoked',
    barUntil: '2030-02-28',
    cascade: [],
  },
  {
    name: 'a revoked title is not revoked again',
    given: 'revoked',
    when: 'revoke',
    by: miit,
    with: { ground: 'fraud' },
    refused: 'INVALID_TRANSITION',
  },
  {
    name: 'a passed re-review renews the title for three years from its end',
    given: 'underReReview',
    when: 'reReview.pass',
    by: system,
    with: { applicationId: 'a2' },
    then: 'active',
    validTo: '2032-05-31',
  },
  {
    name: 'a change report goes to the province',
    given: 'active',
    when: 'change.report',
    by: owner,
    then: 'changeUnderReview',
  },
  {
    name: 'a change the province does not approve revokes',
    given: 'changeUnderReview',
    when: 'change.reject',
    by: province,
    then: 'revoked',
    barUntil: null,
  },
  {
    name: 'a re-review is not filed once the right to it is forfeited',
    given: 'reReviewDue',
    context: { reReviewForfeited: true },
    when: 'reReview.submit',
    by: owner,
    with: { applicationId: 'a2' },
    refused: 'INVALID_TRANSITION',
  },
];

describe('certificate decider: events', () => {
  it.each(rows)('$name', (row) => {
    const decide = () =>
      decideCertificateEvent({
        record: certificateIn(row.given, {
          ...(row.tier ? { tier: row.tier } : {}),
          ...(row.context ? { context: row.context } : {}),
        }),
        command: {
          subject: 'certificate',
          kind: 'event',
          id: 'c1',
          type: row.when,
          actor: row.by,
          requestId: 'r1',
          ...row.with,
        },
        reads: { otherLiveTitleIds: row.others ?? [] },
        at: AT,
        policy: certificatePolicy,
      });
    if ('refused' in row) {
      expect(codeOf(decide)).toBe(row.refused);
      return;
    }
    const decision = decide();
    expect(decision.write).toMatchObject({ update: { status: row.then, updatedAt: AT } });
    if (row.validTo) expect(decision.write).toMatchObject({ update: { validTo: row.validTo } });
    if (row.barUntil !== undefined) {
      expect(decision.write).toMatchObject({ update: { barUntil: row.barUntil } });
    }
    if (row.cascade) {
      expect(decision.followUps).toEqual(
        row.cascade.map((id) =>
          expect.objectContaining({
            subject: 'certificate',
            id,
            type: 'revoke',
            ground: 'fraud',
            cascadeOf: 'c1',
          }),
        ),
      );
    }
    expect(decision.audit).toMatchObject({
      event: row.when,
      fromState: row.given,
      toState: row.then,
      data: { version: 2 },
    });
  });

  it('moves the annual update on to the next year, due 31 May of the year after', () => {
    const decision = decideCertificateEvent({
      record: certificateIn('active'),
      command: {
        subject: 'certificate',
        kind: 'event',
        id: 'c1',
        type: 'annualUpdate.submit',
        actor: owner,
        requestId: null,
        report: REPORT,
      },
      reads: { otherLiveTitleIds: [] },
      at: AT,
      policy: certificatePolicy,
    });
    expect(decision.write).toMatchObject({
      update: {
        snapshot: {
          context: {
            annualUpdates: [2026],
            annualUpdateDue: { year: 2027, dueAt: '2028-05-31T16:00:00.000Z' },
          },
        },
      },
    });
    expect(decision.audit?.data).toMatchObject({ year: 2026, report: REPORT });
  });
});

describe('certificate decider: a revocation ends the applications it must (H1, L5)', () => {
  const revoke = (
    ground: 'fraud' | 'tax_violation' | 'no_longer_qualified',
    others: string[] = [],
    cascadeOf?: string,
  ) =>
    decideCertificateEvent({
      record: certificateIn('active'),
      command: {
        subject: 'certificate',
        kind: 'event',
        id: 'c1',
        type: 'revoke',
        ground,
        actor: cascadeOf ? system : province,
        requestId: 'r1',
        ...(cascadeOf ? { cascadeOf } : {}),
      },
      reads: {
        otherLiveTitleIds: others,
        openApplications: [
          { id: 'a-first', reReviewOf: null },
          { id: 'a-renews-c1', reReviewOf: 'c1' },
          { id: 'a-renews-c9', reReviewOf: 'c9' },
        ],
      },
      at: AT,
      policy: certificatePolicy,
    });
  const lapses = (
    followUps: readonly { type?: string; id: string; settlesCertificate?: false }[],
  ) =>
    followUps
      .filter((f) => f.type === 'eligibility.lapse')
      .map((f) => [f.id, f.settlesCertificate ?? true]);

  it('ends every open application when it bars the enterprise; the re-review of c1 unsettled', () => {
    expect(lapses(revoke('tax_violation').followUps as never)).toEqual([
      ['a-first', true],
      ['a-renews-c1', false],
      ['a-renews-c9', true],
    ]);
  });

  it('does not settle the re-review of a title the fraud cascade revokes too', () => {
    expect(lapses(revoke('fraud', ['c9']).followUps as never)).toEqual([
      ['a-first', true],
      ['a-renews-c1', false],
      ['a-renews-c9', false],
    ]);
  });

  it('ends only the re-review of the revoked title when it bars nothing', () => {
    expect(lapses(revoke('no_longer_qualified').followUps as never)).toEqual([
      ['a-renews-c1', false],
    ]);
  });

  it('leaves the applications to the revocation the cascade came from', () => {
    expect(lapses(revoke('fraud', [], 'c0').followUps as never)).toEqual([]);
  });
});

describe('certificate decider: what the caller may send now', () => {
  it.each([
    ['the owner, active', 'active', owner, ['annualUpdate.submit', 'change.report']],
    ['the province, active', 'active', province, ['revoke']],
    [
      'the province, a change under review',
      'changeUnderReview',
      province,
      ['change.accept', 'change.reject', 'revoke'],
    ],
    [
      'the owner, due for re-review',
      'reReviewDue',
      owner,
      ['annualUpdate.submit', 'reReview.submit'],
    ],
    ['an admin, active', 'active', admin, []],
    ['the province, revoked', 'revoked', province, []],
  ] as const)('%s', (_name, status, actor, expected) => {
    expect(
      allowedCertificateEvents(certificateIn(status), actor, AT, certificatePolicy).sort(),
    ).toEqual([...expected].sort());
  });
});

const timer = (overrides: Partial<TimerRecord> = {}): TimerRecord => ({
  id: 't1',
  subjectType: 'certificate',
  subjectId: 'c1',
  event: 'annualUpdate.overdue',
  purpose: 'annualUpdate',
  dueAt: '2027-05-31T16:00:00.000Z',
  status: 'pending',
  firedAt: null,
  cancelledAt: null,
  attempts: 0,
  data: { year: 2026 },
  createdAt: '2026-06-01T02:00:00.000Z',
  ...overrides,
});

describe('timer decider: an operator moves a deadline', () => {
  const reschedule = (record: TimerRecord) =>
    decideRescheduleTimer({
      record,
      command: {
        subject: 'timer',
        kind: 'reschedule',
        id: record.id,
        dueAt: '2027-06-30T16:00:00.000Z',
        actor: admin,
        requestId: 'r1',
      },
      owner: { enterpriseId: 'e1', regionCode: '130102' },
      at: AT,
    });

  it('moves a certificate’s annual update, audited with the old and the new date', () => {
    const decision = reschedule(timer());
    expect(decision.write).toEqual({ update: { dueAt: '2027-06-30T16:00:00.000Z' } });
    expect(decision.audit).toMatchObject({
      event: 'timer.reschedule',
      subject: { type: 'certificate', id: 'c1' },
      enterpriseId: 'e1',
      data: { oldDueAt: '2027-05-31T16:00:00.000Z', newDueAt: '2027-06-30T16:00:00.000Z' },
    });
  });

  it('moves an application deadline through the application (its machine holds it too)', () => {
    const decision = reschedule(
      timer({ subjectType: 'application', subjectId: 'a1', purpose: 'notice' }),
    );
    expect(decision.write).toBeNull();
    expect(decision.audit).toBeNull();
    expect(decision.followUps).toEqual([
      expect.objectContaining({
        subject: 'application',
        id: 'a1',
        type: 'deadline.reschedule',
        dueAt: '2027-06-30T16:00:00.000Z',
      }),
    ]);
  });

  it.each([
    ['an earlier date (M11)', '2027-05-30T16:00:00.000Z', 'RULE_NOT_MET'],
    ['more than 30 days later (M11)', '2027-07-01T16:00:00.001Z', 'RULE_NOT_MET'],
    ['a date in the past (M11)', '2027-02-01T00:00:00.000Z', 'RULE_NOT_MET'],
    ['exactly 30 days later', '2027-06-30T16:00:00.000Z', null],
  ] as const)('bounds a move: %s', (_name, dueAt, code) => {
    const move = () =>
      decideRescheduleTimer({
        record: timer(),
        command: {
          subject: 'timer',
          kind: 'reschedule',
          id: 't1',
          dueAt,
          actor: admin,
          requestId: null,
        },
        owner: undefined,
        at: AT,
      });
    expect(codeOf(move)).toBe(code);
  });

  it.each([
    ['a fired timer', timer({ status: 'fired' }), 'INVALID_TRANSITION'],
    [
      'the expiry of a title',
      timer({ purpose: 'expiry', event: 'deadline.expired' }),
      'RULE_NOT_MET',
    ],
  ] as const)('refuses %s', (_name, record, code) => {
    expect(codeOf(() => reschedule(record))).toBe(code);
  });
});

describe('call decider: a call opens the re-reviews of its year', () => {
  it('makes every title due that expires in the call’s year', () => {
    const call: CallRecord = {
      id: 'call-29',
      tier: 'specialized_sme',
      regionCode: '130000',
      year: 2029,
      opensAt: '2029-03-01T00:00:00.000Z',
      closesAt: '2029-04-30T16:00:00.000Z',
      ruleSet: null,
      noticeWorkingDays: null,
      createdBy: 'p',
      createdAt: '2029-01-01T00:00:00.000Z',
    };
    const decision = decideOpenCall({
      record: call,
      command: { subject: 'call', kind: 'open', id: 'call-29', actor: system, requestId: 't' },
      dueCertificateIds: ['c1', 'c2'],
      roundId: 'round-1',
      at: '2029-03-01T00:00:00.000Z',
    });
    expect(decision.followUps).toEqual(
      ['c1', 'c2'].map((id) =>
        expect.objectContaining({
          subject: 'certificate',
          id,
          type: 'reReview.open',
          data: { callId: 'call-29' },
        }),
      ),
    );
    expect(decision.write).toBeNull();
    // The round is recorded as one batch of the certificates, and the opening as one audit event.
    expect(decision.effects).toEqual([
      { type: 'recordRound', roundId: 'round-1', callId: 'call-29', certificateIds: ['c1', 'c2'] },
    ]);
    expect(decision.audit).toMatchObject({
      subject: { type: 'call', id: 'call-29' },
      event: 'call.opened',
      data: { roundId: 'round-1', count: 2, year: 2029, tier: 'specialized_sme' },
    });
  });
});
