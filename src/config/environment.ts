import { plainToInstance } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';
import { LOCALES, type Locale } from '../domain/i18n/locale';

export const SQLITE_DRIVERS = ['better-sqlite3', 'sqlite3'] as const;
export const SQLITE_SYNCHRONOUS = ['OFF', 'NORMAL', 'FULL', 'EXTRA'] as const;
/** Where document files are kept: the filesystem (content-addressed) or an S3-compatible store. */
export const DOCUMENT_STORES = ['fs', 's3'] as const;
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Every environment variable the service reads; validated at boot (fail fast). */
export class EnvironmentVariables {
  @IsOptional() @IsIn(['development', 'production', 'test']) NODE_ENV?: string;

  @IsOptional() @IsInt() @Min(0) @Max(65535) PORT?: number;
  @IsOptional() @IsString() HOST?: string;

  @IsOptional()
  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL?: string;
  @IsOptional() @Matches(/^[a-z_][a-z0-9_]{0,62}$/) DATABASE_SCHEMA?: string;
  @IsOptional() @IsInt() @Min(1) @Max(1000) DATABASE_POOL_SIZE?: number;
  @IsOptional() @IsInt() @Min(100) DATABASE_CONNECT_TIMEOUT_MS?: number;

  @IsOptional() @IsString() DATA_DIR?: string;
  @IsOptional() @IsString() SQLITE_PATH?: string;
  @IsOptional() @IsIn(SQLITE_DRIVERS) SQLITE_DRIVER?: (typeof SQLITE_DRIVERS)[number];
  @IsOptional() @IsIn(SQLITE_SYNCHRONOUS) SQLITE_SYNCHRONOUS?: (typeof SQLITE_SYNCHRONOUS)[number];
  @IsOptional() @IsInt() @Min(0) @Max(60_000) SQLITE_CHECKPOINT_MS?: number;
  @IsOptional() @IsInt() @Min(1) @Max(1000) SQLITE_GROUP_COMMIT_MAX?: number;

  @IsOptional() @Matches(/^[A-Za-z0-9_.-]{3,64}$/) ADMIN_USERNAME?: string;
  @IsOptional() @IsString() @MinLength(12) ADMIN_PASSWORD?: string;
  @IsOptional() @IsString() @MinLength(32) JWT_SECRET?: string;
  @IsOptional() @IsInt() @Min(60) @Max(86400) JWT_TTL_SECONDS?: number;
  @IsOptional() @IsInt() @Min(10) @Max(20) PASSWORD_HASH_COST?: number;
  @IsOptional() @IsInt() @Min(1) @Max(100) LOGIN_MAX_FAILURES?: number;
  @IsOptional() @IsInt() @Min(1) @Max(3600) LOGIN_LOCK_SECONDS?: number;
  @IsOptional() @IsString() CORS_ORIGINS?: string;
  @IsOptional() @IsInt() @Min(1) RATE_LIMIT_PUBLIC_PER_MINUTE?: number;
  @IsOptional() @IsInt() @Min(1) RATE_LIMIT_LOGIN_PER_MINUTE?: number;
  @IsOptional() @IsInt() @Min(1) RATE_LIMIT_OBJECTIONS_PER_MINUTE?: number;
  @IsOptional() @IsInt() @Min(1) RATE_LIMIT_REGISTRATIONS_PER_MINUTE?: number;

  @IsOptional() @IsBoolean() SCHEDULER_ENABLED?: boolean;
  @IsOptional() @IsInt() @Min(50) SCHEDULER_POLL_MS?: number;

  @IsOptional() @IsInt() @Min(5) @Max(7) NOTICE_WORKING_DAYS?: number;
  @IsOptional() @IsInt() @Min(1) @Max(60) RETURN_WORKING_DAYS?: number;
  @IsOptional() @IsBoolean() REQUIRE_EXPERT_REVIEW?: boolean;
  @IsOptional()
  @Matches(/^([a-z_]+=[1-9][0-9]{0,2})(,[a-z_]+=[1-9][0-9]{0,2})*$/, {
    message: 'APPLICATION_MACHINE_VERSIONS must read like specialized_sme=2,little_giant=1',
  })
  APPLICATION_MACHINE_VERSIONS?: string;
  @IsOptional() @IsInt() @Min(1) @Max(365) STATS_LOCAL_REVIEW_WORKING_DAYS?: number;
  @IsOptional() @IsInt() @Min(1) @Max(365) STATS_PROVINCIAL_REVIEW_WORKING_DAYS?: number;
  @IsOptional() @IsInt() @Min(1) @Max(365) STATS_NATIONAL_REVIEW_WORKING_DAYS?: number;
  @IsOptional() @IsString() @MinLength(16) METRICS_TOKEN?: string;
  @IsOptional() @IsInt() @Min(1) @Max(65535) METRICS_PORT?: number;
  @IsOptional() @IsString() METRICS_HOST?: string;

