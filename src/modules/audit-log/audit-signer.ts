import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  type KeyObject,
} from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deriveEventMacKey, eventMac, eventMacMatches } from '../../domain/audit/event-mac';
import { keyIdOf, SIGNATURE_ALGORITHM } from '../../domain/audit/signature';

export type PublicKeyView = { keyId: string; algorithm: string; publicKeyPem: string };

/**
 * The audit signing key (Ed25519), which also keys every event's MAC: AUDIT_SIGNING_KEY_FILE when given, otherwise a key generated on
 * first start into the data folder (mode 0600). Several instances must share one key file.
 */
export class AuditSigner {
  readonly keyId: string;
  readonly publicKeyPem: string;
  private readonly macKey: Buffer;

  constructor(private readonly privateKey: KeyObject) {
    const publicKey = createPublicKey(privateKey);
    this.keyId = keyIdOf(publicKey);
    this.publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    this.macKey = deriveEventMacKey(privateKey.export({ type: 'pkcs8', format: 'der' }));
  }

  static load(configuredFile: string | undefined, dataDir: string): AuditSigner {
    const file = configuredFile ?? join(dataDir, 'audit-signing-key.pem');
    try {
      return new AuditSigner(createPrivateKey(readFileSync(file, 'utf8')));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || configuredFile) throw error;
    }
    mkdirSync(dataDir, { recursive: true });
    const { privateKey } = generateKeyPairSync('ed25519');
    try {
      writeFileSync(file, privateKey.export({ type: 'pkcs8', format: 'pem' }), {
        mode: 0o600,
        flag: 'wx',
      });
    } catch (error) {
      // Another process created it first: use theirs.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      return new AuditSigner(createPrivateKey(readFileSync(file, 'utf8')));
    }
    return new AuditSigner(privateKey);
  }

  sign(message: string): string {
    return sign(null, Buffer.from(message, 'utf8'), this.privateKey).toString('base64');
  }

  /** The keyed MAC of the audit event at `seq` with hash `hash`. */
  eventMac(seq: number, hash: string): string {
    return eventMac(this.macKey, seq, hash);
  }

  eventMacMatches(seq: number, hash: string, mac: string): boolean {
    return eventMacMatches(this.macKey, seq, hash, mac);
  }

  publicKey(): PublicKeyView {
    return { keyId: this.keyId, algorithm: SIGNATURE_ALGORITHM, publicKeyPem: this.publicKeyPem };
  }
}
