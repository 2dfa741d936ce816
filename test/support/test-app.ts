import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { createApp } from '../../src/app.factory';
import { FakeClock } from './fake-clock';
import { recordResponses } from './openapi-validation';
import { startLocalS3, type LocalS3 } from './s3-server';
import { createTestDatabase, type TestDatabase } from './test-database';

export const ADMIN = { username: 'admin', password: 'admin-password-for-tests' };

export type TestApp = {
  app: NestFastifyApplication;
  http: TestAgent;
  clock: FakeClock;
  db: TestDatabase;
  close(): Promise<void>;
};

let sharedKeyFile: string | undefined;

/**
 * One audit signing key for every app of this test process: it also keys each event's MAC, so a
 * restarted or second instance on the same database must share it, as production instances do.
 */
const testSigningKeyFile = (): string => {
  if (sharedKeyFile) return sharedKeyFile;
  const dir = mkdtempSync(join(tmpdir(), 'ladder-key-'));
  const file = join(dir, 'audit-signing-key.pem');
  const { privateKey } = generateKeyPairSync('ed25519');
  writeFileSync(file, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  sharedKeyFile = file;
  return file;
};

/** The whole application on a fresh database, with a fake clock and quiet logs. */
export const startTestApp = async (
  options: {
    env?: Record<string, string>;
    clock?: FakeClock;
    /** Reuse a database (a restart, a second instance); it is then not dropped on close. */
    db?: TestDatabase;
    persistent?: boolean;
  } = {},
): Promise<TestApp> => {
  const owned = options.db === undefined;
  const db = options.db ?? createTestDatabase({ persistent: options.persistent ?? false });
  const clock = options.clock ?? new FakeClock();
  // Generated keys (audit signing) go to a folder of this test's own.
  const dataDir = mkdtempSync(join(tmpdir(), 'ladder-data-'));
  // DOCUMENT_STORE=s3 (CI's PostgreSQL stage) without an S3_ENDPOINT: a local S3-compatible
  // server of this app's own.
  const storeKind = options.env?.DOCUMENT_STORE ?? process.env.DOCUMENT_STORE;
  const endpoint = options.env?.S3_ENDPOINT ?? process.env.S3_ENDPOINT;
  let s3: LocalS3 | undefined;
  let app: NestFastifyApplication;
  try {
    if (storeKind === 's3' && !endpoint) s3 = await startLocalS3();
    app = await createApp({
      ignoreEnvFile: true,
      clock,
      env: {
        DATA_DIR: dataDir,
        AUDIT_SIGNING_KEY_FILE: testSigningKeyFile(),
        ...db.env,
        NODE_ENV: 'test',
        JWT_SECRET: 'test-secret-that-is-long-enough-0123456789',
        ADMIN_USERNAME: ADMIN.username,
        ADMIN_PASSWORD: ADMIN.password,
        PASSWORD_HASH_COST: '10',
        // Suites sign in hundreds of users from one address; the limits have tests of their own.
        RATE_LIMIT_LOGIN_PER_MINUTE: '100000',
        RATE_LIMIT_PUBLIC_PER_MINUTE: '100000',
        RATE_LIMIT_REGISTRATIONS_PER_MINUTE: '100000',
        LOG_LEVEL: 'silent',
        SCHEDULER_ENABLED: 'false',
        // Suites submit figures without evidence; test/e2e/documents.e2e-spec.ts requires it.
        DOCUMENTS_REQUIRED: 'false',
        // The suites assert English words; the i18n tests send Accept-Language or set this.
        DEFAULT_LOCALE: 'en',
        // Receivers in tests listen on 127.0.0.1; the SSRF guard has tests of its own.
        WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
        ...s3?.env,
        ...options.env,
      },
    });
  } catch (error) {
    await s3?.close();
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  const server = app.getHttpServer();
  recordResponses(server);
  return {
    app,
    http: request(server),
    clock,
    db,
    close: async () => {
      await app.close();
      await s3?.close();
      rmSync(dataDir, { recursive: true, force: true });
      if (owned) await db.drop();
    },
  };
};
