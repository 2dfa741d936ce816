import { createReadStream } from 'node:fs';
import { access, link, mkdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { isSha256, type DocumentStore } from './document-store';

/**
 * Documents on the local filesystem, content-addressed: `<dir>/sha256/ab/abcdef…`. A file is
 * written to the spool folder (same filesystem) and renamed into place, so a stored path always
 * holds a whole file; two uploads of the same bytes share it.
 */
export class FsDocumentStore implements DocumentStore {
  readonly spoolDir: string;
  private readonly objects: string;
  private ready: Promise<void> | null = null;

  constructor(dir: string) {
    this.spoolDir = join(dir, 'spool');
    this.objects = join(dir, 'sha256');
  }

  /** Creates the folders (once). */
  init(): Promise<void> {
    this.ready ??= (async () => {
      await mkdir(this.spoolDir, { recursive: true, mode: 0o700 });
      await mkdir(this.objects, { recursive: true, mode: 0o700 });
    })();
    return this.ready;
  }

  private pathOf(sha256: string): string {
    if (!isSha256(sha256)) throw new Error(`not a SHA-256: ${sha256}`);
    return join(this.objects, sha256.slice(0, 2), sha256);
  }

  async put(sha256: string, spooledPath: string): Promise<void> {
    await this.init();
    const target = this.pathOf(sha256);
    await mkdir(join(this.objects, sha256.slice(0, 2)), { recursive: true, mode: 0o700 });
    try {
      // A hard link fails if the file exists: the first copy of these bytes stays untouched.
      await link(spooledPath, target);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        // Filesystems without hard links: rename (atomic, replaces an identical file at worst).
        if ((error as NodeJS.ErrnoException).code === 'EPERM') {
          await rename(spooledPath, target);
          return;
        }
        throw error;
      }
    }
    await rm(spooledPath, { force: true });
  }

  async get(sha256: string, range?: { start: number; end: number }): Promise<Readable> {
    const path = this.pathOf(sha256);
    await access(path);
    return createReadStream(path, range ? { start: range.start, end: range.end } : {});
  }

  async remove(sha256: string): Promise<void> {
    await rm(this.pathOf(sha256), { force: true });
  }

  async has(sha256: string): Promise<boolean> {
    const path = this.pathOf(sha256);
    try {
      await access(path);
      return true;
    } catch {
      return false;
    }
  }
}
