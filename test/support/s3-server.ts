import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';

export type LocalS3 = {
  endpoint: string;
  bucket: string;
  /** The variables that point the application at it (DOCUMENT_STORE=s3, S3_*). */
  env: Record<string, string>;
  close(): Promise<void>;
};

/** The credentials s3rver accepts (it checks request signatures). */
const KEY = 'S3RVER';

/**
 * A local S3-compatible server (s3rver) on a free port of 127.0.0.1, keeping its objects in a
 * temporary folder, with one empty bucket: the S3 backend's tests and DOCUMENT_STORE=s3 runs.
 */
export const startLocalS3 = async (bucket = 'ladder-documents'): Promise<LocalS3> => {
  const directory = mkdtempSync(join(tmpdir(), 'ladder-s3-'));
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    configureBuckets: [{ name: bucket, configs: [] }],
  });
  let port: number;
  try {
    ({ port } = await server.run());
  } catch (error) {
    rmSync(directory, { recursive: true, force: true });
    throw error;
  }
  const endpoint = `http://127.0.0.1:${port}`;
  return {
    endpoint,
    bucket,
    env: {
      DOCUMENT_STORE: 's3',
      S3_ENDPOINT: endpoint,
      S3_REGION: 'us-east-1',
      S3_BUCKET: bucket,
      S3_ACCESS_KEY_ID: KEY,
      S3_SECRET_ACCESS_KEY: KEY,
      S3_FORCE_PATH_STYLE: 'true',
    },
    close: async () => {
      // Keep-alive sockets of SDK clients would hold close() open.
      server.httpServer?.closeAllConnections();
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
};
