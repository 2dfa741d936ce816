// The five-step workload every contender runs: a specialized-SME application, just submitted in
// Shijiazhuang, goes review.start → review.recommend (city reviewer) → expert.review.record
// (provincial expert) → inspection.schedule → inspection.record (provincial reviewer). Each
// connection (or in-process worker) walks its own applications, so no two requests race on a row.
import { createHmac } from 'node:crypto';
import { Client } from 'pg';
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { ApplicationEventType } from '../../src/domain/certification/application.events';
import { seed, type SeedTarget } from '../seed';
import type { SeedUser } from '../seed/dataset';

export const STEPS: readonly { type: ApplicationEventType; by: 'city' | 'expert' | 'province' }[] =
  [
    { type: 'review.start', by: 'city' },
    { type: 'review.recommend', by: 'city' },
    { type: 'expert.review.record', by: 'expert' },
    { type: 'inspection.schedule', by: 'province' },
    { type: 'inspection.record', by: 'province' },
  ];

export const JWT_SECRET = 'bench-secret-that-is-long-enough-0123456789';

/** The environment of a measured server listening on `port`, with `extra` (its database). */
export const benchServerEnv = (
  port: number,
  extra: Record<string, string>,
): Record<string, string> => ({
  PORT: String(port),
  HOST: '127.0.0.1',
  LOG_LEVEL: 'warn',
  SCHEDULER_ENABLED: 'false',
  // The workloads submit figures without evidence documents.
  DOCUMENTS_REQUIRED: 'false',
  JWT_SECRET,
  PASSWORD_HASH_COST: '10',
  NODE_ENV: 'production',
  ...extra,
});

/** Drops a PostgreSQL schema a measurement wrote, and everything in it. */
export const dropSchema = async (url: string, schema: string): Promise<void> => {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await client.end();
  }
};

export type Workload = {
  ids: string[];
  users: {
    city: SeedUser;
    expert: SeedUser;
    province: SeedUser;
    auditor: SeedUser;
    cityAuditor: SeedUser;
    admin?: SeedUser;
  };
};

/** The request body of a step (the expert sends a score, as the API's clients do). */
export const bodyOf = (type: ApplicationEventType): string =>
  JSON.stringify(type === 'expert.review.record' ? { type, data: { score: 80 } } : { type });

/** Step `i` of connection `c` of `connections`: which application, which event. */
export const stepOf = (w: Workload, c: number, connections: number, i: number, offset = 0) => {
  const app = offset + c + connections * Math.floor(i / STEPS.length);
  if (app >= w.ids.length) return null;
  return { id: w.ids[app]!, index: app, step: STEPS[i % STEPS.length]! };
};

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** An HS256 access token the API accepts (same claims as POST /auth/token issues). */
export const tokenFor = (user: SeedUser, secret = JWT_SECRET, ttlSeconds = 3600): string => {
  const now = Math.floor(Date.now() / 1000);
  const body = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ sub: user.id, tv: 0, role: user.role, iat: now, exp: now + ttlSeconds })}`;
  return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
};

/**
 * A migrated SQLite database holding `count` workload applications (plus their enterprises,
 * users and audit chain), written once and copied for each measurement.
 */
export const workloadTemplate = async (
  dir: string,
  count: number,
): Promise<{ path: string; workload: Workload }> => {
  const path = `${dir}/workload-${count}.sqlite`;
  const meta = `${path}.json`;
  if (existsSync(path) && existsSync(meta)) {
    return { path, workload: JSON.parse(readFileSync(meta, 'utf8')) as Workload };
  }
  const workload = await seedWorkload({ kind: 'sqlite', path }, count);
  writeFileSync(meta, JSON.stringify(workload));
  return { path, workload };
};

export const seedWorkload = async (target: SeedTarget, count: number): Promise<Workload> => {
  const result = await seed(target, {
    applications: count,
    mix: 'workload',
    password: 'bench-password-0001',
    hashCost: 10,
  });
  return {
    ids: result.workloadIds,
    users: {
      city: result.staff.cityReviewers.get('130100')!,
      expert: result.staff.provinceExpert,
      province: result.staff.provinceReviewer,
      auditor: result.staff.provinceAuditor,
      cityAuditor: result.staff.cityAuditors.get('130100')!,
      admin: result.staff.admin,
    },
  };
};

/** A fresh copy of the template database (WAL files are checkpointed away by the seed). */
export const copyDatabase = (from: string, to: string): string => {
  copyFileSync(from, to);
  return to;
};
