import {
  auditHash,
  canonicalJson,
  ChainVerifier,
  GENESIS_HASH,
  type AuditRecord,
} from './hash-chain';
import { deriveEventMacKey, eventMac, eventMacMatches } from './event-mac';

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

  describe('event MACs', () => {
    const key = deriveEventMacKey(Buffer.from('a private key, as DER bytes'));
    const other = deriveEventMacKey(Buffer.from('another key'));
    const options = {
      macMatches: (seq: number, hash: string, mac: string) => eventMacMatches(key, seq, hash, mac),
    };
    const withMacs = (n: number, from = 1) =>
      chain(n).map((l) => ({ ...l, mac: l.seq >= from ? eventMac(key, l.seq, l.hash) : null }));
    const run = (links: ReturnType<typeof withMacs>, macRequired = false) => {
      const v = new ChainVerifier(1, GENESIS_HASH, { ...options, macRequired });
      links.forEach((l) => v.push(l));
      return v.result();
    };

    it('binds the MAC to the key, the position and the hash', () => {
      const mac = eventMac(key, 3, 'a'.repeat(64));
      expect(mac).toMatch(/^[0-9a-f]{64}$/);
      expect(eventMacMatches(key, 3, 'a'.repeat(64), mac)).toBe(true);
      expect(eventMacMatches(other, 3, 'a'.repeat(64), mac)).toBe(false);
      expect(eventMacMatches(key, 4, 'a'.repeat(64), mac)).toBe(false);
      expect(eventMacMatches(key, 3, 'b'.repeat(64), mac)).toBe(false);
      expect(eventMacMatches(key, 3, 'a'.repeat(64), 'zz')).toBe(false);
    });

    it.each([
      ['every event has a valid MAC', withMacs(5), false, { ok: true, eventsChecked: 5 }],
      ['older events have none (written before MACs)', withMacs(5, 3), false, { ok: true }],
      [
        'an event without one after the first with one',
        withMacs(5).map((l) => (l.seq === 4 ? { ...l, mac: null } : l)),
        false,
        { ok: false, firstInvalidSeq: 4, invalidReason: 'mac' },
      ],
      [
        'an event without one when the start already had one',
        withMacs(5, 6),
        true,
        { ok: false, firstInvalidSeq: 1, invalidReason: 'mac' },
      ],
      [
        "an event under another key's MAC",
        withMacs(5).map((l) => (l.seq === 2 ? { ...l, mac: eventMac(other, 2, l.hash) } : l)),
        false,
        { ok: false, firstInvalidSeq: 2, invalidReason: 'mac' },
      ],
      [
        "another event's MAC",
        withMacs(5).map((l, i, all) => (l.seq === 5 ? { ...l, mac: all[3]!.mac } : l)),
        false,
        { ok: false, firstInvalidSeq: 5, invalidReason: 'mac' },
      ],
    ])('%s', (_what, links, macRequired, expected) => {
      expect(run(links, macRequired)).toMatchObject(expected);
    });

    it('names the reason of a broken link before the MAC', () => {
      const links = withMacs(3).map((l) => (l.seq === 2 ? { ...l, prevHash: GENESIS_HASH } : l));
      expect(run(links)).toMatchObject({ ok: false, firstInvalidSeq: 2, invalidReason: 'link' });
    });
  });
});
