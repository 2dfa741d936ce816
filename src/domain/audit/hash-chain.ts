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

export type ChainLink = { seq: number; prevHash: string; hash: string; record: AuditRecord };

export type ChainVerification = {
  ok: boolean;
  eventsChecked: number;
  headHash: string;
  firstInvalidSeq?: number;
};

/**
 * Checks links in seq order, continuing from a known (seq, hash) head. Reports the first event
 * whose content, link or position no longer matches.
 */
export class ChainVerifier {
  private checked = 0;
  private invalidSeq: number | undefined;

  constructor(
    private expectedSeq: number,
    private headHash: string,
  ) {}

  push(link: ChainLink): boolean {
    if (this.invalidSeq !== undefined) return false;
    this.checked++;
    const valid =
      link.seq === this.expectedSeq &&
      link.record.seq === link.seq &&
      link.prevHash === this.headHash &&
      auditHash(link.prevHash, link.record) === link.hash;
    if (!valid) {
      this.invalidSeq = this.expectedSeq;
      return false;
    }
    this.headHash = link.hash;
    this.expectedSeq++;
    return true;
  }

  result(): ChainVerification {
    return {
      ok: this.invalidSeq === undefined,
      eventsChecked: this.checked,
      headHash: this.headHash,
      ...(this.invalidSeq !== undefined ? { firstInvalidSeq: this.invalidSeq } : {}),
    };
  }
}
