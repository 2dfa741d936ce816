// The command pipeline with its real subject handlers and deciders over in-memory repositories:
// what one command writes, in what order, and that a refusal anywhere writes nothing.
import {
  city,
  enterpriseUser,
  miit,
  province,
  system,
} from '../../../test/factories/actors.factory';
import { failingFacts, passingFacts } from '../../../test/factories/facts.factory';
import { certificateIn } from '../../../test/factories/records.factory';
import { inMemoryPipeline } from '../../../test/fakes/pipeline';
import type { Actor } from '../../domain/access/roles';
import type { ApplicationEventType } from '../../domain/certification/application.events';
import type { Command, SendApplicationEvent } from '../../domain/certification/commands';
import type { Facts } from '../../domain/certification/facts';
import { DomainError } from '../../domain/errors';

const owner = enterpriseUser('e1');

const setUp = () => {
  const world = inMemoryPipeline('2026-05-11T02:00:00.000Z');
  world.enterprises.rows.set('e1', { id: 'e1', regionCode: '130102', sector: 'industry' });
  const run = (command: Command) => world.pipeline.run(command);
  const send = (
    id: string,
    type: ApplicationEventType,
    actor: Actor,
    extra: Partial<SendApplicationEvent> = {},
  ) =>
    world.pipeline.run<SendApplicationEvent>({
      subject: 'application',
      kind: 'event',
      id,
      type,
      actor,
      requestId: `r-${type}`,
      ...extra,
    });
  const create = (facts: Facts = passingFacts(2026), id = 'a1') =>
    run({
      subject: 'application',
      kind: 'create',
      id,
      enterpriseId: 'e1',
      tier: 'innovative_sme',
      facts,
      actor: owner,
      requestId: 'r-create',
    });
  /** Everything the stores hold, to compare before and after a refused command. */
  const contents = () =>
    JSON.stringify([
      [...world.applications.table.rows],
      [...world.certificates.table.rows],
      [...world.timers.rows],
      [...world.objections.rows],
      world.audit.events,
      world.outbox.events,
    ]);
  const refusal = async (promise: Promise<unknown>) => {
    try {
      await promise;
    } catch (error) {
      if (error instanceof DomainError) return error.code;
      throw error;
    }
    throw new Error('expected a refusal');
  };
  /** Walks a new application to the public notice. */
  const toNotice = async () => {
    await create();
    await send('a1', 'submit', owner);
    await send('a1', 'review.start', city);
    await send('a1', 'review.recommend', city);
    await send('a1', 'notice.publish', province);
  };
  return { ...world, run, send, create, contents, refusal, toNotice };
};

