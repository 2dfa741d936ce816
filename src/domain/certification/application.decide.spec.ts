import { renderMsg } from '../i18n/render';
import type { Msg } from '../i18n/message';
import {
  city,
  county,
  enterpriseUser,
  expert,
  member,
  miit,
  province,
  system,
} from '../../../test/factories/actors.factory';
import { failingFacts, passingFacts } from '../../../test/factories/facts.factory';
import {
  applicationIn,
  applicationPolicy,
  certificateIn,
} from '../../../test/factories/records.factory';
import type { Actor } from '../access/roles';
import type { DocumentRecord } from '../documents/documents';
import type { DomainErrorCode } from '../errors';
import { DomainError } from '../errors';
import {
  allowedApplicationEvents,
  decideApplicationEvent,
  decideCreateApplication,
  decideCreateReReview,
  decideUpdateFacts,
  factsHashOf,
  type CreationReads,
  type EventReads,
} from './application.decide';
import type { ApplicationContext } from './application.machine';
import type { ApplicationEventType } from './application.events';
import type { ApplicationState } from './application.machines';
import type { CallRecord } from './calls';
import type { Command, SendApplicationEvent } from './commands';
import type { Decision, Effect } from './decision';
import type { TitleRecord } from './prerequisites';
import type { ApplicationRecord } from './records';
import type { Tier } from './tier';

const AT = '2026-05-11T02:00:00.000Z'; // a Monday, 10:00 China time
const owner = enterpriseUser('e1');
const policy = applicationPolicy();

const refusalOf = (decide: () => unknown): { code: DomainErrorCode; details: unknown } | null => {
  try {
    decide();
    return null;
  } catch (error) {
    if (error instanceof DomainError) return { code: error.code, details: error.details };
    throw error;
  }
};

// --- events: given state / when event (by whom, with what) / then state, effects, follow-ups ----

type EventRow = {
  name: string;
  given: ApplicationState;
  tier?: Tier;
  context?: Partial<ApplicationContext>;
  reReviewOf?: string;
  facts?: ApplicationRecord['facts'];
  when: ApplicationEventType;
  by: Actor;
  with?: Partial<SendApplicationEvent>;
  reads?: Partial<EventReads>;
  at?: string;
} & (
  | {
      then: ApplicationState;
      effects?: Effect[];
      followUps?: Partial<Command>[];
      certificateId?: string;
    }
  | { refused: DomainErrorCode }
);

const decideRow = (row: EventRow): Decision<ApplicationRecord> =>
  decideApplicationEvent({
    record: applicationIn(row.given, {
      ...(row.tier ? { tier: row.tier } : {}),
      ...(row.context ? { context: row.context } : {}),
      ...(row.reReviewOf ? { reReviewOf: row.reReviewOf } : {}),
      ...(row.facts ? { facts: row.facts } : {}),
    }),
    command: {
      subject: 'application',
      kind: 'event',
      id: 'a1',
      type: row.when,
      actor: row.by,
      requestId: 'r1',
      ...row.with,
    },
    reads: { enterpriseSector: 'industry', newCertificateId: 'c-new', ...row.reads },
    at: row.at ?? AT,
    policy,
  });

const CLOSES = '2026-05-11T02:00:00.000Z';

const validTitle = (tier: Tier): TitleRecord => ({
  tier,
  state: 'active',
  validFrom: '2025-06-01',
  validTo: '2028-05-31',
  barUntil: null,
});
const barredFor = (until: string): TitleRecord => ({
  tier: 'innovative_sme',
  state: 'revoked',
  validFrom: '2024-06-01',
  validTo: '2027-05-31',
  barUntil: until,
});
const NOTICE_END = '2026-05-18T16:00:00.000Z';

