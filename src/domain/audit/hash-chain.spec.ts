import {
  auditHash,
  canonicalJson,
  ChainVerifier,
  GENESIS_HASH,
  type AuditRecord,
} from './hash-chain';

const record = (seq: number, overrides: Partial<AuditRecord> = {}): AuditRecord => ({
  seq,
  at: '2026-05-11T02:00:00.000Z',
  actor: { id: 'u1', role: 'reviewer', level: 'city', regionCode: '130100' },
  subject: { type: 'application', id: 'a1' },
  enterpriseId: 'e1',
  regionCode: '130102',
  event: 'review.start',
  fromState: 'submitted',
  toState: 'localReview',
  comment: null,
  data: { b: 1, a: [2, { d: 'x', c: null }] },
  requestId: 'r1',
  ...overrides,
});

const chain = (n: number) => {
  let prev = GENESIS_HASH;
  return Array.from({ length: n }, (_, i) => {
    const r = record(i + 1);
    const hash = auditHash(prev, r);
    const link = { seq: i + 1, prevHash: prev, hash, record: r };
    prev = hash;
    return link;
  });
};

describe('audit hash chain', () => {
  it('canonicalizes key order (RFC 8785)', () => {
    expect(canonicalJson({ b: 1, a: { d: 2, c: 3 } })).toBe('{"a":{"c":3,"d":2},"b":1}');
  });

  it('hashes sha256(prevHash + canonical JSON)', () => {
    expect(auditHash(GENESIS_HASH, record(1))).toMatch(/^[0-9a-f]{64}$/);
    expect(auditHash(GENESIS_HASH, record(1))).not.toBe(
      auditHash(GENESIS_HASH, record(1, { comment: 'x' })),
    );
  });

  it('verifies an intact chain and reports its head', () => {
    const links = chain(5);
    const v = new ChainVerifier(1, GENESIS_HASH);
    links.forEach((l) => v.push(l));
    expect(v.result()).toEqual({ ok: true, eventsChecked: 5, headHash: links[4]!.hash });
  });

  it.each([
    [
      'content',
      (l: ReturnType<typeof chain>[number]) => ({
        ...l,
        record: { ...l.record, toState: 'certified' },
      }),
    ],
    ['link', (l: ReturnType<typeof chain>[number]) => ({ ...l, prevHash: GENESIS_HASH })],
    [
      'hash',
      (l: ReturnType<typeof chain>[number]) => ({
        ...l,
        hash:
          l.hash.replace(/^./, 'f') === l.hash
            ? l.hash.replace(/^./, 'e')
            : l.hash.replace(/^./, 'f'),
      }),
    ],
    ['position', (l: ReturnType<typeof chain>[number]) => ({ ...l, seq: l.seq + 1 })],
  ])('reports the first event whose %s was tampered with', (_what, tamper) => {
    const links = chain(5);
    links[2] = tamper(links[2]!);
    const v = new ChainVerifier(1, GENESIS_HASH);
    links.forEach((l) => v.push(l));
    expect(v.result()).toMatchObject({ ok: false, firstInvalidSeq: 3, eventsChecked: 3 });
  });
});