  @IsOptional() @IsString() SCORING_CONFIG_FILE?: string;
  @IsOptional()
  @Matches(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, {
    message: 'ANNUAL_UPDATE_DUE must be MM-DD',
  })
  ANNUAL_UPDATE_DUE?: string;
  @IsOptional() @IsInt() @Min(0) @Max(10) REVOCATION_BAR_YEARS?: number;
  @IsOptional() @IsInt() @Min(0) @Max(180) ANNUAL_UPDATE_REMINDER_DAYS?: number;
  @IsOptional() @IsInt() @Min(1000) SCHEDULER_LEASE_MS?: number;
  @IsOptional() @IsString() AUDIT_SIGNING_KEY_FILE?: string;
  @IsOptional() @IsInt() @Min(1) AUDIT_CHECKPOINT_EVERY?: number;
  @IsOptional() @IsInt() @Min(1) @Max(86_400) AUDIT_CHECKPOINT_SECONDS?: number;
  @IsOptional() @IsString() AUDIT_ANCHOR_FILE?: string;

  @IsOptional() @IsIn(DOCUMENT_STORES) DOCUMENT_STORE?: (typeof DOCUMENT_STORES)[number];
  @IsOptional() @IsString() DOCUMENTS_DIR?: string;
  @IsOptional()
  @Matches(/^https?:\/\/[^\s]+$/, { message: 'S3_ENDPOINT must be an http(s):// URL' })
  S3_ENDPOINT?: string;
  @IsOptional() @Matches(/^[a-z0-9-]{2,40}$/) S3_REGION?: string;
  @IsOptional()
  @Matches(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, { message: 'S3_BUCKET must be a bucket name' })
  S3_BUCKET?: string;
  @IsOptional() @IsString() S3_ACCESS_KEY_ID?: string;
  @IsOptional() @IsString() S3_SECRET_ACCESS_KEY?: string;
  @IsOptional() @IsBoolean() S3_FORCE_PATH_STYLE?: boolean;
  @IsOptional() @IsInt() @Min(1024) DOCUMENT_MAX_BYTES?: number;
  @IsOptional() @IsInt() @Min(1024) DOCUMENT_MAX_TOTAL_BYTES?: number;
  @IsOptional()
  @Matches(/^(pdf|jpeg|png|ofd)(,(pdf|jpeg|png|ofd))*$/, {
    message: 'DOCUMENT_TYPES must be a comma-separated list of pdf, jpeg, png, ofd',
  })
  DOCUMENT_TYPES?: string;
  @IsOptional() @IsBoolean() DOCUMENTS_REQUIRED?: boolean;
  @IsOptional() @IsBoolean() OUTBOX_ENABLED?: boolean;
  @IsOptional() @IsBoolean() OUTBOX_RELAY_ENABLED?: boolean;
  @IsOptional() @IsBoolean() WEBHOOK_ALLOW_PRIVATE_NETWORKS?: boolean;
  @IsOptional() @IsInt() @Min(10) @Max(60_000) OUTBOX_POLL_MS?: number;
  @IsOptional() @IsInt() @Min(100) @Max(120_000) WEBHOOK_TIMEOUT_MS?: number;
  @IsOptional() @IsInt() @Min(1) @Max(3_600_000) WEBHOOK_RETRY_BASE_MS?: number;
  @IsOptional() @IsInt() @Min(1) @Max(50) WEBHOOK_MAX_ATTEMPTS?: number;
  @IsOptional()
  @Matches(/^nats:\/\/[^\s]+$/, { message: 'EVENTS_BROKER_URL must be a nats:// URL' })
  EVENTS_BROKER_URL?: string;
  @IsOptional() @Matches(/^[A-Za-z0-9_-]{1,64}$/) EVENTS_BROKER_STREAM?: string;
  @IsOptional() @Matches(/^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/) EVENTS_BROKER_SUBJECT?: string;

  @IsOptional() @IsInt() @Min(1024) BODY_LIMIT_BYTES?: number;
  @IsOptional() @IsIn(LOG_LEVELS) LOG_LEVEL?: (typeof LOG_LEVELS)[number];
  /** The language of answers to a request without Accept-Language. */
  @IsOptional() @IsIn(LOCALES) DEFAULT_LOCALE?: Locale;
}

const BOOLEAN_KEYS = new Set([
  'SCHEDULER_ENABLED',
  'REQUIRE_EXPERT_REVIEW',
  'OUTBOX_ENABLED',
  'OUTBOX_RELAY_ENABLED',
  'WEBHOOK_ALLOW_PRIVATE_NETWORKS',
  'DOCUMENTS_REQUIRED',
  'S3_FORCE_PATH_STYLE',
]);