const events: EventRow[] = [
  // Who may send an event at all (403) and now (409).
  { name: 'the enterprise submits', given: 'draft', when: 'submit', by: owner, then: 'submitted' },
  {
    name: 'a reviewer may never submit',
    given: 'draft',
    when: 'submit',
    by: city,
    refused: 'FORBIDDEN',
  },
  {
    name: 'a county starts the local review',
    given: 'submitted',
    when: 'review.start',
    by: county,
    then: 'localReview',
  },
  {
    name: 'the province may not publish a notice during the local review',
    given: 'localReview',
    when: 'notice.publish',
    by: province,
    refused: 'INVALID_TRANSITION',
  },
  {
    name: 'an enterprise may never start a review',
    given: 'submitted',
    when: 'review.start',
    by: owner,
    refused: 'FORBIDDEN',
  },
  {
    name: 'a provincial expert records its review',
    given: 'provincialReview',
    tier: 'specialized_sme',
    when: 'expert.review.record',
    by: expert('province', '130000'),
    then: 'provincialReview',
  },
  // Reasons are required for returns, rejections and upheld objections (400).
  {
    name: 'a return without reasons',
    given: 'localReview',
    when: 'review.return',
    by: city,
    refused: 'VALIDATION_FAILED',
  },
  {
    name: 'a return with a comment only',
    given: 'localReview',
    when: 'review.return',
    by: city,
    with: { comment: 'The audit report is missing.' },
    then: 'returned',
    effects: [{ type: 'scheduleDeadline', purpose: 'return', dueAt: NOTICE_END }],
  },
  {
    name: 'a rejection with reasons',
    given: 'provincialReview',
    when: 'review.reject',
    by: province,
    with: { reasons: ['Figures not supported.'] },
    then: 'rejected',
  },
  // The call window: a submission or resubmission after the call closed is 422, at its close fine.
  {
    name: 'a submission at the call closing instant',
    given: 'draft',
    context: { callClosesAt: CLOSES },
    when: 'submit',
    by: owner,
    then: 'submitted',
  },
  {
    name: 'a submission after the call closed',
    given: 'draft',
    context: { callClosesAt: '2026-05-11T01:59:59.999Z' },
    when: 'submit',
    by: owner,
    refused: 'CALL_CLOSED',
  },
  {
    name: 'a resubmission after the call closed',
    given: 'returned',
    context: { callClosesAt: '2026-05-11T01:59:59.999Z', returnDueAt: NOTICE_END },
    when: 'resubmit',
    by: owner,
    refused: 'CALL_CLOSED',
  },
  {
    name: 'a withdrawal after the call closed',
    given: 'draft',
    context: { callClosesAt: '2026-05-11T01:59:59.999Z' },
    when: 'withdraw',
    by: owner,
    then: 'withdrawn',
  },
  // The rules judge a submission (422), on the enterprise's sector when the facts give none.
  {
    name: 'a submission the rules refuse',
    given: 'draft',
    facts: failingFacts(2026),
    when: 'submit',
    by: owner,
    refused: 'RULE_NOT_MET',
  },
  {
    name: 'a submission without a sector, the enterprise registered in industry',
    given: 'draft',
    facts: { ...passingFacts(2026), sector: undefined },
    when: 'submit',
    by: owner,
    then: 'submitted',
  },
  {
    name: 'a submission without any sector',
    given: 'draft',
    facts: { ...passingFacts(2026), sector: undefined },
    reads: { enterpriseSector: undefined },
    when: 'submit',
    by: owner,
    refused: 'RULE_NOT_MET',
  },
  // Deadlines: the notice length of the call, else the configured one (working days).
  {
    name: 'a notice of the default 5 working days',
    given: 'provincialReview',
    when: 'notice.publish',
    by: province,
    then: 'publicNotice',
    effects: [{ type: 'scheduleDeadline', purpose: 'notice', dueAt: NOTICE_END }],
  },
  {
    name: "a notice of the call's 7 working days",
    given: 'provincialReview',
    when: 'notice.publish',
    by: province,
    reads: { callNoticeWorkingDays: 7 },
    then: 'publicNotice',
    effects: [{ type: 'scheduleDeadline', purpose: 'notice', dueAt: '2026-05-20T16:00:00.000Z' }],
  },
  // Objections: filed by anyone during a notice, decided by the province.
  {
    name: 'an objection is filed and stored',
    given: 'publicNotice',
    context: { noticeEndsAt: NOTICE_END },
    when: 'objection.file',
    by: member('objection:o1'),
    with: { objection: { id: 'o1', name: 'Li Lei', contact: '138', reason: 'Fake patents.' } },
    then: 'objectionReview',
    effects: [
      { type: 'cancelDeadlines' },
      {
        type: 'fileObjection',
        objection: {
          id: 'o1',
          applicationId: 'a1',
          name: 'Li Lei',
          contact: '138',
          reason: 'Fake patents.',
          evidence: null,
          status: 'open',
          createdAt: AT,
          decidedAt: null,
        },
      },
    ],
  },
  {
    name: 'an objection upheld rejects',
    given: 'objectionReview',
    when: 'objection.uphold',
    by: province,
    with: { reasons: ['The patents are not the firm’s.'] },
    then: 'rejected',
    effects: [{ type: 'decideObjections', outcome: 'upheld' }],
  },
  {
    name: 'an objection dismissed before the notice ended resumes it',
    given: 'objectionReview',
    context: { noticeEndsAt: NOTICE_END },
    when: 'objection.dismiss',
    by: province,
    then: 'publicNotice',
    effects: [
      { type: 'scheduleDeadline', purpose: 'notice', dueAt: NOTICE_END },
      { type: 'decideObjections', outcome: 'dismissed' },
    ],
  },
  // Settlement: certification issues a title, or renews the one under re-review.
  {
    name: 'the end of the notice certifies and issues a title',
    given: 'publicNotice',
    context: { noticeEndsAt: NOTICE_END },
    when: 'deadline.expired',
    by: system,
    at: NOTICE_END,
    then: 'certified',
    effects: [{ type: 'cancelDeadlines' }],
    certificateId: 'c-new',
    followUps: [{ subject: 'certificate', kind: 'issue', id: 'c-new', applicationId: 'a1' }],
  },
  {
    name: 'the end of the notice of a little giant recommends it to MIIT',
    given: 'publicNotice',
    tier: 'little_giant',
    context: { noticeEndsAt: NOTICE_END },
    when: 'deadline.expired',
    by: system,
    at: NOTICE_END,
    then: 'recommendedToMiit',
    effects: [{ type: 'cancelDeadlines' }],
    followUps: [],
  },
  {
    name: 'a re-review certified renews its title',
    given: 'publicNotice',
    reReviewOf: 'c-old',
    context: { noticeEndsAt: NOTICE_END },
    when: 'deadline.expired',
    by: system,
    at: NOTICE_END,
    then: 'certified',
    effects: [{ type: 'cancelDeadlines' }],
    certificateId: 'c-old',
    followUps: [{ subject: 'certificate', kind: 'event', id: 'c-old', type: 'reReview.pass' }],
  },
  {
    name: 'a re-review rejected ends its title',
    given: 'localReview',
    reReviewOf: 'c-old',
    when: 'review.reject',
    by: city,
    with: { reasons: ['No longer qualified.'] },
    then: 'rejected',
    followUps: [{ subject: 'certificate', kind: 'event', id: 'c-old', type: 'reReview.fail' }],
  },
  {
    name: 'MIIT decides a national objection',
    given: 'nationalObjectionReview',
    tier: 'little_giant',
    when: 'objection.dismiss',
    by: miit,
    context: { noticeEndsAt: '2026-05-01T16:00:00.000Z' },
    reads: { titles: [validTitle('specialized_sme')] },
    then: 'certified',
    effects: [{ type: 'decideObjections', outcome: 'dismissed' }],
    certificateId: 'c-new',
    followUps: [{ subject: 'certificate', kind: 'issue', id: 'c-new' }],
  },
];

