import type { ActorRef } from '../access/roles';
import type { ApplicationEvent, ApplicationEventType } from './application.events';
import {
  APPLICATION_WORKFLOWS,
  type ApplicationState,
  type PersistedApplicationSnapshot,
  type WorkflowEffect,
} from './application.machines';
import type { ApplicationContext } from './application.machine';
import type { Tier } from './tier';

const T0 = '2026-05-11T02:00:00.000Z';
const LATER = '2026-06-30T02:00:00.000Z';
const actor: ActorRef = { id: 'u1', role: 'reviewer' };

const context = (overrides: Partial<ApplicationContext> = {}): ApplicationContext => ({
  applicationId: 'a1',
  tier: 'specialized_sme',
  callClosesAt: null,
  submittedAt: null,
  returnDueAt: null,
  noticeEndsAt: null,
  decidedAt: null,
  returnCount: 0,
  expertReviewCount: 0,
  inspectionCount: 0,
  objectionCount: 0,
  ...overrides,
});

const given = (
  value: ApplicationState,
  ctx: Partial<ApplicationContext> = {},
): PersistedApplicationSnapshot => ({ value, context: context(ctx), status: 'active' });

const event = (
  type: ApplicationEventType,
  extra: Partial<ApplicationEvent> = {},
): ApplicationEvent => ({
  type,
  at: T0,
  actor,
  ...extra,
});

type Row = {
  tiers: Tier[];
  from: ApplicationState;
  ctx?: Partial<ApplicationContext>;
  when: ApplicationEventType;
  extra?: Partial<ApplicationEvent>;
  to: ApplicationState | 'unchanged';
  effects?: WorkflowEffect[];
};

const ALL: Tier[] = ['innovative_sme', 'specialized_sme', 'little_giant'];
const PROV: Tier[] = ['specialized_sme', 'little_giant'];
const DUE = '2026-05-18T16:00:00.000Z';

