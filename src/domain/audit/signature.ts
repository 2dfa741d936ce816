// Ed25519 signatures over canonical JSON, for checkpoints and case bundles. Pure computation.
import { createHash, createPublicKey, verify, type KeyObject } from 'node:crypto';
import { canonicalJson } from './hash-chain';

export const SIGNATURE_ALGORITHM = 'Ed25519';

/** A short, stable name for a public key: the first 16 hex digits of sha256 of its DER form. */
export const keyIdOf = (publicKey: KeyObject): string =>
  createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex')
    .slice(0, 16);

export type Checkpoint = {
  seq: number;
  hash: string;
  at: string;
  keyId: string;
  signature: string;
};

/** What a checkpoint signs: the position and hash of the chain at a moment. */
export const checkpointMessage = (c: Pick<Checkpoint, 'seq' | 'hash' | 'at'>): string =>
  canonicalJson({ kind: 'sme-ladder-audit-checkpoint', seq: c.seq, hash: c.hash, at: c.at });

export const verifySignature = (
  publicKeyPem: string,
  message: string,
  signature: string,
): boolean => {
  try {
    return verify(
      null,
      Buffer.from(message, 'utf8'),
      createPublicKey(publicKeyPem),
      Buffer.from(signature, 'base64'),
    );
  } catch {
    return false;
  }
};
