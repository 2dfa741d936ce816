import type { Readable } from 'node:stream';

/** Where the bytes of documents live, addressed by their SHA-256 (the same file is stored once). */
export interface DocumentStore {
  /** A folder on local disk where uploads are spooled before they are stored. */
  readonly spoolDir: string;
  /** Stores the spooled file under its hash (moving or copying it); storing a known hash is a no-op. */
  put(sha256: string, spooledPath: string, size: number): Promise<void>;
  /** The bytes, or the inclusive range [start, end] of them. */
  get(sha256: string, range?: { start: number; end: number }): Promise<Readable>;
  /** Whether the file of this hash is stored. */
  has(sha256: string): Promise<boolean>;
  /**
   * Removes the file of this hash (absent: nothing happens). The service never calls it: a deleted
   * document keeps its file (another may share it, and the audit trail names its hash). For tests
   * and operators' tools.
   */
  remove(sha256: string): Promise<void>;
}

export const DOCUMENT_STORE = Symbol('DOCUMENT_STORE');

export const isSha256 = (value: string): boolean => /^[0-9a-f]{64}$/.test(value);