// given state (+context) / when event / then state and effects.
const table: Row[] = [
  { tiers: ALL, from: 'draft', when: 'submit', to: 'submitted' },
  { tiers: ALL, from: 'draft', when: 'withdraw', to: 'withdrawn' },
  { tiers: ALL, from: 'draft', when: 'review.start', to: 'unchanged' },
  { tiers: ALL, from: 'submitted', when: 'review.start', to: 'localReview' },
  { tiers: ALL, from: 'submitted', when: 'withdraw', to: 'withdrawn' },
  { tiers: ALL, from: 'submitted', when: 'submit', to: 'unchanged' },
  {
    tiers: ALL,
    from: 'localReview',
    when: 'review.return',
    extra: { dueAt: DUE },
    to: 'returned',
    effects: [{ type: 'scheduleDeadline', purpose: 'return', dueAt: DUE }],
  },
  { tiers: ALL, from: 'localReview', when: 'review.reject', to: 'rejected' },
  { tiers: ALL, from: 'localReview', when: 'review.recommend', to: 'provincialReview' },
  { tiers: ALL, from: 'localReview', when: 'withdraw', to: 'unchanged' },
  { tiers: ALL, from: 'localReview', when: 'notice.publish', to: 'unchanged' },
  // Resubmission is possible until the return deadline, and not at or after it.
  {
    tiers: ALL,
    from: 'returned',
    ctx: { returnDueAt: DUE },
    when: 'resubmit',
    to: 'localReview',
    effects: [{ type: 'cancelDeadlines' }],
  },
  { tiers: ALL, from: 'returned', ctx: { returnDueAt: T0 }, when: 'resubmit', to: 'unchanged' },
  {
    tiers: ALL,
    from: 'returned',
    ctx: { returnDueAt: T0 },
    when: 'deadline.expired',
    to: 'rejected',
    effects: [{ type: 'cancelDeadlines' }],
  },
  {
    tiers: ALL,
    from: 'returned',
    ctx: { returnDueAt: DUE },
    when: 'deadline.expired',
    to: 'unchanged',
  },
  { tiers: ALL, from: 'returned', ctx: { returnDueAt: DUE }, when: 'withdraw', to: 'withdrawn' },
  {
    tiers: ALL,
    from: 'provincialReview',
    when: 'notice.publish',
    extra: { dueAt: DUE },
    to: 'publicNotice',
    effects: [{ type: 'scheduleDeadline', purpose: 'notice', dueAt: DUE }],
  },
  {
    tiers: ALL,
    from: 'provincialReview',
    when: 'review.return',
    extra: { dueAt: DUE },
    to: 'returned',
  },
  { tiers: ALL, from: 'provincialReview', when: 'review.reject', to: 'rejected' },
  { tiers: ALL, from: 'provincialReview', when: 'withdraw', to: 'unchanged' },
  { tiers: PROV, from: 'provincialReview', when: 'expert.review.record', to: 'provincialReview' },
  {
    tiers: ['innovative_sme'],
    from: 'provincialReview',
    when: 'expert.review.record',
    to: 'unchanged',
  },
  { tiers: PROV, from: 'provincialReview', when: 'inspection.schedule', to: 'onSiteCheck' },
  {
    tiers: ['innovative_sme'],
    from: 'provincialReview',
    when: 'inspection.schedule',
    to: 'unchanged',
  },
  { tiers: PROV, from: 'onSiteCheck', when: 'inspection.record', to: 'provincialReview' },
  { tiers: PROV, from: 'onSiteCheck', when: 'notice.publish', to: 'unchanged' },
  // The notice ends only at its end; then it certifies (or recommends to MIIT).
  {
    tiers: ALL,
    from: 'publicNotice',
    ctx: { noticeEndsAt: DUE },
    when: 'deadline.expired',
    to: 'unchanged',
  },
  {
    tiers: ['innovative_sme', 'specialized_sme'],
    from: 'publicNotice',
    ctx: { noticeEndsAt: T0 },
    when: 'deadline.expired',
    to: 'certified',
    effects: [{ type: 'cancelDeadlines' }, { type: 'issueCertificate' }],
  },
  {
    tiers: ['little_giant'],
    from: 'publicNotice',
    ctx: { noticeEndsAt: T0 },
    when: 'deadline.expired',
    to: 'recommendedToMiit',
  },
  {
    tiers: ALL,
    from: 'publicNotice',
    ctx: { noticeEndsAt: DUE },
    when: 'objection.file',
    to: 'objectionReview',
    effects: [{ type: 'cancelDeadlines' }],
  },
  {
    tiers: ALL,
    from: 'objectionReview',
    ctx: { noticeEndsAt: DUE },
    when: 'objection.uphold',
    to: 'rejected',
  },
  // Dismissed before the notice ends: back to the notice, its timer set again.
  {
    tiers: ALL,
    from: 'objectionReview',
    ctx: { noticeEndsAt: DUE },
    when: 'objection.dismiss',
    to: 'publicNotice',
    effects: [{ type: 'scheduleDeadline', purpose: 'notice', dueAt: DUE }],
  },
  // Dismissed after the notice ended: straight on.
  {
    tiers: ['innovative_sme', 'specialized_sme'],
    from: 'objectionReview',
    ctx: { noticeEndsAt: T0 },
    when: 'objection.dismiss',
    to: 'certified',
  },
  {
    tiers: ['little_giant'],
    from: 'objectionReview',
    ctx: { noticeEndsAt: T0 },
    when: 'objection.dismiss',
    to: 'recommendedToMiit',
  },
  {
    tiers: ['little_giant'],
    from: 'recommendedToMiit',
    when: 'review.start',
    to: 'nationalReview',
  },
  {
    tiers: ['little_giant'],
    from: 'nationalReview',
    when: 'expert.review.record',
    to: 'nationalReview',
  },
  {
    tiers: ['little_giant'],
    from: 'nationalReview',
    when: 'inspection.schedule',
    to: 'nationalOnSiteCheck',
  },
  {
    tiers: ['little_giant'],
    from: 'nationalOnSiteCheck',
    when: 'inspection.record',
    to: 'nationalReview',
  },
  { tiers: ['little_giant'], from: 'nationalReview', when: 'review.reject', to: 'rejected' },
  { tiers: ['little_giant'], from: 'nationalReview', when: 'review.return', to: 'unchanged' },
  {
    tiers: ['little_giant'],
    from: 'nationalReview',
    when: 'notice.publish',
    extra: { dueAt: DUE },
    to: 'nationalNotice',
    effects: [{ type: 'scheduleDeadline', purpose: 'notice', dueAt: DUE }],
  },
  {
    tiers: ['little_giant'],
    from: 'nationalNotice',
    ctx: { noticeEndsAt: DUE },
    when: 'deadline.expired',
    to: 'unchanged',
  },
  {
    tiers: ['little_giant'],
    from: 'nationalNotice',
    ctx: { noticeEndsAt: T0 },
    when: 'deadline.expired',
    to: 'certified',
  },
  {
    tiers: ['little_giant'],
    from: 'nationalNotice',
    ctx: { noticeEndsAt: DUE },
    when: 'objection.file',
    to: 'nationalObjectionReview',
  },
  {
    tiers: ['little_giant'],
    from: 'nationalObjectionReview',
    ctx: { noticeEndsAt: DUE },
    when: 'objection.uphold',
    to: 'rejected',
  },
  {
    tiers: ['little_giant'],
    from: 'nationalObjectionReview',
    ctx: { noticeEndsAt: DUE },
    when: 'objection.dismiss',
    to: 'nationalNotice',
  },
  {
    tiers: ['little_giant'],
    from: 'nationalObjectionReview',
    ctx: { noticeEndsAt: T0 },
    when: 'objection.dismiss',
    to: 'certified',
  },
  // An operator moves a deadline: the context and the timer follow.
  {
    tiers: ALL,
    from: 'publicNotice',
    ctx: { noticeEndsAt: DUE },
    when: 'deadline.reschedule',
    extra: { dueAt: T0 },
    to: 'publicNotice',
    effects: [{ type: 'rescheduleDeadline', purpose: 'notice', dueAt: T0 }],
  },
  {
    tiers: ALL,
    from: 'returned',
    ctx: { returnDueAt: DUE },
    when: 'deadline.reschedule',
    extra: { dueAt: T0 },
    to: 'returned',
    effects: [{ type: 'rescheduleDeadline', purpose: 'return', dueAt: T0 }],
  },
  {
    tiers: ALL,
    from: 'publicNotice',
    ctx: { noticeEndsAt: DUE },
    when: 'deadline.reschedule',
    to: 'unchanged',
  },
  {
    tiers: ALL,
    from: 'localReview',
    when: 'deadline.reschedule',
    extra: { dueAt: T0 },
    to: 'unchanged',
  },
  // Final states accept nothing.
  { tiers: ALL, from: 'certified', when: 'withdraw', to: 'unchanged' },
  { tiers: ALL, from: 'rejected', when: 'resubmit', to: 'unchanged' },
  { tiers: ALL, from: 'withdrawn', when: 'submit', to: 'unchanged' },
];

