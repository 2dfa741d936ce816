import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { open, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { SNIFF_BYTES, ZIP_TAIL_BYTES } from '../../domain/documents/media-type';

export type Spooled = {
  path: string;
  sha256: string;
  size: number;
  /** The first bytes (for the media type). */
  head: Buffer;
};

export class TooLarge extends Error {
  constructor(readonly limit: number) {
    super(`larger than ${limit} bytes`);
  }
}

/**
 * Streams an upload to a spool file, hashing and counting on the way: memory stays flat whatever
 * the size. More than `limit` bytes aborts with TooLarge; any failure removes the spool file.
 */
export const spool = async (source: Readable, dir: string, limit: number): Promise<Spooled> => {
  const path = join(dir, `${randomUUID()}.part`);
  const hash = createHash('sha256');
  let size = 0;
  const headChunks: Buffer[] = [];
  let headLength = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      size += chunk.length;
      if (size > limit) {
        done(new TooLarge(limit));
        return;
      }
      if (headLength < SNIFF_BYTES) {
        headChunks.push(chunk.subarray(0, SNIFF_BYTES - headLength));
        headLength += Math.min(chunk.length, SNIFF_BYTES - headLength);
      }
      hash.update(chunk);
      done(null, chunk);
    },
  });
  try {
    await pipeline(source, meter, createWriteStream(path, { flags: 'wx', mode: 0o600 }));
  } catch (error) {
    // Let the rest of the upload drain (the client is told, not cut off mid-body).
    source.resume();
    await rm(path, { force: true });
    throw error;
  }
  return { path, sha256: hash.digest('hex'), size, head: Buffer.concat(headChunks) };
};

/** The last bytes of a spooled file (a ZIP's central directory). */
export const tailOf = async (path: string, size: number): Promise<Buffer> => {
  const length = Math.min(size, ZIP_TAIL_BYTES);
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(length);
    await handle.read(buffer, 0, length, size - length);
    return buffer;
  } finally {
    await handle.close();
  }
};
