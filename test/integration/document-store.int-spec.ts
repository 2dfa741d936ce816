import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import type { DocumentStore } from '../../src/modules/documents/document-store';
import { FsDocumentStore } from '../../src/modules/documents/fs-document-store';
import { S3DocumentStore } from '../../src/modules/documents/s3-document-store';
import { startLocalS3, type LocalS3 } from '../support/s3-server';

const MiB = 1024 * 1024;
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const read = async (stream: Readable): Promise<Buffer> => {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
};

type Backend = {
  store: DocumentStore;
  close(): Promise<void>;
};

/** The backends under one contract: every case below runs against each of them. */
const backends: [string, (dir: string) => Promise<Backend>][] = [
  [
    'fs',
    async (dir) => {
      const store = new FsDocumentStore(join(dir, 'documents'));
      await store.init();
      return { store, close: () => Promise.resolve() };
    },
  ],
  [
    's3 (s3rver)',
    async (dir) => {
      const s3 = await startLocalS3();
      const store = new S3DocumentStore(join(dir, 'documents'), {
        endpoint: s3.endpoint,
        region: 'us-east-1',
        bucket: s3.bucket,
        credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
        forcePathStyle: true,
        // Small, so that the 11 MiB case below is a multipart upload of 5 MiB parts.
        multipartThreshold: 6 * MiB,
        partSize: 5 * MiB,
      });
      await store.init();
      return {
        store,
        close: async () => {
          store.close();
          await s3.close();
        },
      };
    },
  ],
];

describe.each(backends)('document store contract: %s', (_name, open) => {
  let dir: string;
  let backend: Backend;
  let store: DocumentStore;
  let n = 0;
  /** Writes `bytes` to a fresh spool file of the store, as an upload does. */
  const spooled = (bytes: Buffer): string => {
    const path = join(store.spoolDir, `test-${n++}.part`);
    writeFileSync(path, bytes);
    return path;
  };
  const putBytes = async (bytes: Buffer) => {
    const hash = sha256(bytes);
    const path = spooled(bytes);
    await store.put(hash, path, bytes.length);
    rmSync(path, { force: true });
    return hash;
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ladder-store-'));
    backend = await open(dir);
    store = backend.store;
  });
  afterAll(async () => {
    await backend.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('has a local spool folder', () => {
    expect(existsSync(store.spoolDir)).toBe(true);
  });

  it('stores bytes under their hash and gives them back whole', async () => {
    const bytes = randomBytes(100_000);
    const hash = sha256(bytes);
    expect(await store.has(hash)).toBe(false);
    await putBytes(bytes);
    expect(await store.has(hash)).toBe(true);
    expect(Buffer.compare(await read(await store.get(hash)), bytes)).toBe(0);
  });

  it('gives back inclusive byte ranges: the first byte, the middle, the last byte', async () => {
    const bytes = randomBytes(70_001);
    const hash = await putBytes(bytes);
    for (const [start, end] of [
      [0, 0],
      [10, 19],
      [1000, 65_999],
      [70_000, 70_000],
      [0, 70_000],
    ] as const) {
      const got = await read(await store.get(hash, { start, end }));
      expect(Buffer.compare(got, bytes.subarray(start, end + 1))).toBe(0);
    }
  });

  it('stores the same bytes once: a second put is a no-op and the bytes stay', async () => {
    const bytes = randomBytes(5000);
    const hash = await putBytes(bytes);
    await putBytes(bytes);
    expect(Buffer.compare(await read(await store.get(hash)), bytes)).toBe(0);
  });

  it('stores and serves a file larger than one upload part (S3: multipart), ranges across parts', async () => {
    const bytes = randomBytes(11 * MiB + 123);
    const hash = await putBytes(bytes);
    expect(await store.has(hash)).toBe(true);
    expect(sha256(await read(await store.get(hash)))).toBe(hash);
    const start = 5 * MiB - 10;
    const got = await read(await store.get(hash, { start, end: start + 19 }));
    expect(Buffer.compare(got, bytes.subarray(start, start + 20))).toBe(0);
  });

  it('a write that fails stores nothing', async () => {
    const hash = sha256(Buffer.from('never stored'));
    await expect(store.put(hash, join(store.spoolDir, 'no-such-file.part'), 12)).rejects.toThrow();
    expect(await store.has(hash)).toBe(false);
  });

  it('refuses a key that is not a SHA-256', async () => {
    const path = spooled(Buffer.from('x'));
    await expect(store.put('../../etc/passwd', path, 1)).rejects.toThrow(/SHA-256/);
    await expect(store.has('ABC')).rejects.toThrow(/SHA-256/);
    rmSync(path, { force: true });
  });

  it('a missing file: has is false, get fails; remove takes a file away and may repeat', async () => {
    const missing = sha256(Buffer.from('missing'));
    expect(await store.has(missing)).toBe(false);
    await expect(store.get(missing)).rejects.toThrow();
    const hash = await putBytes(randomBytes(300));
    await store.remove(hash);
    expect(await store.has(hash)).toBe(false);
    await store.remove(hash);
  });
});

describe('the S3 store on a server it cannot use', () => {
  let s3: LocalS3;
  let dir: string;
  beforeAll(async () => {
    s3 = await startLocalS3();
    dir = mkdtempSync(join(tmpdir(), 'ladder-store-'));
  });
  afterAll(async () => {
    await s3.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const storeOn = (bucket: string, endpoint = s3.endpoint) =>
    new S3DocumentStore(dir, {
      endpoint,
      region: 'us-east-1',
      bucket,
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
      forcePathStyle: true,
    });

  it('fails at start when the bucket does not exist', async () => {
    const store = storeOn('no-such-bucket');
    await expect(store.init()).rejects.toThrow(
      `The S3 bucket no-such-bucket cannot be used at ${s3.endpoint}: it does not exist (HTTP 404)`,
    );
    store.close();
  });

  it('a put to a server that is gone fails and leaves nothing behind', async () => {
    const other = await startLocalS3();
    const store = storeOn(other.bucket, other.endpoint);
    await store.init();
    await other.close();
    const bytes = randomBytes(2000);
    const path = join(store.spoolDir, 'gone.part');
    writeFileSync(path, bytes);
    await expect(store.put(sha256(bytes), path, bytes.length)).rejects.toThrow();
    store.close();
  });
});
