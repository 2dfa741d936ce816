import type { ActorRef } from '../access/roles';
import type {
  CertificateContext,
  CertificateEvent,
  CertificateEventType,
} from './certificate.machine';
import {
  certificateWorkflow,
  isValidTitleOn,
  validityFrom,
  type CertificateState,
  type PersistedCertificateSnapshot,
} from './certificate.workflow';

const actor: ActorRef = { id: 'system', role: 'system' };
const ISSUED = '2026-05-20T02:00:00.000Z';
const validity = validityFrom(ISSUED);
const DUE_2026 = '2027-05-31T16:00:00.000Z';
const DUE_2027 = '2028-05-31T16:00:00.000Z';
const REMIND_2026 = '2027-05-01T16:00:00.000Z';
const REMIND_2027 = '2028-05-01T16:00:00.000Z';

const start = () =>
  certificateWorkflow.start({
    certificateId: 'c1',
    tier: 'specialized_sme',
    ...validity,
    annualUpdateDue: { year: 2026, dueAt: DUE_2026 },
  });

const given = (
  value: CertificateState,
  ctx: Partial<CertificateContext> = {},
): PersistedCertificateSnapshot => {
  const base = start().snapshot;
  return { value, status: 'active', context: { ...base.context, ...ctx } };
};

const event = (
  type: CertificateEventType,
  extra: Partial<CertificateEvent> = {},
): CertificateEvent => ({
  type,
  at: '2027-01-10T02:00:00.000Z',
  actor,
  ...extra,
});

describe('certificate validity', () => {
  it('runs three years from the announcement date, inclusive, to 24:00 China time', () => {
    expect(validity).toEqual({
      validFrom: '2026-05-20',
      validTo: '2029-05-19',
      expiresAt: '2029-05-19T16:00:00.000Z',
    });
    expect(validityFrom('2028-02-29T01:00:00.000Z').validTo).toBe('2031-02-27');
  });

  it.each([
    ['active', '2026-05-20', true],
    ['active', '2029-05-19', true],
    ['active', '2029-05-20', false],
    ['active', '2026-05-19', false],
    ['underReReview', '2029-06-30', true],
    ['revoked', '2027-01-01', false],
    ['expired', '2027-01-01', false],
  ] as const)('a %s title is valid on %s: %s', (state, date, expected) => {
    expect(
      isValidTitleOn({ state, validFrom: validity.validFrom, validTo: validity.validTo }, date),
    ).toBe(expected);
  });
});