describe('application decider: events', () => {
  it.each(events)('$name', (row) => {
    if ('refused' in row) {
      expect(refusalOf(() => decideRow(row))?.code).toBe(row.refused);
      return;
    }
    const decision = decideRow(row);
    if (!decision.write || !('update' in decision.write)) throw new Error('expected an update');
    expect(decision.write.update.state).toBe(row.then);
    if (row.effects) expect(decision.effects).toEqual(row.effects);
    if (row.followUps) {
      expect(decision.followUps).toHaveLength(row.followUps.length);
      row.followUps.forEach((f, i) => expect(decision.followUps[i]).toMatchObject(f));
    }
    expect(decision.write.update.certificateId).toBe(row.certificateId);
    expect(decision.audit).toMatchObject({
      event: row.when,
      fromState: row.given,
      toState: row.then,
      subject: { type: 'application', id: 'a1' },
      requestId: 'r1',
    });
  });

  it('refuses an event the state does not take with what the caller may send instead', () => {
    const refusal = refusalOf(() =>
      decideRow({
        name: '',
        given: 'submitted',
        when: 'submit',
        by: owner,
        refused: 'INVALID_TRANSITION',
      }),
    );
    expect(refusal).toEqual({
      code: 'INVALID_TRANSITION',
      details: { allowedEvents: ['withdraw'] },
    });
  });

  it('records the assessment and the figures it was made on with a submission', () => {
    const decision = decideRow({
      name: '',
      given: 'draft',
      when: 'submit',
      by: owner,
      then: 'submitted',
    });
    expect(decision.audit?.data).toMatchObject({
      action: 'application.submitted',
      factsHash: 'f'.repeat(64),
      version: 4,
      assessment: { eligible: true, tier: 'innovative_sme' },
    });
    expect(decision.write).toMatchObject({ update: { assessment: { eligible: true } } });
  });

  it('says why the rules refuse a submission', () => {
    const refusal = refusalOf(() =>
      decideRow({
        name: '',
        given: 'draft',
        facts: failingFacts(2026),
        when: 'submit',
        by: owner,
        refused: 'RULE_NOT_MET',
      }),
    );
    expect((refusal?.details as { reasons: string[] }).reasons.length).toBeGreaterThan(0);
  });
});

