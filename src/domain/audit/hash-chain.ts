// The audit log is one hash chain: hash = sha256(prevHash + canonical JSON of the event), with
// RFC 8785 canonical JSON so that any verifier, in any language, recomputes the same bytes.
import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';

export const GENESIS_HASH = '0'.repeat(64);

/** The hashed content of an audit event: everything but its own hash and the link. */
export type AuditRecord = {
  seq: number;
  at: string;
  actor: { id: string; role: string; level?: string; regionCode?: string };
  subject: { type: string; id: string };
  enterpriseId: string | null;
  regionCode: string | null;
  event: string;
  fromState: string | null;
  toState: string | null;
  comment: string | null;
  data: unknown;
  requestId: string | null;
};

export const canonicalJson = (value: unknown): string => {
  const text = canonicalize(value);
  if (text === undefined) throw new Error('Value cannot be canonicalized');
  return text;
};

export const auditHash = (prevHash: string, record: AuditRecord): string =>
  createHash('sha256')
    .update(prevHash + canonicalJson(record))
    .digest('hex');

export type ChainLink = {
  seq: number;
  prevHash: string;
  hash: string;
  record: AuditRecord;
  /** The event's keyed MAC (event-mac.ts); null on events written before MACs existed. */
  mac?: string | null;
};

export type ChainInvalidReason = 'position' | 'link' | 'content' | 'mac';

export type ChainVerification = {
  ok: boolean;
  eventsChecked: number;
  headHash: string;
  firstInvalidSeq?: number;
  invalidReason?: ChainInvalidReason;
};

export type ChainVerifierOptions = {
  /**
   * Checks an event's MAC (security review M9: without the key, no one can append or rewrite an
   * event that verifies). Events without a MAC are accepted only until the first event with one:
   * older logs have none, and from then on every event must.
   */
  macMatches?: (seq: number, hash: string, mac: string) => boolean;
  /** The events before the start already carried MACs: every event checked must have one. */
  macRequired?: boolean;
};

/**
 * Checks links in seq order, continuing from a known (seq, hash) head. Reports the first event
 * whose position, link, content or MAC no longer matches.
 */
export class ChainVerifier {
  private checked = 0;
  private invalidSeq: number | undefined;
  private reason: ChainInvalidReason | undefined;
  private macRequired: boolean;

  constructor(
    private expectedSeq: number,
    private headHash: string,
    private readonly options: ChainVerifierOptions = {},
  ) {
    this.macRequired = options.macRequired ?? false;
  }

  push(link: ChainLink): boolean {
    if (this.invalidSeq !== undefined) return false;
    this.checked++;
    const reason = this.check(link);
    if (reason) {
      this.invalidSeq = this.expectedSeq;
      this.reason = reason;
      return false;
    }
    this.headHash = link.hash;
    this.expectedSeq++;
    return true;
  }

  private check(link: ChainLink): ChainInvalidReason | undefined {
    if (link.seq !== this.expectedSeq || link.record.seq !== link.seq) return 'position';
    if (link.prevHash !== this.headHash) return 'link';
    if (auditHash(link.prevHash, link.record) !== link.hash) return 'content';
    const { macMatches } = this.options;
    if (macMatches) {
      const mac = link.mac ?? null;
      if (mac === null) return this.macRequired ? 'mac' : undefined;
      if (!macMatches(link.seq, link.hash, mac)) return 'mac';
      this.macRequired = true;
    }
    return undefined;
  }

  result(): ChainVerification {
    return {
      ok: this.invalidSeq === undefined,
      eventsChecked: this.checked,
      headHash: this.headHash,
      ...(this.invalidSeq !== undefined
        ? { firstInvalidSeq: this.invalidSeq, invalidReason: this.reason }
        : {}),
    };
  }
}
