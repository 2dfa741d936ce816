import { join } from 'node:path';
import type { EnvironmentVariables } from './environment';
import type { Locale } from '../domain/i18n/locale';

export const APP_CONFIG = Symbol('APP_CONFIG');

export type DatabaseConfig =
  | {
      kind: 'postgres';
      url: string;
      schema?: string;
      poolSize: number;
      connectTimeoutMs: number;
    }
  | {
      kind: 'sqlite';
      driver: 'better-sqlite3' | 'sqlite3';
      path: string;
      synchronous: 'OFF' | 'NORMAL' | 'FULL' | 'EXTRA';
      /** better-sqlite3: WAL checkpoint interval of the worker thread; 0 = SQLite's own, inline. */
      checkpointMs: number;
      /** Most commands committed together (group commit); 1 = a transaction per command. */
      groupCommitMax: number;
    };

export type AppConfig = {
  env: 'development' | 'production' | 'test';
  http: { host: string; port: number; bodyLimitBytes: number };
  dataDir: string;
  database: DatabaseConfig;
  auth: {
    adminUsername: string;
    adminPassword?: string;
    jwtSecret?: string;
    jwtTtlSeconds: number;
    /** scrypt cost as log2(N); 16 = 64 MiB of memory per hash. */
    passwordHashCost: number;
    /** Consecutive failures before a username is locked, and the first lock's length. */
    loginMaxFailures: number;
    loginLockSeconds: number;
  };
  /** Origins allowed to call the API from a browser; empty: CORS off. */
  corsOrigins: string[];
  /** Requests a minute per client address (per instance). */
  rateLimits: {
    publicPerMinute: number;
    loginPerMinute: number;
    objectionsPerMinute: number;
    /** Self-registrations and claims (each hashes a password: scrypt is costly on purpose). */
    registrationsPerMinute: number;
  };
  scheduler: { enabled: boolean; pollMs: number; leaseMs: number };
  workflow: {
    noticeWorkingDays: number;
    returnWorkingDays: number;
    /** At least one expert review before a specialized-SME or little-giant notice (§5.3, §5.4). */
    requireExpertReview: boolean;
    /** The machine version new applications take, per tier (APPLICATION_MACHINE_VERSIONS). */
    machineVersions: Record<string, number>;
  };
  certificates: {
    annualUpdateDue: string;
    revocationBarYears: number;
    annualUpdateReminderDays: number;
  };
  /** The working-day limits stage times are compared with (docs/statistics.md). */
  statistics: {
    localReviewWorkingDays: number;
    provincialReviewWorkingDays: number;
    nationalReviewWorkingDays: number;
  };
  /** GET /metrics: the bearer token it asks for, and/or a port of its own (null: none). */
  metrics: { token: string | null; port: number | null; host: string };
  audit: {
    signingKeyFile?: string;
    checkpointEvery: number;
    /** A checkpoint is also signed when the head moved and this long passed since the last one. */
    checkpointSeconds: number;
    /** Where each new checkpoint is also appended (NDJSON), outside the database; null: nowhere. */
    anchorFile: string | null;
  };
  scoring: { configFile?: string };
  documents: {
    store: 'fs' | 's3';
    /** Where the filesystem store keeps the files (content-addressed by SHA-256); both spool here. */
    dir: string;
    /** The S3-compatible store (DOCUMENT_STORE=s3); null with the filesystem store. */
    s3: {
      endpoint?: string;
      region: string;
      bucket: string;
      credentials?: { accessKeyId: string; secretAccessKey: string };
      forcePathStyle: boolean;
    } | null;
    maxFileBytes: number;
    maxApplicationBytes: number;
    types: ('pdf' | 'jpeg' | 'png' | 'ofd')[];
    /** Submissions need every document of the checklist. */
    required: boolean;
  };
  /** The transactional outbox and its relay (issue 15). */
  outbox: {
    /** Write domain events into the outbox with each transition (off only for benchmarks). */
    enabled: boolean;
    /** Run the relay in this instance (default: when the scheduler runs). */
    relayEnabled: boolean;
    pollMs: number;
    webhookTimeoutMs: number;
    webhookRetryBaseMs: number;
    webhookMaxAttempts: number;
    /** Let webhooks call loopback and private addresses (otherwise refused: SSRF). */
    webhookAllowPrivateNetworks: boolean;
    /** NATS JetStream server to publish the events to as well; null: none. */
    brokerUrl: string | null;
    brokerStream: string;
    /** Subject prefix: events go to `<prefix>.<type>`. */
    brokerSubject: string;
  };
  log: { level: string };
  /** Answers to a request without Accept-Language are in this language. */
  defaultLocale: Locale;
};