describe('application decider: what the caller may send now', () => {
  it.each([
    ['the owner, a draft in an open call', 'draft', {}, owner, ['submit', 'withdraw']],
    [
      'the owner, a draft after the call closed',
      'draft',
      { callClosesAt: '2026-05-10T00:00:00.000Z' },
      owner,
      ['withdraw'],
    ],
    [
      'a city reviewer, in local review',
      'localReview',
      {},
      city,
      ['review.return', 'review.reject', 'review.recommend'],
    ],
    [
      'a county reviewer, in local review',
      'localReview',
      {},
      county,
      ['review.return', 'review.reject'],
    ],
    ['the province, in local review', 'localReview', {}, province, []],
  ] as const)('%s', (_name, state, context, actor, expected) => {
    expect(allowedApplicationEvents(applicationIn(state, { context }), actor, AT).sort()).toEqual(
      [...expected].sort(),
    );
  });
});

// --- creation -----------------------------------------------------------------------------------

const call = (overrides: Partial<CallRecord> = {}): CallRecord => ({
  id: 'call-1',
  tier: 'innovative_sme',
  regionCode: '130000',
  year: 2026,
  opensAt: '2026-05-01T00:00:00.000Z',
  closesAt: '2026-06-30T16:00:00.000Z',
  ruleSet: null,
  noticeWorkingDays: null,
  createdBy: 'p',
  createdAt: '2026-04-01T00:00:00.000Z',
  ...overrides,
});

const title = (overrides: Partial<TitleRecord>): TitleRecord => ({
  tier: 'innovative_sme',
  state: 'active',
  validFrom: '2025-06-01',
  validTo: '2028-05-31',
  barUntil: null,
  ...overrides,
});

type CreationRow = {
  name: string;
  tier: Tier;
  by?: Actor;
  reads?: Partial<CreationReads>;
  callId?: string;
} & ({ created: true; callId?: string; ruleSet?: string } | { refused: DomainErrorCode });

const enterprise = { id: 'e1', regionCode: '130102' };
const creations: CreationRow[] = [
  { name: 'an innovative SME application without calls', tier: 'innovative_sme', created: true },
  {
    name: 'a reviewer may not apply',
    tier: 'innovative_sme',
    by: city,
    refused: 'FORBIDDEN',
  },
  {
    name: "another enterprise's application is not found",
    tier: 'innovative_sme',
    by: enterpriseUser('e2'),
    refused: 'NOT_FOUND',
  },
  {
    name: 'an unknown enterprise is not found',
    tier: 'innovative_sme',
    reads: { enterprise: undefined },
    refused: 'NOT_FOUND',
  },
  {
    name: 'attached to the open call of its province',
    tier: 'innovative_sme',
    reads: { calls: [call(), call({ id: 'national', regionCode: null })] },
    created: true,
  },
  {
    name: 'refused while calls exist and none is open',
    tier: 'innovative_sme',
    reads: { calls: [call({ closesAt: '2026-05-10T16:00:00.000Z' })] },
    refused: 'NO_OPEN_CALL',
  },
  {
    name: 'a national call chosen for its rule set while the province’s is open (L9)',
    tier: 'innovative_sme',
    reads: { calls: [call(), call({ id: 'national', regionCode: null, ruleSet: 'v2022' })] },
    callId: 'national',
    refused: 'NO_OPEN_CALL',
  },
  {
    name: 'a new application in the call that rejected the last one (L9)',
    tier: 'innovative_sme',
    reads: { calls: [call()], rejectedInCalls: ['call-1'] },
    refused: 'RULE_NOT_MET',
  },
  {
    name: 'the rule set a call sets',
    tier: 'innovative_sme',
    reads: { calls: [call({ ruleSet: 'v2022' })] },
    created: true,
    ruleSet: 'v2022',
  },
  {
    name: 'a specialized SME application needs a valid innovative title',
    tier: 'specialized_sme',
    refused: 'PREREQUISITE_NOT_MET',
  },
  {
    name: 'a specialized SME application with a valid innovative title',
    tier: 'specialized_sme',
    reads: { titles: [title({})] },
    created: true,
  },
  {
    name: 'a revocation bar refuses any application',
    tier: 'innovative_sme',
    reads: { titles: [title({ state: 'revoked', barUntil: '2028-05-10' })] },
    refused: 'APPLICATION_BARRED',
  },
  {
    name: 'a title already held is renewed, not applied for',
    tier: 'innovative_sme',
    reads: { titles: [title({})] },
    refused: 'DUPLICATE',
  },
  {
    name: 'one open application per tier',
    tier: 'innovative_sme',
    reads: { openApplicationIds: ['a0'] },
    refused: 'DUPLICATE',
  },
];