describe('certificate machine', () => {
  it('schedules the annual update reminder when the context carries one', () => {
    const { effects } = certificateWorkflow.start({
      certificateId: 'c1',
      tier: 'specialized_sme',
      ...validity,
      annualUpdateDue: { year: 2026, dueAt: DUE_2026, remindAt: REMIND_2026 },
    });
    expect(effects).toContainEqual({
      type: 'scheduleDeadline',
      purpose: 'annualUpdateReminder',
      dueAt: REMIND_2026,
      event: 'annualUpdate.remind',
      data: { year: 2026 },
    });
  });

  it('starts active with its expiry and first annual update scheduled', () => {
    const { snapshot, effects } = start();
    expect(snapshot.value).toBe('active');
    expect(effects).toEqual([
      { type: 'scheduleDeadline', purpose: 'expiry', dueAt: validity.expiresAt },
      {
        type: 'scheduleDeadline',
        purpose: 'annualUpdate',
        dueAt: DUE_2026,
        event: 'annualUpdate.overdue',
        data: { year: 2026 },
      },
    ]);
  });

  type Row = [
    string,
    CertificateState,
    Partial<CertificateContext>,
    CertificateEventType,
    Partial<CertificateEvent>,
    CertificateState | 'unchanged',
  ];
  const rows: Row[] = [
    ['expires at its end', 'active', {}, 'deadline.expired', { at: validity.expiresAt }, 'expired'],
    [
      'not before',
      'active',
      {},
      'deadline.expired',
      { at: '2029-05-19T15:59:59.999Z' },
      'unchanged',
    ],
    [
      'expires while re-review is due',
      'reReviewDue',
      {},
      'deadline.expired',
      { at: validity.expiresAt },
      'expired',
    ],
    [
      'does not expire under re-review',
      'underReReview',
      {},
      'deadline.expired',
      { at: validity.expiresAt },
      'unchanged',
    ],
    ['opens a re-review', 'active', {}, 'reReview.open', {}, 'reReviewDue'],
    [
      'takes a re-review',
      'reReviewDue',
      {},
      'reReview.submit',
      { applicationId: 'a2' },
      'underReReview',
    ],
    [
      'refuses a forfeited re-review',
      'reReviewDue',
      { reReviewForfeited: true },
      'reReview.submit',
      {},
      'unchanged',
    ],
    ['fails a re-review', 'underReReview', {}, 'reReview.fail', {}, 'expired'],
    [
      'passes a re-review',
      'underReReview',
      {},
      'reReview.pass',
      { validTo: '2032-05-19', expiresAt: '2032-05-19T16:00:00.000Z' },
      'active',
    ],
    [
      'refuses a pass that does not extend',
      'underReReview',
      {},
      'reReview.pass',
      { validTo: '2029-05-19' },
      'unchanged',
    ],
    ['takes a change report', 'active', {}, 'change.report', {}, 'changeUnderReview'],
    ['accepts a change', 'changeUnderReview', {}, 'change.accept', {}, 'active'],
    [
      'rejects a change: revoked',
      'changeUnderReview',
      {},
      'change.reject',
      { ground: 'change_not_approved' },
      'revoked',
    ],
    [
      'revokes with a ground',
      'active',
      {},
      'revoke',
      { ground: 'fraud', barUntil: '2030-01-10' },
      'revoked',
    ],
    ['refuses a revocation without a ground', 'active', {}, 'revoke', {}, 'unchanged'],
    ['revokes under re-review', 'underReReview', {}, 'revoke', { ground: 'fraud' }, 'revoked'],
    ['nothing after revocation', 'revoked', {}, 'change.report', {}, 'unchanged'],
    ['nothing after expiry', 'expired', {}, 'reReview.open', {}, 'unchanged'],
  ];
  it.each(rows)('%s: given %s, when %s', (_label, from, ctx, type, extra, to) => {
    const outcome = certificateWorkflow.send(given(from, ctx), event(type, extra));
    if (to === 'unchanged') expect(outcome.changed).toBe(false);
    else expect(outcome.snapshot.value).toBe(to);
  });

  it('records the revocation ground and bar', () => {
    const s = certificateWorkflow.send(
      given('active'),
      event('revoke', { ground: 'fraud', barUntil: '2030-01-10' }),
    ).snapshot;
    expect(s.context).toMatchObject({ revokedGround: 'fraud', barUntil: '2030-01-10' });
    expect(s.status).toBe('done');
  });

  it('extends validity on a passed re-review and clears the forfeiture', () => {
    const s = certificateWorkflow.send(
      given('underReReview', { reReviewForfeited: true }),
      event('reReview.pass', { validTo: '2032-05-19', expiresAt: '2032-05-19T16:00:00.000Z' }),
    );
    expect(s.snapshot.context).toMatchObject({
      validTo: '2032-05-19',
      expiresAt: '2032-05-19T16:00:00.000Z',
      reReviewForfeited: false,
    });
    expect(s.effects).toContainEqual({
      type: 'scheduleDeadline',
      purpose: 'expiry',
      dueAt: '2032-05-19T16:00:00.000Z',
    });
  });

  describe('annual data updates', () => {
    it('moves to the next year when the due year is filed', () => {
      const out = certificateWorkflow.send(
        given('active'),
        event('annualUpdate.submit', { year: 2026, nextDueAt: DUE_2027 }),
      );
      expect(out.snapshot.context.annualUpdates).toEqual([2026]);
      expect(out.snapshot.context.annualUpdateDue).toEqual({ year: 2027, dueAt: DUE_2027 });
      expect(out.effects).toEqual([
        { type: 'cancelDeadlines', purpose: 'annualUpdate' },
        { type: 'cancelDeadlines', purpose: 'annualUpdateReminder' },
        {
          type: 'scheduleDeadline',
          purpose: 'annualUpdate',
          dueAt: DUE_2027,
          event: 'annualUpdate.overdue',
          data: { year: 2027 },
        },
      ]);
    });

    it('schedules the next reminder with the next update when reminders are on', () => {
      const out = certificateWorkflow.send(
        given('active', {
          annualUpdateDue: { year: 2026, dueAt: DUE_2026, remindAt: REMIND_2026 },
        }),
        event('annualUpdate.submit', {
          year: 2026,
          nextDueAt: DUE_2027,
          nextRemindAt: REMIND_2027,
        }),
      );
      expect(out.snapshot.context.annualUpdateDue).toEqual({
        year: 2027,
        dueAt: DUE_2027,
        remindAt: REMIND_2027,
      });
      expect(out.effects).toContainEqual({
        type: 'scheduleDeadline',
        purpose: 'annualUpdateReminder',
        dueAt: REMIND_2027,
        event: 'annualUpdate.remind',
        data: { year: 2027 },
      });
    });

    it.each<[string, CertificateState, Partial<CertificateContext>, number, boolean]>([
      ['the due year, not filed', 'active', {}, 2026, true],
      ['under a change review', 'changeUnderReview', {}, 2026, true],
      ['while re-review is due', 'reReviewDue', {}, 2026, true],
      ['under re-review', 'underReReview', {}, 2026, true],
      ['the due year, already filed', 'active', { annualUpdates: [2026] }, 2026, false],
      ['another year', 'active', {}, 2025, false],
      ['after revocation', 'revoked', {}, 2026, false],
      ['after expiry', 'expired', {}, 2026, false],
    ])('reminds of %s (%s): %s', (_label, state, ctx, year, accepted) => {
      const out = certificateWorkflow.send(
        given(state, ctx),
        event('annualUpdate.remind', { year }),
      );
      expect(out.changed).toBe(accepted);
      if (accepted) {
        expect(out.snapshot.value).toBe(state);
        expect(out.snapshot.context).toEqual(given(state, ctx).context);
        expect(out.effects).toEqual([]);
      }
    });

    it('records an update for another year without moving the schedule', () => {
      const out = certificateWorkflow.send(
        given('active'),
        event('annualUpdate.submit', { year: 2025, nextDueAt: DUE_2027 }),
      );
      expect(out.snapshot.context.annualUpdates).toEqual([2025]);
      expect(out.snapshot.context.annualUpdateDue?.year).toBe(2026);
      expect(out.effects).toEqual([]);
    });

    it('forfeits the re-review right when the update is overdue, and schedules the next', () => {
      const out = certificateWorkflow.send(
        given('active'),
        event('annualUpdate.overdue', { year: 2026, nextDueAt: DUE_2027 }),
      );
      expect(out.snapshot.context).toMatchObject({
        reReviewForfeited: true,
        annualUpdateDue: { year: 2027, dueAt: DUE_2027 },
      });
      expect(out.snapshot.value).toBe('active');
    });

    it('ignores an overdue notice for a year already filed', () => {
      const filed = given('active', { annualUpdates: [2026] });
      expect(
        certificateWorkflow.send(
          filed,
          event('annualUpdate.overdue', { year: 2026, nextDueAt: DUE_2027 }),
        ).changed,
      ).toBe(false);
    });
  });
});
