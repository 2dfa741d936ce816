import { mkdir, open } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { isSha256, type DocumentStore } from './document-store';

export type S3StoreOptions = {
  /** An S3-compatible endpoint (MinIO, Aliyun OSS, a local server); unset: AWS S3 itself. */
  endpoint?: string;
  region: string;
  bucket: string;
  /** Unset: the SDK's default credential chain (AWS_* variables, instance roles). */
  credentials?: { accessKeyId: string; secretAccessKey: string };
  /** Bucket in the path (`endpoint/bucket/key`) rather than the host name: MinIO and most local servers. */
  forcePathStyle: boolean;
  /**
   * Files up to this size are sent with one PUT streamed from the spool file (nothing buffered);
   * larger ones as a multipart upload (`@aws-sdk/lib-storage`), which holds at most
   * `partSize × queueSize` bytes of a file in memory, whatever its size.
   */
  multipartThreshold?: number;
  partSize?: number;
  queueSize?: number;
};

const MiB = 1024 * 1024;

const isNotFound = (error: unknown): boolean => {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e.name === 'NotFound' || e.name === 'NoSuchKey' || e.$metadata?.httpStatusCode === 404;
};

/** Passes `length` bytes after skipping `skip`, then ends (and stops reading `source`). */
const slice = (skip: number, length: number, source: Readable): Transform => {
  let offset = 0;
  let left = length;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      const from = Math.max(0, skip - offset);
      offset += chunk.length;
      if (left > 0 && from < chunk.length) {
        const part = chunk.subarray(from, from + left);
        left -= part.length;
        this.push(part);
      }
      if (left === 0) {
        this.push(null);
        source.unpipe(this);
        source.destroy();
      }
      done();
    },
  });
};

/**
 * Documents in an S3-compatible object store (AWS S3, MinIO, Aliyun OSS) through the AWS SDK v3,
 * content-addressed like the filesystem store: the object `sha256/ab/abcdef…` of the bucket. An
 * object appears whole or not at all (S3 semantics), so a failed write leaves nothing to read.
 * Uploads are spooled to local disk first (hashed and typed there), then streamed to the bucket.
 */
export class S3DocumentStore implements DocumentStore {
  readonly spoolDir: string;
  private readonly client: S3Client;
  private readonly bucket: string;
  private readonly endpoint: string;
  private readonly multipartThreshold: number;
  private readonly partSize: number;
  private readonly queueSize: number;
  private ready: Promise<void> | null = null;