describe('application decider: creation', () => {
  it.each(creations)('$name', (row) => {
    const decide = () =>
      decideCreateApplication({
        command: {
          subject: 'application',
          kind: 'create',
          id: 'a-new',
          enterpriseId: 'e1',
          tier: row.tier,
          facts: passingFacts(2026),
          actor: row.by ?? owner,
          requestId: 'r1',
          ...(row.callId ? { callId: row.callId } : {}),
        },
        reads: { enterprise, calls: [], titles: [], openApplicationIds: [], ...row.reads },
        at: AT,
        policy,
      });
    if ('refused' in row) {
      expect(refusalOf(decide)?.code).toBe(row.refused);
      return;
    }
    const decision = decide();
    if (!decision.write || !('insert' in decision.write)) throw new Error('expected an insert');
    const record = decision.write.insert;
    expect(record).toMatchObject({
      id: 'a-new',
      enterpriseId: 'e1',
      regionCode: '130102',
      tier: row.tier,
      state: 'draft',
      version: 1,
      ruleSet: row.ruleSet ?? 'v2026',
      factsHash: factsHashOf(passingFacts(2026)),
    });
    expect(record.callId).toBe(row.reads?.calls?.length ? 'call-1' : null);
    expect(record.snapshot.context.callClosesAt).toBe(
      row.reads?.calls?.length ? '2026-06-30T16:00:00.000Z' : null,
    );
    expect(decision.audit).toMatchObject({
      event: 'application.create',
      fromState: null,
      toState: 'draft',
      data: { action: 'application.created', facts: passingFacts(2026), reReviewOf: null },
    });
    expect(decision.followUps).toEqual([]);
  });

  it('files a re-review on new figures: created, submitted and the title under re-review', () => {
    const decision = decideCreateReReview({
      command: {
        subject: 'application',
        kind: 'createReReview',
        id: 'a-rr',
        certificateId: 'c1',
        facts: passingFacts(2029),
        actor: owner,
        requestId: 'r1',
      },
      reads: {
        certificate: certificateIn('reReviewDue'),
        enterprise,
        originalRuleSet: 'v2022',
        calls: [],
      },
      at: '2029-03-01T02:00:00.000Z',
      policy,
    });
    expect(decision.write).toMatchObject({
      insert: {
        id: 'a-rr',
        tier: 'specialized_sme',
        reReviewOf: 'c1',
        ruleSet: 'v2022',
        facts: { reReview: true },
      },
    });
    expect(decision.followUps).toEqual([
      expect.objectContaining({
        subject: 'application',
        kind: 'event',
        id: 'a-rr',
        type: 'submit',
      }),
      expect.objectContaining({
        subject: 'certificate',
        kind: 'event',
        id: 'c1',
        type: 'reReview.submit',
        applicationId: 'a-rr',
      }),
    ]);
  });

  it.each([
    ['another enterprise', enterpriseUser('e2'), 'NOT_FOUND'],
    ['a reviewer', province, 'FORBIDDEN'],
  ] as const)('refuses the re-review of %s', (_name, actor, code) => {
    const decide = () =>
      decideCreateReReview({
        command: {
          subject: 'application',
          kind: 'createReReview',
          id: 'a-rr',
          certificateId: 'c1',
          facts: passingFacts(2029),
          actor,
          requestId: null,
        },
        reads: {
          certificate: certificateIn('reReviewDue'),
          enterprise,
          originalRuleSet: 'v2026',
          calls: [],
        },
        at: '2029-03-01T02:00:00.000Z',
        policy,
      });
    expect(refusalOf(decide)?.code).toBe(code);
  });
});

describe('application decider: figures', () => {
  const update = (state: ApplicationState, actor: Actor, reReviewOf?: string) =>
    decideUpdateFacts({
      record: applicationIn(state, reReviewOf ? { reReviewOf } : {}),
      command: {
        subject: 'application',
        kind: 'updateFacts',
        id: 'a1',
        facts: passingFacts(2026, { localFeaturePoints: 3 }),
        actor,
        requestId: null,
      },
      at: AT,
    });

  it.each([
    ['draft', owner, null],
    ['returned', owner, null],
    ['submitted', owner, 'INVALID_TRANSITION'],
    ['draft', city, 'FORBIDDEN'],
  ] as const)('in %s, by %o: %s', (state, actor, code) => {
    expect(refusalOf(() => update(state, actor))?.code ?? null).toBe(code);
  });

  it('keeps a re-review a re-review and hashes what it stores', () => {
    const decision = update('returned', owner, 'c1');
    const facts = { ...passingFacts(2026, { localFeaturePoints: 3 }), reReview: true };
    expect(decision.write).toEqual({
      update: { facts, factsHash: factsHashOf(facts), updatedAt: AT },
    });
    expect(decision.audit).toMatchObject({
      event: 'application.facts.update',
      fromState: 'returned',
      toState: 'returned',
    });
  });
});