describe('command pipeline (in memory)', () => {
  it('writes the state, bumps the version and appends one audit event per command', async () => {
    const w = setUp();
    const created = await w.create();
    expect(created).toMatchObject({ from: null, row: { state: 'draft', version: 1 } });
    const submitted = await w.send('a1', 'submit', owner);
    expect(submitted).toMatchObject({ from: 'draft', row: { state: 'submitted', version: 2 } });
    await w.send('a1', 'review.start', city);
    expect(w.applications.table.load('a1')).toMatchObject({ state: 'localReview', version: 3 });
    expect(w.audit.events.map((e) => [e.seq, e.event, e.fromState, e.toState])).toEqual([
      [1, 'application.create', null, 'draft'],
      [2, 'submit', 'draft', 'submitted'],
      [3, 'review.start', 'submitted', 'localReview'],
    ]);
    expect(w.audit.events[1]?.data).toMatchObject({ version: 2, assessment: { eligible: true } });
  });

  it('opens and closes deadlines with the transitions that own them', async () => {
    const w = setUp();
    await w.create();
    await w.send('a1', 'submit', owner);
    await w.send('a1', 'review.start', city);
    await w.send('a1', 'review.return', city, { reasons: ['Add the audit report.'] });
    expect(w.timers.pending('a1')).toEqual([
      expect.objectContaining({ purpose: 'return', dueAt: '2026-05-18T16:00:00.000Z' }),
    ]);
    await w.send('a1', 'resubmit', owner);
    expect(w.timers.pending('a1')).toEqual([]);
  });

  it.each([
    ['figures the rules refuse', failingFacts(2026), 'RULE_NOT_MET'],
    ['no figures at all', {}, 'RULE_NOT_MET'],
  ])('changes nothing when a submission is refused: %s', async (_name, facts, code) => {
    const w = setUp();
    await w.create(facts);
    const before = w.contents();
    expect(await w.refusal(w.send('a1', 'submit', owner))).toBe(code);
    expect(w.contents()).toBe(before);
  });

  it('refuses a stale If-Match (412) and a row changed meanwhile (409), writing nothing', async () => {
    const w = setUp();
    await w.create();
    const before = w.contents();
    expect(
      await w.refusal(
        w.run({
          subject: 'application',
          kind: 'event',
          id: 'a1',
          type: 'submit',
          actor: owner,
          requestId: null,
          expectedVersion: 7,
        }),
      ),
    ).toBe('PRECONDITION_FAILED');
    expect(w.contents()).toBe(before);
    // Another writer got there between this command's load and its write.
    const load = w.applications.load;
    w.applications.load = async (em, id) => {
      const row = await load(em, id);
      const stored = w.applications.table.rows.get(id)!;
      w.applications.table.rows.set(id, { ...stored, version: stored.version + 1 });
      return row;
    };
    expect(await w.refusal(w.send('a1', 'submit', owner))).toBe('VERSION_CONFLICT');
    expect(w.audit.events).toHaveLength(1);
  });

  it('answers an application the caller may not see as not found', async () => {
    const w = setUp();
    await w.create();
    expect(await w.refusal(w.send('a1', 'withdraw', enterpriseUser('e2')))).toBe('NOT_FOUND');
    expect(await w.refusal(w.send('nope', 'withdraw', owner))).toBe('NOT_FOUND');
  });

  it('certifies at the end of the notice and issues the title in the same transaction', async () => {
    const w = setUp();
    await w.toNotice();
    const [timer] = w.timers.pending('a1');
    w.clock.set(timer!.dueAt);
    const fired = await w.send('a1', 'deadline.expired', system, { timerId: timer!.id });
    expect(fired.row).toMatchObject({ state: 'certified', certificateId: expect.any(String) });
    const certificate = w.certificates.table.load(fired.row.certificateId!);
    expect(certificate).toMatchObject({
      status: 'active',
      applicationId: 'a1',
      enterpriseId: 'e1',
    });
    expect(w.audit.events.slice(-2).map((e) => e.event)).toEqual([
      'deadline.expired',
      'certificate.issue',
    ]);
    expect(w.timers.rows.get(timer!.id)?.status).toBe('fired');
    expect(
      w.timers
        .pending(certificate!.id)
        .map((t) => t.purpose)
        .sort(),
    ).toEqual(['annualUpdate', 'annualUpdateReminder', 'expiry']);
    // The same timer fired again (another instance, a retry) changes nothing.
    const before = w.contents();
    expect(await w.refusal(w.send('a1', 'deadline.expired', system, { timerId: timer!.id }))).toBe(
      'INVALID_TRANSITION',
    );
    expect(w.contents()).toBe(before);
  });

  it('writes the domain events of each transition into the outbox, ordered by the audit seq', async () => {
    const w = setUp();
    await w.create();
    await w.send('a1', 'submit', owner);
    await w.send('a1', 'review.start', city);
    await w.send('a1', 'review.return', city, { reasons: ['Add the audit report.'] });
    expect(w.outbox.events.map((e) => [e.seq, e.type, e.from, e.to, e.actorRole])).toEqual([
      [1, 'application.create', undefined, 'draft', 'enterprise'],
      [2, 'application.submit', 'draft', 'submitted', 'enterprise'],
      [3, 'application.review.start', 'submitted', 'localReview', 'reviewer'],
      [4, 'application.review.return', 'localReview', 'returned', 'reviewer'],
    ]);
    expect(w.outbox.events[3]).toMatchObject({
      subject: { kind: 'application', id: 'a1' },
      tier: 'innovative_sme',
      regionCode: '130102',
      enterpriseId: 'e1',
      deadlines: [
        { purpose: 'return', event: 'deadline.expired', dueAt: '2026-05-18T16:00:00.000Z' },
      ],
    });
    expect(new Set(w.outbox.events.map((e) => e.id)).size).toBe(4);
  });

  it('publishes the certification and the issued title with the transition that makes them', async () => {
    const w = setUp();
    await w.toNotice();
    const [timer] = w.timers.pending('a1');
    w.clock.set(timer!.dueAt);
    const before = w.outbox.events.length;
    await w.send('a1', 'deadline.expired', system, { timerId: timer!.id });
    expect(w.outbox.events.slice(before).map((e) => [e.seq, e.type])).toEqual([
      [6, 'application.deadline.expired'],
      [6, 'application.certified'],
      [7, 'certificate.issue'],
      [7, 'certificate.issued'],
    ]);
  });

  it('rolls the whole command back when a follow-up fails', async () => {
    const w = setUp();
    await w.toNotice();
    const [timer] = w.timers.pending('a1');
    w.clock.set(timer!.dueAt);
    w.certificates.insert = () => Promise.reject(new Error('disk full'));
    const before = w.contents();
    await expect(w.send('a1', 'deadline.expired', system, { timerId: timer!.id })).rejects.toThrow(
      'disk full',
    );
    expect(w.contents()).toBe(before);
    expect(w.applications.table.load('a1')?.state).toBe('publicNotice');
  });

  it('stores an objection with the transition that suspends the notice, and its outcome', async () => {
    const w = setUp();
    await w.toNotice();
    await w.send(
      'a1',
      'objection.file',
      { kind: 'public', id: 'objection:o1', role: 'public' },
      {
        comment: 'The patents are not theirs.',
        objection: {
          id: 'o1',
          name: 'Li Lei',
          contact: '138',
          reason: 'The patents are not theirs.',
        },
      },
    );
    expect(w.objections.rows.get('o1')).toMatchObject({ status: 'open', applicationId: 'a1' });
    expect(w.timers.pending('a1')).toEqual([]);
    await w.send('a1', 'objection.uphold', province, { reasons: ['Upheld.'] });
    expect(w.objections.rows.get('o1')).toMatchObject({ status: 'upheld' });
    expect(w.applications.table.load('a1')?.state).toBe('rejected');
  });

  it('revokes every title of a fraudulent enterprise once, the cascade going no further', async () => {
    const w = setUp();
    for (const [id, tier] of [
      ['c1', 'innovative_sme'],
      ['c2', 'specialized_sme'],
      ['c3', 'little_giant'],
    ] as const) {
      w.certificates.table.insert(certificateIn('active', { id, tier }));
    }
    await w.run({
      subject: 'certificate',
      kind: 'event',
      id: 'c3',
      type: 'revoke',
      ground: 'fraud',
      actor: miit,
      requestId: 'r-fraud',
    });
    expect(['c1', 'c2', 'c3'].map((id) => w.certificates.table.load(id)?.status)).toEqual([
      'revoked',
      'revoked',
      'revoked',
    ]);
    expect(w.audit.events.map((e) => [e.subject.id, e.event, e.actor.role])).toEqual([
      ['c3', 'revoke', 'reviewer'],
      ['c1', 'revoke', 'system'],
      ['c2', 'revoke', 'system'],
    ]);
  });

  it('moves an application deadline through the application, audited once', async () => {
    const w = setUp();
    await w.toNotice();
    const [timer] = w.timers.pending('a1');
    const admin: Actor = { kind: 'user', id: 'admin', role: 'admin' };
    await w.run({
      subject: 'timer',
      kind: 'reschedule',
      id: timer!.id,
      dueAt: '2026-06-01T16:00:00.000Z',
      actor: admin,
      requestId: 'r-move',
    });
    expect(w.timers.rows.get(timer!.id)?.dueAt).toBe('2026-06-01T16:00:00.000Z');
    expect(w.applications.table.load('a1')?.snapshot.context.noticeEndsAt).toBe(
      '2026-06-01T16:00:00.000Z',
    );
    expect(w.audit.events.at(-1)).toMatchObject({
      event: 'deadline.reschedule',
      subject: { type: 'application', id: 'a1' },
      data: { data: { oldDueAt: timer!.dueAt, newDueAt: '2026-06-01T16:00:00.000Z' } },
    });
    // Only an operator sees timers.
    expect(
      await w.refusal(
        w.run({
          subject: 'timer',
          kind: 'reschedule',
          id: timer!.id,
          dueAt: '2026-06-02T16:00:00.000Z',
          actor: province,
          requestId: null,
        }),
      ),
    ).toBe('NOT_FOUND');
  });
});