  constructor(spoolRoot: string, options: S3StoreOptions) {
    this.spoolDir = join(spoolRoot, 'spool');
    this.bucket = options.bucket;
    this.endpoint = options.endpoint ?? 'AWS S3';
    this.multipartThreshold = options.multipartThreshold ?? 32 * MiB;
    this.partSize = Math.max(5 * MiB, options.partSize ?? 8 * MiB);
    this.queueSize = options.queueSize ?? 2;
    this.client = new S3Client({
      region: options.region,
      ...(options.endpoint ? { endpoint: options.endpoint } : {}),
      ...(options.credentials ? { credentials: options.credentials } : {}),
      forcePathStyle: options.forcePathStyle,
      // The SDK's default CRC32 trailers (aws-chunked bodies) are not understood by every
      // S3-compatible store; content is checked by its SHA-256 and size instead (see put).
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  /** Creates the spool folder and checks that the bucket can be reached (fail fast at boot). */
  init(): Promise<void> {
    this.ready ??= (async () => {
      await mkdir(this.spoolDir, { recursive: true, mode: 0o700 });
      try {
        await this.client.send(new HeadBucketCommand({ Bucket: this.bucket }));
      } catch (error) {
        const e = error as {
          name?: string;
          message?: string;
          $metadata?: { httpStatusCode?: number };
        };
        const status = e.$metadata?.httpStatusCode;
        throw new Error(
          `The S3 bucket ${this.bucket} cannot be used at ${this.endpoint}: ` +
            `${status === 404 ? 'it does not exist' : status === 403 ? 'access denied' : (e.message ?? e.name ?? String(error))}` +
            (status ? ` (HTTP ${status})` : ''),
          { cause: error },
        );
      }
    })();
    return this.ready;
  }

  private keyOf(sha256: string): string {
    if (!isSha256(sha256)) throw new Error(`not a SHA-256: ${sha256}`);
    return `sha256/${sha256.slice(0, 2)}/${sha256}`;
  }

  async put(sha256: string, spooledPath: string, size: number): Promise<void> {
    const Key = this.keyOf(sha256);
    // Content-addressed: the same bytes are stored once.
    if (await this.has(sha256)) return;
    // Opened first: a missing or short spool file fails here, before anything is sent.
    const file = await open(spooledPath, 'r');
    try {
      const { size: onDisk } = await file.stat();
      if (onDisk !== size) throw new Error(`the spooled file has ${onDisk} bytes, not ${size}`);
      await this.send(Key, file.createReadStream({ autoClose: false }), size);
    } finally {
      await file.close();
    }
    // The object must hold all the bytes that were hashed.
    const head = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key }));
    if (head.ContentLength !== size) {
      await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key }));
      throw new Error(`stored ${head.ContentLength} bytes of ${size} for ${sha256}`);
    }
  }

  /** One streamed PUT, or a multipart upload above the threshold. */
  private async send(Key: string, Body: Readable, size: number): Promise<void> {
    if (size <= this.multipartThreshold) {
      await this.client.send(
        new PutObjectCommand({
          Bucket: this.bucket,
          Key,
          Body,
          ContentLength: size,
          ContentType: 'application/octet-stream',
        }),
      );
    } else {
      const upload = new Upload({
        client: this.client,
        params: {
          Bucket: this.bucket,
          Key,
          Body,
          ContentType: 'application/octet-stream',
        },
        partSize: this.partSize,
        queueSize: this.queueSize,
        // A failed multipart upload is aborted: no parts are left behind.
        leavePartsOnError: false,
      });
      await upload.done();
    }
  }

  async get(sha256: string, range?: { start: number; end: number }): Promise<Readable> {
    const res = await this.client.send(
      new GetObjectCommand({
        Bucket: this.bucket,
        Key: this.keyOf(sha256),
        ...(range ? { Range: `bytes=${range.start}-${range.end}` } : {}),
      }),
    );
    // On Node.js the body is a Readable (an IncomingMessage).
    const body = res.Body as Readable;
    if (!range) return body;
    // Some S3-compatible servers answer a range with more than was asked (s3rver sends the whole
    // object for bytes=0-0): cut the answer to the range.
    const served = /^bytes (\d+)-(\d+)\//.exec(res.ContentRange ?? '');
    const from = served ? Number(served[1]) : 0;
    const to = served ? Number(served[2]) : Number.POSITIVE_INFINITY;
    if (from === range.start && to === range.end) return body;
    if (from > range.start || to < range.end) {
      body.destroy();
      throw new Error(`asked for bytes ${range.start}-${range.end}, got ${res.ContentRange}`);
    }
    return body.pipe(slice(range.start - from, range.end - range.start + 1, body));
  }

  async has(sha256: string): Promise<boolean> {
    try {
      await this.client.send(
        new HeadObjectCommand({ Bucket: this.bucket, Key: this.keyOf(sha256) }),
      );
      return true;
    } catch (error) {
      if (isNotFound(error)) return false;
      throw error;
    }
  }

  async remove(sha256: string): Promise<void> {
    await this.client.send(
      new DeleteObjectCommand({ Bucket: this.bucket, Key: this.keyOf(sha256) }),
    );
  }

  /** Closes the SDK's sockets. */
  close(): void {
    this.client.destroy();
  }

  onModuleDestroy(): void {
    this.close();
  }
}