describe('application decider: bars and prerequisites at every step to a title (H1)', () => {
  const event = (
    given: ApplicationState,
    type: ApplicationEventType,
    options: {
      tier?: Tier;
      titles?: readonly TitleRecord[];
      context?: Partial<ApplicationContext>;
      reReviewOf?: string;
      at?: string;
      by?: Actor;
    } = {},
  ) =>
    decideApplicationEvent({
      record: applicationIn(given, {
        ...(options.tier ? { tier: options.tier } : {}),
        ...(options.context ? { context: options.context } : {}),
        ...(options.reReviewOf ? { reReviewOf: options.reReviewOf } : {}),
      }),
      command: {
        subject: 'application',
        kind: 'event',
        id: 'a1',
        type,
        actor: options.by ?? owner,
        requestId: 'r1',
      },
      reads: {
        enterpriseSector: 'industry',
        newCertificateId: 'c-new',
        titles: options.titles ?? [],
      },
      at: options.at ?? AT,
      policy,
    });

  it.each([
    [
      'a barred enterprise submits',
      'draft',
      'submit',
      {},
      [barredFor('2029-05-10')],
      'APPLICATION_BARRED',
    ],
    [
      'a specialized application is resubmitted after its innovative title lapsed',
      'returned',
      'resubmit',
      { tier: 'specialized_sme' as Tier, context: { returnDueAt: NOTICE_END } },
      [],
      'PREREQUISITE_NOT_MET',
    ],
    [
      'a re-review is submitted under a bar',
      'draft',
      'submit',
      { reReviewOf: 'c-old' },
      [barredFor('2029-05-10')],
      'APPLICATION_BARRED',
    ],
  ] as const)('refuses when %s', (_name, given, type, options, titles, code) => {
    expect(refusalOf(() => event(given, type, { ...options, titles }))?.code).toBe(code);
  });

  it('submits a specialized application while the innovative title is valid', () => {
    const decision = event('draft', 'submit', {
      tier: 'specialized_sme',
      titles: [validTitle('innovative_sme')],
    });
    expect(decision.write).toMatchObject({ update: { state: 'submitted' } });
  });

  it('ends the notice of a barred enterprise with a rejection, not a title', () => {
    const decision = event('publicNotice', 'deadline.expired', {
      context: { noticeEndsAt: NOTICE_END },
      at: NOTICE_END,
      by: system,
      titles: [barredFor('2029-05-10')],
    });
    expect(decision.write).toMatchObject({ update: { state: 'rejected' } });
    expect(decision.followUps).toEqual([]);
    expect(decision.audit).toMatchObject({
      event: 'eligibility.lapse',
      fromState: 'publicNotice',
      toState: 'rejected',
      actor: { id: 'system', role: 'system' },
      data: {
        reasons: [{ key: 'prereq.barred', params: { date: '2029-05-10' } }],
        data: { instead: 'deadline.expired' },
      },
    });
  });

  it('ends a re-review whose own title was revoked without settling that title again', () => {
    const decision = decideApplicationEvent({
      record: applicationIn('publicNotice', { reReviewOf: 'c-old' }),
      command: {
        subject: 'application',
        kind: 'event',
        id: 'a1',
        type: 'eligibility.lapse',
        actor: system,
        requestId: null,
        reasons: ['The title under re-review was revoked.'],
        settlesCertificate: false,
      },
      reads: { newCertificateId: 'c-new' },
      at: AT,
      policy,
    });
    expect(decision.write).toMatchObject({ update: { state: 'rejected' } });
    expect(decision.followUps).toEqual([]);
  });

  it('refuses an objection once the notice has ended, before the scheduler fires (L4)', () => {
    expect(
      refusalOf(() =>
        decideApplicationEvent({
          record: applicationIn('publicNotice', { context: { noticeEndsAt: NOTICE_END } }),
          command: {
            subject: 'application',
            kind: 'event',
            id: 'a1',
            type: 'objection.file',
            actor: member(),
            requestId: null,
          },
          reads: { newCertificateId: 'c-new' },
          at: NOTICE_END,
          policy,
        }),
      )?.code,
    ).toBe('INVALID_TRANSITION');
  });
});

