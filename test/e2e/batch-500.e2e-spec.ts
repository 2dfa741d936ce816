// Issue 19's acceptance for batches: one batch of 500 mixed items — allowed, not allowed in their
// state, outside the caller's region, and nonexistent — answered per item, with nothing leaked
// about applications outside the caller's reach; and the all-or-nothing mode, which changes
// nothing when one item of 500 is refused. The applications are created through the command
// pipeline (the service layer) rather than 500 HTTP journeys; the batches go through HTTP.
import type { Actor } from '../../src/domain/access/roles';
import { newId } from '../../src/infra/ids';
import { TransactionRunner } from '../../src/infra/persistence/transaction-runner';
import { ApplicationCommands } from '../../src/modules/commands/application-commands.service';
import { EnterpriseRepository } from '../../src/modules/enterprises/enterprise.repository';
import { makeCreditCode } from '../factories/credit-code.factory';
import { passingFacts } from '../factories/facts.factory';
import type { Session } from '../support/actors';
import { startWithAuthorities, type Authorities } from '../support/authorities';
import { expectEveryApplicationReplays } from '../support/replay';
import type { TestApp } from '../support/test-app';

type Item = { id: string; ok: boolean; state?: string; code?: string; reasons?: string[] };
type Batch = {
  batchId: string;
  applied: boolean;
  items: Item[];
  summary: { ok: number; refused: number };
};
type View = { id: string; state: string; version: number };

