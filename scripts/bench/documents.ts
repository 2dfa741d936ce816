// Document uploads and downloads (issue 14): throughput of one 10 MB file each way, and the
// server's RSS during 20 concurrent uploads of 1 MB and of 10 MB files: streamed to disk while
// hashed, the server's memory must not grow with the file size. Run with each store: the filesystem,
// and an S3-compatible server (s3rver, started in this process: its own speed, not a real S3's,
// bounds the S3 numbers).
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeCreditCode } from '../../test/factories/credit-code.factory';
import { startLocalS3, type LocalS3 } from '../../test/support/s3-server';
import { startServer, type ServerProcess } from './server-process';

export type DocumentsBenchResult = {
  /** fs: the filesystem; s3: an S3-compatible server (s3rver, in the bench's own process). */
  store: 'fs' | 's3';
  fileBytes: number;
  uploadMBps: number;
  downloadMBps: number;
  rssIdle: number;
  concurrent: { fileBytes: number; uploads: number; seconds: number; rssMax: number }[];
};

type Http = { status: number; body: string };

const call = (
  port: number,
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: Buffer | ((write: (chunk: Buffer) => Promise<void>) => Promise<void>),
  sink?: (chunk: Buffer) => void,
): Promise<Http> =>
  new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => (sink ? sink(c) : chunks.push(c)));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    if (typeof body === 'function') {
      const write = (chunk: Buffer) =>
        new Promise<void>((done) => {
          if (req.write(chunk)) done();
          else req.once('drain', () => done());
        });
      body(write).then(() => req.end(), reject);
    } else {
      req.end(body);
    }
  });

const json = async (
  port: number,
  method: string,
  path: string,
  token: string | null,
  body?: object,
) => {
  const res = await call(
    port,
    method,
    path,
    {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body ? Buffer.from(JSON.stringify(body)) : undefined,
  );
  if (res.status >= 300) throw new Error(`${method} ${path} → ${res.status} ${res.body}`);
  return JSON.parse(res.body) as Record<string, unknown>;
};

/** An enterprise with a draft application: its token and the application's id. */
const applicant = async (port: number, n: number) => {
  const username = `bench-docs-${n}-${randomBytes(3).toString('hex')}`;
  const password = 'bench-password-0001';
  const enterprise = await json(port, 'POST', '/api/v1/enterprises', null, {
    creditCode: makeCreditCode('130102'),
    name: `Bench Documents ${n} Co., Ltd.`,
    regionCode: '130102',
    sector: 'industry',
    establishedOn: '2012-03-01',
    account: { username, password },
  });
  const token = (await json(port, 'POST', '/api/v1/auth/token', null, { username, password }))
    .accessToken as string;
  const app = await json(port, 'POST', '/api/v1/applications', token, {
    enterpriseId: enterprise.id,
    tier: 'innovative_sme',
    facts: {},
  });
  return { token, applicationId: app.id as string };
};

/** Uploads a PDF-looking file of `size` bytes, generated and sent in 64 KiB chunks. */
const upload = async (
  port: number,
  who: { token: string; applicationId: string },
  size: number,
) => {
  const boundary = `bench${randomBytes(8).toString('hex')}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\nother\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="bench.pdf"\r\n` +
      'Content-Type: application/pdf\r\n\r\n',
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const chunk = randomBytes(64 * 1024);
  const res = await call(
    port,
    'POST',
    `/api/v1/applications/${who.applicationId}/documents`,
    {
      authorization: `Bearer ${who.token}`,
      'content-type': `multipart/form-data; boundary=${boundary}`,
      'content-length': String(head.length + size + tail.length),
    },
    async (write) => {
      await write(head);
      const magic = Buffer.from('%PDF-1.7\n');
      await write(magic);
      let left = size - magic.length;
      while (left > 0) {
        const n = Math.min(left, chunk.length);
        await write(n === chunk.length ? chunk : chunk.subarray(0, n));
        left -= n;
      }
      await write(tail);
    },
  );
  if (res.status !== 201) throw new Error(`upload → ${res.status} ${res.body}`);
  return JSON.parse(res.body) as { id: string };
};

export const benchDocuments = async (options: {
  port: number;
  serverEnv: (extra: Record<string, string>) => Record<string, string>;
  store: 'fs' | 's3';
}): Promise<DocumentsBenchResult> => {
  const { port } = options;
  const dir = mkdtempSync(join(tmpdir(), 'ladder-docs-'));
  const MB10 = 10 * 1024 * 1024;
  let server: ServerProcess | undefined;
  let s3: LocalS3 | undefined;
  try {
    if (options.store === 's3') s3 = await startLocalS3();
    server = await startServer(
      options.serverEnv({
        ...s3?.env,
        DATA_DIR: dir,
        SQLITE_PATH: join(dir, 'ladder.sqlite'),
        DOCUMENT_MAX_BYTES: String(20 * 1024 * 1024),
        RATE_LIMIT_REGISTRATIONS_PER_MINUTE: '100000',
        RATE_LIMIT_LOGIN_PER_MINUTE: '100000',
      }),
    );
    const rssIdle = server.rss();
    const one = await applicant(port, 0);
    let t0 = process.hrtime.bigint();
    const doc = await upload(port, one, MB10);
    const uploadSeconds = Number(process.hrtime.bigint() - t0) / 1e9;
    let received = 0;
    t0 = process.hrtime.bigint();
    const got = await call(
      port,
      'GET',
      `/api/v1/applications/${one.applicationId}/documents/${doc.id}/content`,
      { authorization: `Bearer ${one.token}` },
      undefined,
      (c) => (received += c.length),
    );
    const downloadSeconds = Number(process.hrtime.bigint() - t0) / 1e9;
    if (got.status !== 200 || received !== MB10) throw new Error(`download → ${got.status}`);

    const concurrent: DocumentsBenchResult['concurrent'] = [];
    for (const fileBytes of [1024 * 1024, MB10]) {
      const who = await Promise.all(Array.from({ length: 20 }, (_, i) => applicant(port, i + 1)));
      let rssMax = server.rss();
      const s = server;
      const sampler = setInterval(() => (rssMax = Math.max(rssMax, s.rss())), 20);
      const started = process.hrtime.bigint();
      await Promise.all(who.map((w) => upload(port, w, fileBytes)));
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      clearInterval(sampler);
      rssMax = Math.max(rssMax, server.rss());
      concurrent.push({ fileBytes, uploads: who.length, seconds, rssMax });
    }
    return {
      store: options.store,
      fileBytes: MB10,
      uploadMBps: MB10 / 1e6 / uploadSeconds,
      downloadMBps: MB10 / 1e6 / downloadSeconds,
      rssIdle,
      concurrent,
    };
  } finally {
    await server?.stop();
    await s3?.close();
    rmSync(dir, { recursive: true, force: true });
  }
};