describe('application decider: what the experts confirm (M10) and expert review (L6)', () => {
  const specialized = (
    options: { expertReviews?: number; confirmed?: ApplicationRecord['confirmedFacts'] } = {},
  ) => ({
    ...applicationIn('provincialReview', {
      tier: 'specialized_sme',
      context: { expertReviewCount: options.expertReviews ?? 1 },
    }),
    confirmedFacts: options.confirmed ?? null,
  });
  const send = (
    record: ApplicationRecord,
    type: ApplicationEventType,
    by: Actor,
    data?: Record<string, unknown>,
  ) =>
    decideApplicationEvent({
      record,
      command: {
        subject: 'application',
        kind: 'event',
        id: 'a1',
        type,
        actor: by,
        requestId: null,
        ...(data ? { data } : {}),
      },
      reads: { enterpriseSector: 'industry', newCertificateId: 'c-new' },
      at: AT,
      policy,
    });
  const panel = expert('province', '130000');

  it('records what the experts confirm with the application, no change of state', () => {
    const decision = send(
      specialized({ confirmed: { chainSupport: true } }),
      'facts.confirm',
      panel,
      {
        nicheMarketLeading: true,
      },
    );
    expect(decision.write).toMatchObject({
      update: {
        state: 'provincialReview',
        confirmedFacts: { chainSupport: true, nicheMarketLeading: true },
      },
    });
  });

  it.each([
    ['the local-feature points', { localFeaturePoints: 12 }],
    ['the sector', { sector: 'retail' }],
  ])('leaves %s to the authority (403 for an expert)', (_name, data) => {
    expect(refusalOf(() => send(specialized(), 'facts.confirm', panel, data))?.code).toBe(
      'FORBIDDEN',
    );
    expect(send(specialized(), 'facts.confirm', province, data).write).toBeTruthy();
  });

  it('refuses an empty confirmation', () => {
    expect(refusalOf(() => send(specialized(), 'facts.confirm', panel, {}))?.code).toBe(
      'VALIDATION_FAILED',
    );
  });

  it('judges the notice on the confirmed facts, not on the enterprise’s claims', () => {
    // The enterprise claims a leading niche position (passingFacts); the experts have not confirmed.
    const refusal = refusalOf(() => send(specialized(), 'notice.publish', province));
    expect(refusal?.code).toBe('RULE_NOT_MET');
    expect(JSON.stringify(refusal?.details)).toMatch(/niche/i);
    const confirmed = send(
      specialized({ confirmed: { nicheMarketLeading: true } }),
      'notice.publish',
      province,
    );
    expect(confirmed.write).toMatchObject({
      update: { state: 'publicNotice', assessment: { eligible: true } },
    });
  });

  it('takes the sector the authority confirmed for the size test', () => {
    // 400 staff and CNY 200 M: an SME in industry, a large firm in retail.
    const refusal = refusalOf(() =>
      send(
        specialized({ confirmed: { nicheMarketLeading: true, sector: 'retail' } }),
        'notice.publish',
        province,
      ),
    );
    expect(refusal?.code).toBe('RULE_NOT_MET');
  });

  it('needs an expert review before the notice of a specialized SME (L6)', () => {
    const refusal = refusalOf(() =>
      send(
        specialized({ expertReviews: 0, confirmed: { nicheMarketLeading: true } }),
        'notice.publish',
        province,
      ),
    );
    expect(refusal?.code).toBe('RULE_NOT_MET');
    expect(
      decideApplicationEvent({
        record: {
          ...specialized({ expertReviews: 0, confirmed: { nicheMarketLeading: true } }),
        },
        command: {
          subject: 'application',
          kind: 'event',
          id: 'a1',
          type: 'notice.publish',
          actor: province,
          requestId: null,
        },
        reads: { enterpriseSector: 'industry', newCertificateId: 'c-new' },
        at: AT,
        policy: applicationPolicy({ requireExpertReview: false }),
      }).write,
    ).toMatchObject({ update: { state: 'publicNotice' } });
  });
});

// --- documents: the checklist refuses a submission, the manifest is audited -------------------