/** Validates raw variables (empty strings count as unset); throws one error listing every problem. */
export const validateEnvironment = (raw: Record<string, unknown>): EnvironmentVariables => {
  const known = Object.keys(new EnvironmentVariablesKeys());
  const picked: Record<string, unknown> = {};
  for (const key of known) {
    const value = raw[key];
    if (value === undefined || value === '') continue;
    picked[key] = BOOLEAN_KEYS.has(key) && typeof value === 'string' ? parseBoolean(value) : value;
  }
  const env = plainToInstance(EnvironmentVariables, picked, { enableImplicitConversion: true });
  const errors = validateSync(env, { skipMissingProperties: false });
  const lines = errors.flatMap((e) =>
    Object.values(e.constraints ?? {}).map((m) => `  ${e.property}: ${m}`),
  );
  if (env.DOCUMENT_STORE === 's3' && !env.S3_BUCKET) {
    lines.push('  S3_BUCKET: required when DOCUMENT_STORE=s3');
  }
  if (!env.S3_ACCESS_KEY_ID !== !env.S3_SECRET_ACCESS_KEY) {
    lines.push('  S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY: set both or neither');
  }
  if (lines.length > 0) {
    throw new Error(`Invalid environment:\n${lines.join('\n')}`);
  }
  return env;
};

const parseBoolean = (value: string): boolean | string => {
  if (/^(true|1|yes|on)$/i.test(value)) return true;
  if (/^(false|0|no|off)$/i.test(value)) return false;
  return value;
};

// The key list, kept in one place with the class above.
class EnvironmentVariablesKeys implements Required<Record<keyof EnvironmentVariables, null>> {
  NODE_ENV = null;
  PORT = null;
  HOST = null;
  DATABASE_URL = null;
  DATABASE_SCHEMA = null;
  DATABASE_POOL_SIZE = null;
  DATABASE_CONNECT_TIMEOUT_MS = null;
  DATA_DIR = null;
  SQLITE_PATH = null;
  SQLITE_DRIVER = null;
  SQLITE_SYNCHRONOUS = null;
  SQLITE_CHECKPOINT_MS = null;
  SQLITE_GROUP_COMMIT_MAX = null;
  ADMIN_USERNAME = null;
  ADMIN_PASSWORD = null;
  JWT_SECRET = null;
  JWT_TTL_SECONDS = null;
  PASSWORD_HASH_COST = null;
  LOGIN_MAX_FAILURES = null;
  LOGIN_LOCK_SECONDS = null;
  CORS_ORIGINS = null;
  RATE_LIMIT_PUBLIC_PER_MINUTE = null;
  RATE_LIMIT_LOGIN_PER_MINUTE = null;
  RATE_LIMIT_OBJECTIONS_PER_MINUTE = null;
  RATE_LIMIT_REGISTRATIONS_PER_MINUTE = null;
  SCHEDULER_ENABLED = null;
  SCHEDULER_POLL_MS = null;
  NOTICE_WORKING_DAYS = null;
  RETURN_WORKING_DAYS = null;
  REQUIRE_EXPERT_REVIEW = null;
  APPLICATION_MACHINE_VERSIONS = null;
  STATS_LOCAL_REVIEW_WORKING_DAYS = null;
  STATS_PROVINCIAL_REVIEW_WORKING_DAYS = null;
  STATS_NATIONAL_REVIEW_WORKING_DAYS = null;
  METRICS_TOKEN = null;
  METRICS_PORT = null;
  METRICS_HOST = null;
  SCORING_CONFIG_FILE = null;
  ANNUAL_UPDATE_DUE = null;
  REVOCATION_BAR_YEARS = null;
  ANNUAL_UPDATE_REMINDER_DAYS = null;
  SCHEDULER_LEASE_MS = null;
  AUDIT_SIGNING_KEY_FILE = null;
  AUDIT_CHECKPOINT_EVERY = null;
  AUDIT_CHECKPOINT_SECONDS = null;
  AUDIT_ANCHOR_FILE = null;
  DOCUMENT_STORE = null;
  DOCUMENTS_DIR = null;
  S3_ENDPOINT = null;
  S3_REGION = null;
  S3_BUCKET = null;
  S3_ACCESS_KEY_ID = null;
  S3_SECRET_ACCESS_KEY = null;
  S3_FORCE_PATH_STYLE = null;
  DOCUMENT_MAX_BYTES = null;
  DOCUMENT_MAX_TOTAL_BYTES = null;
  DOCUMENT_TYPES = null;
  DOCUMENTS_REQUIRED = null;
  OUTBOX_ENABLED = null;
  OUTBOX_RELAY_ENABLED = null;
  WEBHOOK_ALLOW_PRIVATE_NETWORKS = null;
  OUTBOX_POLL_MS = null;
  WEBHOOK_TIMEOUT_MS = null;
  WEBHOOK_RETRY_BASE_MS = null;
  WEBHOOK_MAX_ATTEMPTS = null;
  EVENTS_BROKER_URL = null;
  EVENTS_BROKER_STREAM = null;
  EVENTS_BROKER_SUBJECT = null;
  BODY_LIMIT_BYTES = null;
  LOG_LEVEL = null;
  DEFAULT_LOCALE = null;
}