/** The typed configuration, with every default in one place. */
export const buildAppConfig = (env: EnvironmentVariables): AppConfig => {
  const dataDir = env.DATA_DIR ?? './data';
  const database: DatabaseConfig = env.DATABASE_URL
    ? {
        kind: 'postgres',
        url: env.DATABASE_URL,
        ...(env.DATABASE_SCHEMA ? { schema: env.DATABASE_SCHEMA } : {}),
        poolSize: env.DATABASE_POOL_SIZE ?? 10,
        connectTimeoutMs: env.DATABASE_CONNECT_TIMEOUT_MS ?? 5000,
      }
    : {
        kind: 'sqlite',
        driver: env.SQLITE_DRIVER ?? 'better-sqlite3',
        path: env.SQLITE_PATH ?? join(dataDir, 'ladder.sqlite'),
        // The audit log is a legal record: FULL by default.
        synchronous: env.SQLITE_SYNCHRONOUS ?? 'FULL',
        checkpointMs: env.SQLITE_CHECKPOINT_MS ?? 200,
        groupCommitMax: env.SQLITE_GROUP_COMMIT_MAX ?? 64,
      };
  return {
    env: (env.NODE_ENV as AppConfig['env'] | undefined) ?? 'development',
    http: {
      host: env.HOST ?? '0.0.0.0',
      port: env.PORT ?? 3000,
      bodyLimitBytes: env.BODY_LIMIT_BYTES ?? 1024 * 1024,
    },
    dataDir,
    database,
    rateLimits: {
      publicPerMinute: env.RATE_LIMIT_PUBLIC_PER_MINUTE ?? 120,
      loginPerMinute: env.RATE_LIMIT_LOGIN_PER_MINUTE ?? 30,
      objectionsPerMinute: env.RATE_LIMIT_OBJECTIONS_PER_MINUTE ?? 10,
      registrationsPerMinute: env.RATE_LIMIT_REGISTRATIONS_PER_MINUTE ?? 10,
    },
    corsOrigins: (env.CORS_ORIGINS ?? '')
      .split(',')
      .map((o) => o.trim())
      .filter((o) => o.length > 0),
    auth: {
      adminUsername: env.ADMIN_USERNAME ?? 'admin',
      ...(env.ADMIN_PASSWORD ? { adminPassword: env.ADMIN_PASSWORD } : {}),
      ...(env.JWT_SECRET ? { jwtSecret: env.JWT_SECRET } : {}),
      jwtTtlSeconds: env.JWT_TTL_SECONDS ?? 900,
      passwordHashCost: env.PASSWORD_HASH_COST ?? 16,
      loginMaxFailures: env.LOGIN_MAX_FAILURES ?? 5,
      loginLockSeconds: env.LOGIN_LOCK_SECONDS ?? 30,
    },
    scheduler: {
      enabled: env.SCHEDULER_ENABLED ?? true,
      pollMs: env.SCHEDULER_POLL_MS ?? 1000,
      leaseMs: env.SCHEDULER_LEASE_MS ?? 60_000,
    },
    audit: {
      ...(env.AUDIT_SIGNING_KEY_FILE ? { signingKeyFile: env.AUDIT_SIGNING_KEY_FILE } : {}),
      checkpointEvery: env.AUDIT_CHECKPOINT_EVERY ?? 1000,
      checkpointSeconds: env.AUDIT_CHECKPOINT_SECONDS ?? 60,
      anchorFile:
        env.AUDIT_ANCHOR_FILE === 'none'
          ? null
          : (env.AUDIT_ANCHOR_FILE ?? join(dataDir, 'audit-anchors.ndjson')),
    },
    certificates: {
      annualUpdateDue: env.ANNUAL_UPDATE_DUE ?? '05-31',
      revocationBarYears: env.REVOCATION_BAR_YEARS ?? 3,
      annualUpdateReminderDays: env.ANNUAL_UPDATE_REMINDER_DAYS ?? 30,
    },
    workflow: {
      noticeWorkingDays: env.NOTICE_WORKING_DAYS ?? 5,
      returnWorkingDays: env.RETURN_WORKING_DAYS ?? 5,
      requireExpertReview: env.REQUIRE_EXPERT_REVIEW ?? true,
      machineVersions: Object.fromEntries(
        (env.APPLICATION_MACHINE_VERSIONS ?? '')
          .split(',')
          .filter(Boolean)
          .map((pair) => {
            const [tier, version] = pair.split('=');
            return [tier!, Number(version)];
          }),
      ),
    },
    statistics: {
      localReviewWorkingDays: env.STATS_LOCAL_REVIEW_WORKING_DAYS ?? 20,
      provincialReviewWorkingDays: env.STATS_PROVINCIAL_REVIEW_WORKING_DAYS ?? 30,
      nationalReviewWorkingDays: env.STATS_NATIONAL_REVIEW_WORKING_DAYS ?? 60,
    },
    metrics: {
      token: env.METRICS_TOKEN ?? null,
      port: env.METRICS_PORT ?? null,
      host: env.METRICS_HOST ?? '127.0.0.1',
    },
    scoring: env.SCORING_CONFIG_FILE ? { configFile: env.SCORING_CONFIG_FILE } : {},
    documents: {
      store: env.DOCUMENT_STORE ?? 'fs',
      dir: env.DOCUMENTS_DIR ?? join(dataDir, 'documents'),
      s3:
        env.DOCUMENT_STORE === 's3' && env.S3_BUCKET
          ? {
              ...(env.S3_ENDPOINT ? { endpoint: env.S3_ENDPOINT } : {}),
              region: env.S3_REGION ?? 'us-east-1',
              bucket: env.S3_BUCKET,
              ...(env.S3_ACCESS_KEY_ID && env.S3_SECRET_ACCESS_KEY
                ? {
                    credentials: {
                      accessKeyId: env.S3_ACCESS_KEY_ID,
                      secretAccessKey: env.S3_SECRET_ACCESS_KEY,
                    },
                  }
                : {}),
              forcePathStyle: env.S3_FORCE_PATH_STYLE ?? false,
            }
          : null,
      maxFileBytes: env.DOCUMENT_MAX_BYTES ?? 20 * 1024 * 1024,
      maxApplicationBytes: env.DOCUMENT_MAX_TOTAL_BYTES ?? 200 * 1024 * 1024,
      types: (env.DOCUMENT_TYPES ?? 'pdf,jpeg,png,ofd').split(
        ',',
      ) as AppConfig['documents']['types'],
      required: env.DOCUMENTS_REQUIRED ?? true,
    },
    outbox: {
      enabled: env.OUTBOX_ENABLED ?? true,
      relayEnabled: env.OUTBOX_RELAY_ENABLED ?? env.SCHEDULER_ENABLED ?? true,
      pollMs: env.OUTBOX_POLL_MS ?? 1000,
      webhookTimeoutMs: env.WEBHOOK_TIMEOUT_MS ?? 10_000,
      webhookRetryBaseMs: env.WEBHOOK_RETRY_BASE_MS ?? 5000,
      webhookMaxAttempts: env.WEBHOOK_MAX_ATTEMPTS ?? 10,
      webhookAllowPrivateNetworks: env.WEBHOOK_ALLOW_PRIVATE_NETWORKS ?? false,
      brokerUrl: env.EVENTS_BROKER_URL ?? null,
      brokerStream: env.EVENTS_BROKER_STREAM ?? 'LADDER_EVENTS',
      brokerSubject: env.EVENTS_BROKER_SUBJECT ?? 'ladder.events',
    },
    log: { level: env.LOG_LEVEL ?? 'info' },
    defaultLocale: env.DEFAULT_LOCALE ?? 'zh-CN',
  };
};