describe('a batch of 500 mixed items (issue 19 acceptance)', () => {
  let t: TestApp;
  let a: Authorities;
  let admin: Session;
  beforeAll(async () => {
    ({ t, a, admin } = await startWithAuthorities());
  });
  afterAll(() => t.close());

  /** n applications of new enterprises in `regionCode`, left in draft or submitted. */
  const applications = async (
    n: number,
    regionCode: string,
    until: 'draft' | 'submitted',
  ): Promise<string[]> => {
    const commands = t.app.get(ApplicationCommands);
    const enterprises = t.app.get(EnterpriseRepository);
    const tx = t.app.get(TransactionRunner);
    const year = t.clock.now().getUTCFullYear();
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      const at = t.clock.nowIso();
      const enterprise = {
        id: newId(),
        creditCode: makeCreditCode(regionCode),
        name: `Batch Test Works ${regionCode}-${until}-${i}`,
        regionCode,
        sector: 'industry',
        establishedOn: '2012-03-01',
        createdAt: at,
        updatedAt: at,
      };
      await tx.run((em) => enterprises.insert(em, enterprise));
      const owner: Actor = {
        kind: 'user',
        id: newId(),
        role: 'enterprise',
        enterpriseId: enterprise.id,
      };
      const created = await commands.create(
        { enterpriseId: enterprise.id, tier: 'innovative_sme', facts: passingFacts(year) },
        owner,
        null,
      );
      if (until === 'submitted') {
        await commands.send({ id: created.id, type: 'submit', actor: owner, requestId: null });
      }
      ids.push(created.id);
    }
    return ids;
  };

  const batch = (who: Session, body: object) =>
    t.http.post('/api/v1/applications/batch-events').set(who.auth).send(body).expect(200);

  /** Every application's state and version, as the administrator lists them. */
  const snapshot = async (): Promise<Map<string, View>> => {
    const out = new Map<string, View>();
    let cursor: string | null = null;
    do {
      const res = await t.http
        .get(`/api/v1/applications?limit=500${cursor ? `&cursor=${cursor}` : ''}`)
        .set(admin.auth)
        .expect(200);
      for (const v of res.body.items as View[]) out.set(v.id, { ...v });
      cursor = res.body.nextCursor as string | null;
    } while (cursor);
    return out;
  };
  const chain = async () =>
    (await t.http.get('/api/v1/audit/verify').set(admin.auth).expect(200)).body as {
      ok: boolean;
      eventsChecked: number;
    };
  /** The item's answer with its id taken out: what a caller learns beyond the id it sent. */
  const shape = (item: Item) => JSON.stringify(item).replaceAll(item.id, '<id>');

  // Chang'an district (130102) is the city reviewer's (130100); Lubei district (130203) is
  // Tangshan's: outside the caller's region.
  let allowed: string[];
  let notAllowed: string[];
  let elsewhere: string[];
  let missing: string[];
  let ids: string[];
  const kindOf = new Map<string, 'allowed' | 'notAllowed' | 'elsewhere' | 'missing'>();

  beforeAll(async () => {
    allowed = await applications(250, '130102', 'submitted');
    notAllowed = await applications(100, '130102', 'draft');
    elsewhere = await applications(75, '130203', 'submitted');
    missing = Array.from({ length: 75 }, () => newId());
    // Interleaved, so that refusals fall between successes all along the list.
    const groups = { allowed, notAllowed, elsewhere, missing };
    for (const [kind, list] of Object.entries(groups)) {
      for (const id of list) kindOf.set(id, kind as 'allowed');
    }
    ids = [];
    for (let i = 0; ids.length < 500; i++) {
      for (const list of Object.values(groups)) if (i < list.length) ids.push(list[i]!);
    }
  });

  it('all or nothing: the 500 with refusals among them change nothing; only the attempt is recorded', async () => {
    expect(ids).toHaveLength(500);
    expect(new Set(ids).size).toBe(500);
    const before = await snapshot();
    const chainBefore = await chain();
    const body = (await batch(a.city, { type: 'review.start', ids, atomic: true })).body as Batch;
    expect(body.applied).toBe(false);
    expect(body.summary).toEqual({ ok: 0, refused: 500 });
    expect(body.items.map((i) => i.id)).toEqual(ids);
    for (const item of body.items) {
      const kind = kindOf.get(item.id);
      const expected = {
        allowed: 'ROLLED_BACK',
        notAllowed: 'INVALID_TRANSITION',
        elsewhere: 'NOT_FOUND',
        missing: 'NOT_FOUND',
      }[kind!];
      expect([kind, item.ok, item.code]).toEqual([kind, false, expected]);
    }
    // Every state and version as it was; the chain grew by the batch's own event only.
    expect(await snapshot()).toEqual(before);
    const chainAfter = await chain();
    expect(chainAfter.ok).toBe(true);
    expect(chainAfter.eventsChecked).toBe(chainBefore.eventsChecked + 1);
    const followed = await t.http
      .get(`/api/v1/batches/${body.batchId}`)
      .set(a.city.auth)
      .expect(200);
    expect(followed.body).toMatchObject({ status: 'rolledBack', total: 500 });
  });

  it('all or nothing: one refused item among 500 (outside the region) changes nothing', async () => {
    const more = await applications(249, '130102', 'submitted');
    const oneOutside = [...allowed, ...more.slice(0, 124), elsewhere[0]!, ...more.slice(124)];
    expect(oneOutside).toHaveLength(500);
    const before = await snapshot();
    const chainBefore = await chain();
    const body = (await batch(a.city, { type: 'review.start', ids: oneOutside, atomic: true }))
      .body as Batch;
    expect(body.applied).toBe(false);
    expect(body.items.filter((i) => i.code === 'ROLLED_BACK')).toHaveLength(499);
    expect(body.items[374]).toMatchObject({ id: elsewhere[0], ok: false, code: 'NOT_FOUND' });
    expect(await snapshot()).toEqual(before);
    expect((await chain()).eventsChecked).toBe(chainBefore.eventsChecked + 1);

    // Without the outsider the same 499 go through together.
    const together = (
      await batch(a.city, {
        type: 'review.start',
        ids: oneOutside.filter((id) => id !== elsewhere[0]),
        atomic: true,
      })
    ).body as Batch;
    expect(together.applied).toBe(true);
    expect(together.summary).toEqual({ ok: 499, refused: 0 });
    const after = await snapshot();
    for (const id of oneOutside.filter((id) => id !== elsewhere[0])) {
      expect(after.get(id)).toMatchObject({
        state: 'localReview',
        version: before.get(id)!.version + 1,
      });
    }
    expect(after.get(elsewhere[0]!)).toEqual(before.get(elsewhere[0]!));
    const chainAfter = await chain();
    expect(chainAfter.ok).toBe(true);
    expect(chainAfter.eventsChecked).toBe(chainBefore.eventsChecked + 1 + 499 + 1);
  });

  it('item by item: each of the 500 answered on its own, outside the region exactly as missing', async () => {
    // The allowed ones went to localReview together above: send them the next step instead.
    const before = await snapshot();
    const chainBefore = await chain();
    const body = (await batch(a.city, { type: 'review.recommend', ids })).body as Batch;
    expect(body.applied).toBe(true);
    expect(body.summary).toEqual({ ok: 250, refused: 250 });
    expect(body.items.map((i) => i.id)).toEqual(ids);
    const codes = new Map<string, number>();
    for (const item of body.items) {
      const kind = kindOf.get(item.id)!;
      if (kind === 'allowed') {
        expect([item.id, item.ok, item.state]).toEqual([item.id, true, 'provincialReview']);
        continue;
      }
      expect(item.ok).toBe(false);
      expect(item.reasons?.length).toBeGreaterThan(0);
      codes.set(`${kind}:${item.code}`, (codes.get(`${kind}:${item.code}`) ?? 0) + 1);
    }
    expect(Object.fromEntries(codes)).toEqual({
      'notAllowed:INVALID_TRANSITION': 100,
      'elsewhere:NOT_FOUND': 75,
      'missing:NOT_FOUND': 75,
    });
    // No leak of existence: every refusal of an application outside the region reads exactly as
    // the refusal of an id that exists nowhere.
    const outside = new Set(body.items.filter((i) => elsewhere.includes(i.id)).map(shape));
    const nowhere = new Set(body.items.filter((i) => missing.includes(i.id)).map(shape));
    expect([...outside]).toEqual([...nowhere]);
    expect(outside.size).toBe(1);

    const after = await snapshot();
    for (const id of ids) {
      const was = before.get(id);
      if (kindOf.get(id) === 'missing') expect(was).toBeUndefined();
      else if (kindOf.get(id) === 'allowed')
        expect(after.get(id)).toMatchObject({
          state: 'provincialReview',
          version: was!.version + 1,
        });
      else expect(after.get(id)).toEqual(was);
    }
    // One audit event per item that went through, and the batch's own.
    const chainAfter = await chain();
    expect(chainAfter.ok).toBe(true);
    expect(chainAfter.eventsChecked).toBe(chainBefore.eventsChecked + 250 + 1);
    const followed = await t.http
      .get(`/api/v1/batches/${body.batchId}`)
      .set(a.city.auth)
      .expect(200);
    expect(followed.body).toMatchObject({
      status: 'done',
      total: 500,
      processed: 500,
      summary: { ok: 250, refused: 250 },
    });
  });

  it('every application still replays to its stored state', async () => {
    await expectEveryApplicationReplays(t);
  });
});