const cases = table.flatMap((row) => row.tiers.map((tier) => ({ tier, ...row })));

describe('application machines', () => {
  it.each(cases)(
    '$tier: given $from, when $when, then $to',
    ({ tier, from, ctx, when, extra, to, effects }) => {
      const workflow = APPLICATION_WORKFLOWS[tier];
      const outcome = workflow.send(given(from, { tier, ...ctx }), event(when, extra));
      if (to === 'unchanged') {
        expect(outcome.changed).toBe(false);
        expect(outcome.snapshot.value).toBe(from);
        expect(workflow.can(given(from, { tier, ...ctx }), event(when, extra))).toBe(false);
      } else {
        expect(outcome.changed).toBe(true);
        expect(outcome.snapshot.value).toBe(to);
        if (effects) expect(outcome.effects).toEqual(effects);
      }
    },
  );

  it.each(ALL)('%s starts in draft with an empty context and no effects', (tier) => {
    const { snapshot, effects } = APPLICATION_WORKFLOWS[tier].start({ applicationId: 'a9', tier });
    expect(snapshot.value).toBe('draft');
    expect(snapshot.context).toEqual(context({ applicationId: 'a9', tier }));
    expect(effects).toEqual([]);
  });

  it('records the return deadline, counts returns and clears the deadline on resubmit', () => {
    const w = APPLICATION_WORKFLOWS.innovative_sme;
    const returned = w.send(given('localReview'), event('review.return', { dueAt: DUE }));
    expect(returned.snapshot.context).toMatchObject({ returnDueAt: DUE, returnCount: 1 });
    const back = w.send(returned.snapshot, event('resubmit'));
    expect(back.snapshot.context.returnDueAt).toBeNull();
  });

  it('counts expert reviews, inspections and objections and stamps the decision time', () => {
    const w = APPLICATION_WORKFLOWS.specialized_sme;
    let s = w.send(given('provincialReview'), event('expert.review.record')).snapshot;
    s = w.send(s, event('inspection.schedule')).snapshot;
    s = w.send(s, event('inspection.record')).snapshot;
    s = w.send(s, event('notice.publish', { dueAt: DUE })).snapshot;
    s = w.send(s, event('objection.file')).snapshot;
    s = w.send(s, event('objection.uphold', { at: LATER })).snapshot;
    expect(s.value).toBe('rejected');
    expect(s.status).toBe('done');
    expect(s.context).toMatchObject({
      expertReviewCount: 1,
      inspectionCount: 1,
      objectionCount: 1,
      noticeEndsAt: DUE,
      decidedAt: LATER,
    });
  });

  it('ends a rescheduled notice at its new end', () => {
    const w = APPLICATION_WORKFLOWS.innovative_sme;
    const moved = w.send(
      given('publicNotice', { noticeEndsAt: DUE }),
      event('deadline.reschedule', { dueAt: T0 }),
    );
    expect(moved.snapshot.context.noticeEndsAt).toBe(T0);
    expect(w.send(moved.snapshot, event('deadline.expired')).snapshot.value).toBe('certified');
  });

  it('survives a JSON round trip of its snapshot (what the database stores)', () => {
    const w = APPLICATION_WORKFLOWS.little_giant;
    const s = w.send(given('nationalReview'), event('notice.publish', { dueAt: DUE })).snapshot;
    const stored = JSON.parse(JSON.stringify(s)) as PersistedApplicationSnapshot;
    expect(w.send(stored, event('deadline.expired', { at: LATER })).snapshot.value).toBe(
      'certified',
    );
  });

  it('exports an id and a version per machine', () => {
    expect(Object.values(APPLICATION_WORKFLOWS).map((w) => [w.id, w.version])).toEqual([
      ['innovative-sme-application', 1],
      ['specialized-sme-application', 1],
      ['little-giant-application', 1],
    ]);
  });
});