describe('decideApplicationEvent: documents', () => {
  const strict = { ...policy, requireDocuments: true };
  const stored = (
    id: string,
    kind: string,
    extra: Partial<DocumentRecord> = {},
  ): DocumentRecord => ({
    id,
    applicationId: 'a1',
    kind: kind as DocumentRecord['kind'],
    year: null,
    note: null,
    fileName: `${id}.pdf`,
    mediaType: 'application/pdf',
    size: 10,
    sha256: id.padEnd(64, '0'),
    uploadedBy: 'u1',
    uploadedAt: '2026-05-01T00:00:00.000Z',
    deletedAt: null,
    deletedBy: null,
    ...extra,
  });
  const facts = passingFacts(2026);
  const years = [...new Set((facts.financials ?? []).map((f) => f.year))];
  const complete = [
    stored('letter', 'commitment_letter'),
    ...years.map((y) => stored(`fs${y}`, 'financial_statement', { year: y })),
    ...(facts.ip && (facts.ip.classI ?? facts.ip.classII) ? [stored('ip', 'ip_certificate')] : []),
    ...(facts.awards ?? []).map((a, i) => stored(`aw${i}`, 'award_certificate', { year: a.year })),
    ...(facts.quality?.qualitySystemCertified ? [stored('q', 'quality_certificate')] : []),
  ];
  const decide = (
    given: ApplicationState,
    when: ApplicationEventType,
    reads: Partial<EventReads>,
    extra: { reReviewOf?: string } = {},
  ) =>
    decideApplicationEvent({
      record: applicationIn(given, { facts, ...extra }),
      command: {
        subject: 'application',
        kind: 'event',
        id: 'a1',
        type: when,
        actor: owner,
        requestId: 'r1',
      },
      reads: { enterpriseSector: 'industry', newCertificateId: 'c-new', ...reads },
      at: AT,
      policy: strict,
    });

  it.each<
    [string, ApplicationState, ApplicationEventType, Partial<EventReads>, DomainErrorCode | null]
  >([
    ['submit with every document', 'draft', 'submit', { documents: complete }, null],
    ['submit with none', 'draft', 'submit', { documents: [] }, 'DOCUMENTS_MISSING'],
    [
      'submit whose letter was deleted',
      'draft',
      'submit',
      {
        documents: complete.map((d) =>
          d.kind === 'commitment_letter' ? { ...d, deletedAt: AT, deletedBy: 'u1' } : d,
        ),
      },
      'DOCUMENTS_MISSING',
    ],
    [
      'resubmit without the requested document',
      'returned',
      'resubmit',
      {
        documents: complete,
        documentRequest: { items: [{ kind: 'other' }], requestedAt: '2026-05-05T00:00:00.000Z' },
      },
      'DOCUMENTS_MISSING',
    ],
    [
      'resubmit with the requested document',
      'returned',
      'resubmit',
      {
        documents: [
          ...complete,
          stored('new', 'other', { uploadedAt: '2026-05-06T00:00:00.000Z' }),
        ],
        documentRequest: { items: [{ kind: 'other' }], requestedAt: '2026-05-05T00:00:00.000Z' },
      },
      null,
    ],
  ])('%s', (_name, given, when, reads, refused) => {
    expect(refusalOf(() => decide(given, when, reads))?.code ?? null).toBe(refused);
  });

  it('names each missing document', () => {
    const refusal = refusalOf(() => decide('draft', 'submit', { documents: [] }));
    const reasons = (refusal?.details as { reasons: Msg[] }).reasons;
    expect(renderMsg(reasons[0]!, 'en')).toMatch(/^Missing commitment letter: /);
    expect(reasons).toHaveLength(complete.length);
  });

  it("a re-review's own submission (filed with it) is not held to the checklist", () => {
    expect(
      refusalOf(() => decide('draft', 'submit', { documents: [] }, { reReviewOf: 'c1' })),
    ).toBeNull();
  });

  it('records the manifest of the live documents in the submission event', () => {
    const decision = decide('draft', 'submit', {
      documents: [...complete, stored('gone', 'other', { deletedAt: AT, deletedBy: 'u1' })],
    });
    const manifest = (decision.audit?.data as { documents: { id: string; sha256: string }[] })
      .documents;
    expect(manifest.map((d) => d.id)).toEqual(complete.map((d) => d.id));
    expect(manifest[0]).toEqual(
      expect.objectContaining({
        kind: 'commitment_letter',
        fileName: 'letter.pdf',
        size: 10,
        sha256: complete[0]!.sha256,
      }),
    );
  });

  it('without requireDocuments the checklist is not enforced', () => {
    expect(
      refusalOf(() =>
        decideApplicationEvent({
          record: applicationIn('draft', { facts }),
          command: {
            subject: 'application',
            kind: 'event',
            id: 'a1',
            type: 'submit',
            actor: owner,
            requestId: 'r1',
          },
          reads: { enterpriseSector: 'industry', newCertificateId: 'c-new', documents: [] },
          at: AT,
          policy,
        }),
      ),
    ).toBeNull();
  });
});
