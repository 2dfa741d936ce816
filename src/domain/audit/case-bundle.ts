// Offline verification of a signed case bundle: needs the bundle only, no server, no database.
import { auditHash, canonicalJson, type AuditRecord } from './hash-chain';
import { checkpointMessage, keyIdOf, verifySignature, type Checkpoint } from './signature';
import { createHash, createPublicKey } from 'node:crypto';

export type BundleEvent = AuditRecord & { prevHash: string; hash: string };

export type CaseBundle = {
  format: string;
  generatedAt: string;
  application: { id: string } & Record<string, unknown>;
  events: BundleEvent[];
  chainHead: { seq: number; hash: string } | null;
  checkpoint: Checkpoint | null;
  publicKey: { keyId: string; algorithm: string; publicKeyPem: string };
  signature: { keyId: string; algorithm: string; value: string };
  /** Every document of the application, deleted ones included, with its hash. */
  documents?: BundleDocument[];
};

/** A document as a case bundle lists it. */
export type BundleDocument = {
  id: string;
  kind: string;
  year?: number;
  fileName: string;
  mediaType: string;
  size: number;
  sha256: string;
  uploadedBy: string;
  uploadedAt: string;
  deletedAt?: string;
};

/** A file of a folder of downloaded documents: its name, size and SHA-256. */
export type FileDigest = { name: string; size: number; sha256: string };

/**
 * Checks a folder of downloaded files against a bundle's documents: every document not deleted
 * must be there (matched by content hash, whatever the file is called), and every file must be
 * one of the bundle's documents.
 */
export const checkDocumentFiles = (
  documents: readonly BundleDocument[],
  files: readonly FileDigest[],
): { checked: number; problems: string[] } => {
  const problems: string[] = [];
  const byHash = new Map(files.map((f) => [f.sha256, f]));
  const known = new Set(documents.map((d) => d.sha256));
  let checked = 0;
  for (const doc of documents) {
    if (doc.deletedAt) continue;
    checked++;
    const file = byHash.get(doc.sha256);
    if (!file) {
      problems.push(
        `document ${doc.id} (${doc.fileName}, sha256 ${doc.sha256}): no file has its hash`,
      );
    } else if (file.size !== doc.size) {
      problems.push(`document ${doc.id}: ${file.name} has ${file.size} bytes, not ${doc.size}`);
    }
  }
  for (const file of files) {
    if (!known.has(file.sha256)) problems.push(`${file.name} is none of the bundle's documents`);
  }
  return { checked, problems };
};

const manifestOf = (event: BundleEvent): { id?: unknown; sha256?: unknown }[] => {
  const data = event.data as { documents?: unknown } | null;
  return Array.isArray(data?.documents) ? (data.documents as { id?: unknown }[]) : [];
};

export type BundleVerification = { ok: boolean; eventsChecked: number; problems: string[] };

/** Format 1 signs the canonical JSON itself; format 2 (streamed) signs its sha256. */
export const BUNDLE_FORMAT_V1 = 'sme-ladder-case-bundle/1';
export const BUNDLE_FORMAT_V2 = 'sme-ladder-case-bundle/2';

/** What a format-2 bundle's signature signs: the sha256 of its canonical JSON without signature. */
export const bundleDigestMessage = (sha256Hex: string): string =>
  `${BUNDLE_FORMAT_V2} sha256=${sha256Hex}`;

const recordOf = (e: BundleEvent): AuditRecord => ({
  seq: e.seq,
  at: e.at,
  actor: e.actor,
  subject: e.subject,
  enterpriseId: e.enterpriseId,
  regionCode: e.regionCode,
  event: e.event,
  fromState: e.fromState,
  toState: e.toState,
  comment: e.comment,
  data: e.data,
  requestId: e.requestId,
});

/**
 * Checks that every event's hash is sha256(prevHash + its canonical JSON), that the events belong
 * to the application in chain order, and that the bundle (and its checkpoint) are signed by the
 * key it carries, and that this key is `trustedKeyId` when the verifier pins one (the offline
 * verifier always does: a key inside the bundle proves nothing by itself, security review L1).
 */
export const verifyCaseBundle = (value: unknown, trustedKeyId?: string): BundleVerification => {
  const problems: string[] = [];
  if (!value || typeof value !== 'object')
    return { ok: false, eventsChecked: 0, problems: ['not a JSON object'] };
  const bundle = value as CaseBundle;
  if (
    !Array.isArray(bundle.events) ||
    !bundle.publicKey?.publicKeyPem ||
    !bundle.signature?.value
  ) {
    return { ok: false, eventsChecked: 0, problems: ['not a case bundle'] };
  }
  let keyId: string;
  try {
    keyId = keyIdOf(createPublicKey(bundle.publicKey.publicKeyPem));
  } catch {
    return { ok: false, eventsChecked: 0, problems: ['the public key cannot be read'] };
  }
  if (keyId !== bundle.publicKey.keyId || keyId !== bundle.signature.keyId) {
    problems.push('the key id does not match the public key');
  }
  if (trustedKeyId && keyId !== trustedKeyId)
    problems.push(`signed by key ${keyId}, not by the trusted ${trustedKeyId}`);
  const { signature, ...signed } = bundle;
  const message =
    bundle.format === BUNDLE_FORMAT_V2
      ? bundleDigestMessage(createHash('sha256').update(canonicalJson(signed)).digest('hex'))
      : canonicalJson(signed);
  if (!verifySignature(bundle.publicKey.publicKeyPem, message, signature.value)) {
    problems.push('the bundle signature does not match its content');
  }
  let previousSeq = 0;
  let checked = 0;
  for (const event of bundle.events) {
    checked++;
    if (event.subject?.type !== 'application' || event.subject.id !== bundle.application?.id) {
      problems.push(`event ${event.seq} is not about this application`);
    }
    if (!(event.seq > previousSeq)) problems.push(`event ${event.seq} is out of chain order`);
    previousSeq = event.seq;
    if (auditHash(event.prevHash, recordOf(event)) !== event.hash) {
      problems.push(`event ${event.seq}: its hash does not match its content and link`);
    }
  }
  if (Array.isArray(bundle.documents)) {
    // Each submission's manifest names documents the bundle lists, with the same hash.
    const listed = new Map(bundle.documents.map((d) => [d.id, d.sha256]));
    for (const event of bundle.events) {
      for (const entry of manifestOf(event)) {
        if (listed.get(String(entry.id)) !== entry.sha256) {
          problems.push(
            `event ${event.seq}: document ${String(entry.id)} is not in the bundle with that hash`,
          );
        }
      }
    }
  }
  if (bundle.checkpoint) {
    const cp = bundle.checkpoint;
    if (!verifySignature(bundle.publicKey.publicKeyPem, checkpointMessage(cp), cp.signature)) {
      problems.push(`checkpoint ${cp.seq}: bad signature`);
    }
  }
  return { ok: problems.length === 0, eventsChecked: checked, problems };
};
