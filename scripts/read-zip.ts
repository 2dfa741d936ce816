// A small, synchronous reader of the zips the case-bundle route writes (for verify-bundle): the
// central directory, then each entry's bytes: stored entries are hashed straight from the file in
// 1 MiB chunks (never held whole), deflated ones inflated. ZIP64 archives are refused (unzip them
// and pass the folder with --documents).
import { createHash } from 'node:crypto';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';

export type ZipEntry = {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  dataOffset: number;
};

const read = (fd: number, length: number, position: number): Buffer => {
  const buffer = Buffer.alloc(length);
  const n = readSync(fd, buffer, 0, length, position);
  return buffer.subarray(0, n);
};

export class ZipFile {
  private readonly fd: number;
  readonly entries: ZipEntry[];

  constructor(path: string) {
    this.fd = openSync(path, 'r');
    try {
      this.entries = this.readEntries();
    } catch (error) {
      closeSync(this.fd);
      throw error;
    }
  }

  private readEntries(): ZipEntry[] {
    const size = fstatSync(this.fd).size;
    const tailLength = Math.min(size, 22 + 0xffff);
    const tail = read(this.fd, tailLength, size - tailLength);
    let eocd = -1;
    for (let i = tail.length - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === 0x06054b50) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) throw new Error('not a zip file (no end of central directory)');
    const count = tail.readUInt16LE(eocd + 10);
    const cdSize = tail.readUInt32LE(eocd + 12);
    const cdOffset = tail.readUInt32LE(eocd + 16);
    if (count === 0xffff || cdOffset === 0xffffffff || cdSize === 0xffffffff) {
      throw new Error('a ZIP64 archive: unzip it and pass the folder with --documents');
    }
    const cd = read(this.fd, cdSize, cdOffset);
    const entries: ZipEntry[] = [];
    let p = 0;
    for (let i = 0; i < count; i++) {
      if (cd.readUInt32LE(p) !== 0x02014b50) throw new Error('a damaged central directory');
      const method = cd.readUInt16LE(p + 10);
      const compressedSize = cd.readUInt32LE(p + 20);
      const entrySize = cd.readUInt32LE(p + 24);
      const nameLength = cd.readUInt16LE(p + 28);
      const extraLength = cd.readUInt16LE(p + 30);
      const commentLength = cd.readUInt16LE(p + 32);
      const localOffset = cd.readUInt32LE(p + 42);
      const name = cd.toString('utf8', p + 46, p + 46 + nameLength);
      if (compressedSize === 0xffffffff || entrySize === 0xffffffff) {
        throw new Error('a ZIP64 archive: unzip it and pass the folder with --documents');
      }
      const local = read(this.fd, 30, localOffset);
      if (local.length < 30 || local.readUInt32LE(0) !== 0x04034b50) {
        throw new Error(`a damaged local header for ${name}`);
      }
      const dataOffset = localOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
      entries.push({ name, method, compressedSize, size: entrySize, dataOffset });
      p += 46 + nameLength + extraLength + commentLength;
    }
    return entries;
  }

  /** The entry's bytes (deflated entries inflated): for small entries such as bundle.json. */
  content(entry: ZipEntry): Buffer {
    const raw = read(this.fd, entry.compressedSize, entry.dataOffset);
    if (entry.method === 0) return raw;
    if (entry.method === 8) return inflateRawSync(raw);
    throw new Error(`${entry.name}: compression method ${entry.method} is not supported`);
  }

  /** The entry's size and SHA-256; a stored entry is read in 1 MiB chunks. */
  digest(entry: ZipEntry): { size: number; sha256: string } {
    const hash = createHash('sha256');
    if (entry.method !== 0) {
      const bytes = this.content(entry);
      return { size: bytes.length, sha256: hash.update(bytes).digest('hex') };
    }
    const buffer = Buffer.alloc(1024 * 1024);
    let done = 0;
    while (done < entry.compressedSize) {
      const n = readSync(
        this.fd,
        buffer,
        0,
        Math.min(buffer.length, entry.compressedSize - done),
        entry.dataOffset + done,
      );
      if (n === 0) throw new Error(`${entry.name} is cut short`);
      hash.update(buffer.subarray(0, n));
      done += n;
    }
    return { size: done, sha256: hash.digest('hex') };
  }

  close(): void {
    closeSync(this.fd);
  }
}
