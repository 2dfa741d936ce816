// A keyed MAC on every audit event (security review M9). The hash chain alone is unkeyed: anyone
// who can write to the database can append an event, or rewrite the events after the last signed
// checkpoint, and recompute every hash. The MAC needs a key that lives outside the database (derived
// from the audit signing key), so such an event no longer verifies. Pure computation.
import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';

/** What an event's MAC covers: its position and its hash (which covers its content and link). */
export const eventMacMessage = (seq: number, hash: string): string =>
  `sme-ladder-audit-event:${seq}:${hash}`;

export const eventMac = (key: Buffer, seq: number, hash: string): string =>
  createHmac('sha256', key).update(eventMacMessage(seq, hash)).digest('hex');

export const eventMacMatches = (key: Buffer, seq: number, hash: string, mac: string): boolean => {
  const expected = Buffer.from(eventMac(key, seq, hash), 'hex');
  const given = Buffer.from(mac, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
};

/**
 * The MAC key: HKDF-SHA256 of the signing key's private bytes, so that the one key file that
 * instances already share is all they need.
 */
export const deriveEventMacKey = (privateKeyDer: Buffer): Buffer =>
  Buffer.from(hkdfSync('sha256', privateKeyDer, 'sme-ladder', 'audit-event-mac', 32));
