import { county } from '../../../test/factories/actors.factory';
import { DomainError } from '../errors';
import { msg } from '../i18n/message';
import {
  BATCH_MAX_ITEMS,
  batchAuditEntry,
  checkBatchRequest,
  checkMatched,
  itemCommand,
  itemsDigest,
  refusalOf,
  settleAtomic,
  summarize,
  type BatchItemResult,
  type BatchRequest,
} from './batch';

const ids = (n: number) => Array.from({ length: n }, (_, i) => `id-${String(i).padStart(4, '0')}`);
const filter = { state: 'localReview', tier: 'innovative_sme' } as const;

describe('checkBatchRequest', () => {
  it.each<[string, Omit<BatchRequest, 'type'>, string | null]>([
    ['ids only', { ids: ids(3) }, null],
    ['a filter only', { filter }, null],
    ['exactly the maximum', { ids: ids(BATCH_MAX_ITEMS) }, null],
    ['neither', {}, 'batch.idsOrFilter'],
    ['both', { ids: ids(1), filter }, 'batch.idsOrFilter'],
    ['no ids', { ids: [] }, 'batch.empty'],
    ['one over the maximum', { ids: ids(BATCH_MAX_ITEMS + 1) }, 'batch.tooMany'],
    ['a repeated id', { ids: ['a', 'b', 'a'] }, 'batch.repeatedIds'],
  ])('%s', (_, request, refusal) => {
    const check = () => checkBatchRequest({ type: 'review.start', ...request });
    if (refusal === null) {
      expect(check).not.toThrow();
      return;
    }
    expect(check).toThrow(DomainError);
    try {
      check();
    } catch (error) {
      expect((error as DomainError).code).toBe('VALIDATION_FAILED');
      expect((error as DomainError).detailMsg?.key).toBe(refusal);
    }
  });

  it.each([
    [BATCH_MAX_ITEMS, false],
    [BATCH_MAX_ITEMS + 1, true],
  ])('a filter matching %i applications refused: %s', (count, refused) => {
    if (refused) expect(() => checkMatched(count)).toThrow(DomainError);
    else expect(() => checkMatched(count)).not.toThrow();
  });
});

describe('items', () => {
  it('an item command is an ordinary event whose request id names the batch', () => {
    expect(
      itemCommand({ type: 'review.start', comment: 'round 1', reasons: ['r'] }, 'a1', county, 'b1'),
    ).toEqual({
      subject: 'application',
      kind: 'event',
      id: 'a1',
      type: 'review.start',
      comment: 'round 1',
      reasons: ['r'],
      actor: county,
      requestId: 'batch:b1',
    });
  });

  it.each<[string, DomainError, { code: string; reasons: unknown[] }]>([
    [
      'the reasons a refusal gives',
      new DomainError('RULE_NOT_MET', 'no', { reasons: [msg('x.reason')] }),
      { code: 'RULE_NOT_MET', reasons: [msg('x.reason')] },
    ],
    [
      'else its detail message',
      new DomainError('NOT_FOUND', msg('problem.notFound', { what: 'a', id: '1' })),
      { code: 'NOT_FOUND', reasons: [msg('problem.notFound', { what: 'a', id: '1' })] },
    ],
    [
      'else its text',
      new DomainError('VERSION_CONFLICT', 'changed'),
      { code: 'VERSION_CONFLICT', reasons: ['changed'] },
    ],
  ])('a refusal carries %s', (_, error, expected) => {
    expect(refusalOf('a1', error)).toEqual({ id: 'a1', ok: false, ...expected });
  });

  const ok = (id: string): BatchItemResult => ({ id, ok: true, state: 'localReview' });
  const no = (id: string): BatchItemResult => ({
    id,
    ok: false,
    code: 'INVALID_TRANSITION',
    reasons: ['no'],
  });

  it.each<[string, BatchItemResult[], boolean, string[]]>([
    ['every item passed: applied as is', [ok('a'), ok('b')], true, ['ok', 'ok']],
    [
      'one refused: the others are rolled back',
      [ok('a'), no('b'), ok('c')],
      false,
      ['ROLLED_BACK', 'INVALID_TRANSITION', 'ROLLED_BACK'],
    ],
    ['all refused', [no('a')], false, ['INVALID_TRANSITION']],
  ])('settleAtomic: %s', (_, items, applied, codes) => {
    const settled = settleAtomic(items);
    expect(settled.applied).toBe(applied);
    expect(settled.items.map((i) => (i.ok ? 'ok' : i.code))).toEqual(codes);
    expect(summarize(settled.items)).toEqual({
      ok: applied ? items.length : 0,
      refused: applied ? 0 : items.length,
    });
  });

  it('the digest depends on each outcome and the order', () => {
    const base = itemsDigest([ok('a'), no('b')]);
    expect(itemsDigest([ok('a'), no('b')])).toBe(base);
    expect(itemsDigest([ok('a'), ok('b')])).not.toBe(base);
    expect(itemsDigest([no('b'), ok('a')])).not.toBe(base);
  });

  it('batch.sent refers to its items by request id, count and digest', () => {
    const items = [ok('a'), no('b')];
    const entry = batchAuditEntry({
      batchId: 'b1',
      request: { type: 'review.start', filter, atomic: false },
      actor: county,
      at: '2026-05-01T00:00:00.000Z',
      requestId: 'req-1',
      items,
      applied: true,
    });
    expect(entry).toMatchObject({
      subject: { type: 'batch', id: 'b1' },
      event: 'batch.sent',
      requestId: 'req-1',
      data: {
        type: 'review.start',
        atomic: false,
        applied: true,
        filter,
        count: 2,
        summary: { ok: 1, refused: 1 },
        itemsRequestId: 'batch:b1',
        itemsDigest: itemsDigest(items),
      },
    });
  });
});
