// Batch operations (issue 19): one event to many applications, each item through the pipeline on
// its own, per-item answers, all-or-nothing mode, and the batch's own audit event.
import { randomUUID } from 'node:crypto';
import { passingFacts } from '../factories/facts.factory';
import { createUser, registerEnterprise, type Session } from '../support/actors';
import { startWithAuthorities, type Authorities } from '../support/authorities';
import { sendEvent, walkInnovative } from '../support/journeys';
import { expectEveryApplicationReplays } from '../support/replay';
import type { TestApp } from '../support/test-app';

type Item = { id: string; ok: boolean; state?: string; code?: string; reasons?: string[] };
type Batch = {
  batchId: string;
  applied: boolean;
  items: Item[];
  summary: { ok: number; refused: number };
};

describe('batch events', () => {
  let t: TestApp;
  let a: Authorities;
  let admin: Session;
  let nationalAuditor: Session;
  beforeAll(async () => {
    ({ t, a, admin } = await startWithAuthorities());
    nationalAuditor = await createUser(t.http, admin, 'auditor', { level: 'national' });
  });
  afterAll(() => t.close());

  const batch = (who: Session, body: object) =>
    t.http.post('/api/v1/applications/batch-events').set(who.auth).send(body);
  const stateOf = async (id: string) =>
    (
      (await t.http.get(`/api/v1/applications/${id}`).set(admin.auth).expect(200)).body as {
        state: string;
      }
    ).state;
  const submitted = async (n: number) => {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) ids.push((await walkInnovative(t, a, 'submitted')).id);
    return ids;
  };
  const draft = async (regionCode = '130102') => {
    const e = await registerEnterprise(t.http, { regionCode });
    const res = await t.http
      .post('/api/v1/applications')
      .set(e.auth)
      .send({ enterpriseId: e.enterpriseId, tier: 'innovative_sme', facts: passingFacts(2026) })
      .expect(201);
    return { id: (res.body as { id: string }).id, owner: e };
  };
  const submittedElsewhere = async () => {
    const { id, owner } = await draft('130203');
    await sendEvent(t.http, id, owner, 'submit').expect(200);
    return id;
  };
  const auditHead = async () => {
    const res = await t.http.get('/api/v1/audit/verify').set(a.auditor.auth).expect(200);
    return res.body as { ok: boolean; eventsChecked: number };
  };

  it('answers per item: ok, not allowed, and outside the jurisdiction or missing alike (NOT_FOUND)', async () => {
    const inRegion = await submitted(3);
    const { id: stillDraft } = await draft();
    const elsewhere = await submittedElsewhere();
    const missing = randomUUID();
    const res = await batch(a.city, {
      type: 'review.start',
      ids: [...inRegion, stillDraft, elsewhere, missing],
      comment: 'Round 1 intake',
    }).expect(200);
    const body = res.body as Batch;
    expect(body.summary).toEqual({ ok: 3, refused: 3 });
    expect(body.applied).toBe(true);
    expect(body.items.map((i) => [i.id, i.ok, i.ok ? i.state : i.code])).toEqual([
      ...inRegion.map((id) => [id, true, 'localReview']),
      [stillDraft, false, 'INVALID_TRANSITION'],
      [elsewhere, false, 'NOT_FOUND'],
      [missing, false, 'NOT_FOUND'],
    ]);
    // An application outside the caller's reach is answered exactly as a missing one.
    const strip = (item: Item, id: string) => JSON.stringify(item).replaceAll(id, '<id>');
    expect(strip(body.items[4]!, elsewhere)).toBe(strip(body.items[5]!, missing));
    for (const id of inRegion) expect(await stateOf(id)).toBe('localReview');
    expect(await stateOf(elsewhere)).toBe('submitted');

    // Each item has its own audit event, linked to the batch by its request id.
    const history = await t.http
      .get(`/api/v1/applications/${inRegion[0]}/history`)
      .set(a.city.auth)
      .expect(200);
    const started = (
      history.body.items as { event: string; requestId: string; comment: string }[]
    ).filter((e) => e.event === 'review.start');
    expect(started).toEqual([
      expect.objectContaining({ requestId: `batch:${body.batchId}`, comment: 'Round 1 intake' }),
    ]);

    // The batch can be followed, by its starter (and administrators) only.
    const followed = await t.http
      .get(`/api/v1/batches/${body.batchId}`)
      .set(a.city.auth)
      .expect(200);
    expect(followed.body).toMatchObject({
      id: body.batchId,
      kind: 'events',
      operation: 'review.start',
      status: 'done',
      total: 6,
      processed: 6,
      summary: { ok: 3, refused: 3 },
    });
    expect(followed.body.items).toHaveLength(6);
    await t.http.get(`/api/v1/batches/${body.batchId}`).set(admin.auth).expect(200);
    await t.http.get(`/api/v1/batches/${body.batchId}`).set(a.otherCity.auth).expect(404);

    // The batch itself is one audit event, and the chain still verifies.
    const events = await t.http
      .get('/api/v1/audit/events?type=batch.sent&limit=500')
      .set(nationalAuditor.auth)
      .expect(200);
    const sent = (
      events.body.items as { subject: { id: string }; data: Record<string, unknown> }[]
    ).find((e) => e.subject.id === body.batchId);
    expect(sent?.data).toMatchObject({
      type: 'review.start',
      count: 6,
      summary: { ok: 3, refused: 3 },
      itemsRequestId: `batch:${body.batchId}`,
    });
    expect((await auditHead()).ok).toBe(true);
  });

  it('selects by filter within the caller’s jurisdiction only, in SQL', async () => {
    const mine = await submitted(2);
    const elsewhere = await submittedElsewhere();
    const res = await batch(a.city, {
      type: 'review.start',
      filter: { state: 'submitted', tier: 'innovative_sme' },
    }).expect(200);
    const ids = (res.body as Batch).items.map((i) => i.id);
    expect(ids).toEqual(expect.arrayContaining(mine));
    expect(ids).not.toContain(elsewhere);
    expect((res.body as Batch).items.every((i) => i.ok)).toBe(true);
    expect(await stateOf(elsewhere)).toBe('submitted');
  });

  it('all or nothing: one refused item leaves every application as it was', async () => {
    const good = await submitted(2);
    const { id: stillDraft } = await draft();
    const before = await auditHead();
    const res = await batch(a.city, {
      type: 'review.start',
      ids: [...good, stillDraft],
      atomic: true,
    }).expect(200);
    const body = res.body as Batch;
    expect(body.applied).toBe(false);
    expect(body.summary).toEqual({ ok: 0, refused: 3 });
    expect(body.items.map((i) => i.code)).toEqual([
      'ROLLED_BACK',
      'ROLLED_BACK',
      'INVALID_TRANSITION',
    ]);
    for (const id of good) expect(await stateOf(id)).toBe('submitted');
    // Only the attempt is recorded (batch.sent with applied=false), no item event.
    const after = await auditHead();
    expect(after.eventsChecked).toBe(before.eventsChecked + 1);
    const followed = await t.http
      .get(`/api/v1/batches/${body.batchId}`)
      .set(a.city.auth)
      .expect(200);
    expect(followed.body.status).toBe('rolledBack');

    const again = await batch(a.city, { type: 'review.start', ids: good, atomic: true }).expect(
      200,
    );
    expect((again.body as Batch).applied).toBe(true);
    for (const id of good) expect(await stateOf(id)).toBe('localReview');
    expect((await auditHead()).ok).toBe(true);
  });

  it.each<[string, object]>([
    [
      'ids and a filter',
      { ids: [randomUUID()], filter: { state: 'submitted', tier: 'innovative_sme' } },
    ],
    ['neither ids nor a filter', {}],
    ['no ids', { ids: [] }],
    ['1,001 ids', { ids: Array.from({ length: 1001 }, () => randomUUID()) }],
    [
      'a repeated id',
      { ids: ['0190a0b0-0000-7000-8000-000000000001', '0190a0b0-0000-7000-8000-000000000001'] },
    ],
    ['an id that is not a UUID', { ids: ['nope'] }],
    ['a filter without a tier', { filter: { state: 'submitted' } }],
    ['an unknown field', { ids: ['THE_ID'], extra: 1 }],
    ['atomic not a boolean', { ids: ['THE_ID'], atomic: 'yes' }],
  ])('400 for %s, and nothing changes', async (_, body) => {
    const [id] = await submitted(1);
    const before = await auditHead();
    // 'THE_ID' stands for a real, sendable application: were the request accepted, it would change.
    const payload = JSON.parse(
      JSON.stringify({ type: 'review.start', ...body }).replaceAll('THE_ID', id!),
    ) as object;
    const res = await batch(a.city, payload).expect(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(await stateOf(id!)).toBe('submitted');
    expect((await auditHead()).eventsChecked).toBe(before.eventsChecked);
  });

  it('400 for an unknown event type; 403 for an enterprise', async () => {
    await batch(a.city, { type: 'review.nope', ids: [randomUUID()] }).expect(400);
    const e = await registerEnterprise(t.http);
    await batch(e, { type: 'submit', ids: [randomUUID()] }).expect(403);
  });

  it('a filter that matches nothing answers an empty batch', async () => {
    const res = await batch(a.city, {
      type: 'review.start',
      filter: { state: 'certified', tier: 'little_giant', regionCode: '130102' },
    }).expect(200);
    expect((res.body as Batch).items).toEqual([]);
  });

  it('a batch racing a single command on the same application: exactly one wins', async () => {
    const ids = await submitted(4);
    const [raced] = ids;
    const [batchRes, single] = await Promise.all([
      batch(a.city, { type: 'review.start', ids }),
      sendEvent(t.http, raced!, a.city, 'review.start'),
    ]);
    expect(batchRes.status).toBe(200);
    const item = (batchRes.body as Batch).items.find((i) => i.id === raced)!;
    expect([item.ok, single.status === 200]).toEqual(item.ok ? [true, false] : [false, true]);
    if (!item.ok) expect(['INVALID_TRANSITION', 'VERSION_CONFLICT']).toContain(item.code);
    else expect(single.status).toBe(409);
    const history = await t.http.get(`/api/v1/applications/${raced}/history`).set(a.city.auth);
    const starts = (history.body.items as { event: string }[]).filter(
      (e) => e.event === 'review.start',
    );
    expect(starts).toHaveLength(1);
    expect(await stateOf(raced!)).toBe('localReview');
  });

  it('Idempotency-Key: a retried batch is answered with the first answer and sends nothing more', async () => {
    const ids = await submitted(2);
    const key = randomUUID();
    const first = await batch(a.city, { type: 'review.start', ids })
      .set('Idempotency-Key', key)
      .expect(200);
    const before = await auditHead();
    const retry = await batch(a.city, { type: 'review.start', ids })
      .set('Idempotency-Key', key)
      .expect(200);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.body.batchId).toBe(first.body.batchId);
    expect((await auditHead()).eventsChecked).toBe(before.eventsChecked);
  });

  it('reasons of refusals come in the request’s language', async () => {
    const { id } = await draft();
    const res = await batch(a.city, { type: 'review.start', ids: [id] })
      .set('Accept-Language', 'zh-CN')
      .expect(200);
    const item = (res.body as Batch).items[0]!;
    expect(item.code).toBe('INVALID_TRANSITION');
    expect(item.reasons?.[0]).toMatch(/[\u4e00-\u9fff]/);
  });

  it('every application still replays to its stored state', async () => {
    await expectEveryApplicationReplays(t);
  });
});
