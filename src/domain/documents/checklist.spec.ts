import type { Facts } from '../certification/facts';
import type { Tier } from '../certification/tier';
import { renderMsg } from '../i18n/render';
import {
  documentChecklist,
  missingDocuments,
  openDocumentRequest,
  type ChecklistDocument,
  type DocumentRequest,
} from './checklist';

const doc = (
  id: string,
  kind: ChecklistDocument['kind'],
  year?: number,
  at = '2026-03-01T00:00:00.000Z',
): ChecklistDocument => ({
  id,
  kind,
  ...(year !== undefined ? { year } : {}),
  uploadedAt: at,
});

const unmet = (input: {
  tier?: Tier;
  facts: Facts;
  documents?: ChecklistDocument[];
  request?: DocumentRequest;
}) =>
  documentChecklist({ tier: input.tier ?? 'innovative_sme', documents: [], ...input })
    .filter((i) => !i.met)
    .map((i) => `${i.kind}${i.year !== undefined ? `:${i.year}` : ''}${i.requested ? '*' : ''}`);

describe('documentChecklist', () => {
  const financials = [
    { year: 2024, rdExpense: 10 },
    { year: 2025, rdExpense: 20 },
  ];
  it.each<[string, Parameters<typeof unmet>[0], string[]]>([
    ['no facts: the commitment letter', { facts: {} }, ['commitment_letter']],
    ['met by one', { facts: {}, documents: [doc('a', 'commitment_letter')] }, []],
    [
      'a financial statement per year of figures',
      {
        facts: { financials },
        documents: [doc('c', 'commitment_letter'), doc('f', 'financial_statement', 2025)],
      },
      ['financial_statement:2024'],
    ],
    [
      'a statement of another year does not count',
      {
        facts: { financials: [{ year: 2025 }] },
        documents: [doc('c', 'commitment_letter'), doc('f', 'financial_statement', 2023)],
      },
      ['financial_statement:2025'],
    ],
    [
      'an R&D ledger for the latest R&D year on the specialized tier',
      {
        tier: 'specialized_sme',
        facts: { financials },
        documents: [
          doc('c', 'commitment_letter'),
          doc('f1', 'financial_statement', 2024),
          doc('f2', 'financial_statement', 2025),
        ],
      },
      ['rd_ledger:2025'],
    ],
    [
      'no R&D ledger on the innovative tier',
      {
        facts: { financials },
        documents: [
          doc('c', 'commitment_letter'),
          doc('f1', 'financial_statement', 2024),
          doc('f2', 'financial_statement', 2025),
        ],
      },
      [],
    ],
    [
      'Class I IP claimed',
      { facts: { ip: { classI: 2 } }, documents: [doc('c', 'commitment_letter')] },
      ['ip_certificate'],
    ],
    [
      'Class II IP claimed',
      { facts: { ip: { classII: 1 } }, documents: [doc('c', 'commitment_letter')] },
      ['ip_certificate'],
    ],
    [
      'no IP claimed',
      { facts: { ip: { classI: 0 } }, documents: [doc('c', 'commitment_letter')] },
      [],
    ],
    [
      'an award certificate per award: two of one year need two',
      {
        facts: {
          awards: [
            { level: 'national', year: 2025, rank: 1 },
            { level: 'provincial', year: 2025, rank: 2 },
          ],
        },
        documents: [doc('c', 'commitment_letter'), doc('a1', 'award_certificate', 2025)],
      },
      ['award_certificate:2025'],
    ],
    [
      'quality system certified',
      {
        facts: { quality: { qualitySystemCertified: true } },
        documents: [doc('c', 'commitment_letter')],
      },
      ['quality_certificate'],
    ],
    [
      'a request is met only by a document uploaded after it',
      {
        facts: {},
        documents: [
          doc('c', 'commitment_letter'),
          doc('o', 'other', undefined, '2026-03-01T00:00:00.000Z'),
        ],
        request: {
          items: [{ kind: 'other', note: 'the lease' }],
          requestedAt: '2026-04-01T00:00:00.000Z',
        },
      },
      ['other*'],
    ],
    [
      'a new upload meets both the request and the standing requirement',
      {
        facts: { financials: [{ year: 2025 }] },
        documents: [
          doc('c', 'commitment_letter'),
          doc('f', 'financial_statement', 2025, '2026-04-02T00:00:00.000Z'),
        ],
        request: {
          items: [{ kind: 'financial_statement', year: 2025 }],
          requestedAt: '2026-04-01T00:00:00.000Z',
        },
      },
      [],
    ],
  ])('%s', (_name, input, expected) => {
    expect(unmet(input)).toEqual(expected);
  });

  it.each([
    [
      { awards: [{ level: 'national' as const, year: 2024, rank: 2 }] },
      'A national S&T award in 2024 ranked 2 is claimed: its certificate backs it.',
      '申报了2024年获国家级科技奖励（排名2），须附获奖证书佐证。',
    ],
    [
      { ip: { classII: 3 } },
      'Class II intellectual property is claimed: at least one certificate backs it.',
      '申报了Ⅱ类知识产权，须附至少一份证书佐证。',
    ],
  ])('gives each reason in both languages (%j)', (facts, en, zh) => {
    const [, item] = documentChecklist({ tier: 'innovative_sme', facts, documents: [] });
    expect(renderMsg(item!.reason, 'en')).toBe(en);
    expect(renderMsg(item!.reason, 'zh-CN')).toBe(zh);
  });

  it('names what is missing, with the reason', () => {
    const items = documentChecklist({
      tier: 'innovative_sme',
      facts: { financials: [{ year: 2025 }] },
      documents: [],
    });
    const missing = missingDocuments(items);
    expect(missing.map((m) => renderMsg(m, 'en'))).toEqual([
      'Missing commitment letter: Every application carries the signed commitment on the truth of its materials.',
      'Missing financial statement for 2025: The figures of 2025 are used by the rules: its financial statement backs them.',
    ]);
    expect(missing.map((m) => renderMsg(m, 'zh-CN'))).toEqual([
      '缺少真实性承诺书：每份申请须附加盖公章的材料真实性承诺书。',
      '缺少2025年度财务报表：评价使用了2025年度数据，须附该年度财务报表佐证。',
    ]);
    expect(items.every((i) => i.required && i.documentIds.length === 0)).toBe(true);
  });

  it('lists the documents that meet each item', () => {
    const items = documentChecklist({
      tier: 'innovative_sme',
      facts: {},
      documents: [doc('c', 'commitment_letter')],
    });
    expect(items).toEqual([
      expect.objectContaining({ kind: 'commitment_letter', met: true, documentIds: ['c'] }),
    ]);
  });
});

describe('openDocumentRequest', () => {
  const returned = {
    event: 'review.return',
    at: '2026-04-01T00:00:00.000Z',
    data: {
      dueAt: '2026-04-08T16:00:00.000Z',
      data: { requestedDocuments: [{ kind: 'other', note: 'lease' }] },
    },
  };
  it.each<[string, string, object[], boolean]>([
    ['returned with a request', 'returned', [returned], true],
    [
      'not returned any more',
      'submitted',
      [returned, { event: 'resubmit', at: 'x', data: {} }],
      false,
    ],
    [
      'returned without a request',
      'returned',
      [{ event: 'review.return', at: 'x', data: {} }],
      false,
    ],
    [
      'the latest return counts',
      'returned',
      [returned, { event: 'review.return', at: 'y', data: {} }],
      false,
    ],
  ])('%s', (_name, state, events, open) => {
    expect(openDocumentRequest(state, events as never) !== null).toBe(open);
  });
  it('carries the items, when and the deadline', () => {
    expect(openDocumentRequest('returned', [returned])).toEqual({
      items: [{ kind: 'other', note: 'lease' }],
      requestedAt: '2026-04-01T00:00:00.000Z',
      dueAt: '2026-04-08T16:00:00.000Z',
    });
  });
});
