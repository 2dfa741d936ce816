// What the process-level crash tests share (npm run test:crash, npm run test:crash:migration): the
// built server as a child process that can be killed and started again on the same database, JSON
// calls to it, and a database of the test's own (a fresh PostgreSQL database, dropped after, or a
// SQLite file in the test's folder).
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { Client } from 'pg';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The built API (dist/main.js) in a child process, with the environment `env`. */
export class ServerChild {
  env: Record<string, string> = {};
  private child: ChildProcess | undefined;

  constructor(
    readonly port: number,
    private readonly callTimeoutMs = 15_000,
  ) {}

  get base(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null;
  }

  /** Starts it and waits until GET /health answers (60 s at most). */
  async start(): Promise<void> {
    const child = spawn(process.execPath, [join(process.cwd(), 'dist', 'main.js')], {
      env: { ...process.env, ...this.env, PORT: String(this.port) },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    this.child = child;
    const started = Date.now();
    for (;;) {
      if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
      try {
        if ((await fetch(`${this.base}/health`)).ok) return;
      } catch {
        // not yet listening
      }
      if (Date.now() - started > 60_000) throw new Error('server did not start within 60 s');
      await sleep(100);
    }
  }

  /** Sends `signal` and resolves with the exit code once the process is gone. */
  stop(signal: NodeJS.Signals): Promise<number | null> {
    return new Promise((resolve) => {
      const child = this.child;
      if (!child || child.exitCode !== null) return resolve(child?.exitCode ?? null);
      child.once('exit', (code) => resolve(code));
      child.kill(signal);
    });
  }

  /** A JSON request; the answer's status and parsed body. */
  async call(
    method: string,
    path: string,
    token?: string,
    body?: unknown,
  ): Promise<{ status: number; body: any }> {
    const res = await fetch(`${this.base}${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(this.callTimeoutMs),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  }

  /** A bearer token for a user. */
  async login(username: string, password: string): Promise<string> {
    const res = await this.call('POST', '/api/v1/auth/token', undefined, { username, password });
    if (res.status !== 200) throw new Error(`login ${username} → ${res.status}`);
    return res.body.accessToken as string;
  }
}

export type TestDatabase = {
  kind: 'sqlite' | 'postgres';
  /** The server's environment for it (DATABASE_URL, or SQLITE_PATH with DATABASE_URL empty). */
  env: Record<string, string>;
  /** postgres: the database's URL; sqlite: the file. */
  location: string;
  drop(): Promise<void>;
};

/**
 * A database of the test's own: on PostgreSQL when CRASH_DATABASE_URL (or TEST_DATABASE_URL)
 * points at a server (a new database named `<prefix>_<time>_<pid>`, dropped by `drop`), else a
 * SQLite file in `dir`.
 */
export const testDatabase = async (prefix: string, dir: string): Promise<TestDatabase> => {
  const pgUrl = process.env.CRASH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (!pgUrl) {
    const path = join(dir, 'ladder.sqlite');
    return {
      kind: 'sqlite',
      env: { DATABASE_URL: '', SQLITE_PATH: path },
      location: path,
      drop: () => Promise.resolve(),
    };
  }
  const name = `${prefix}_${Date.now()}_${process.pid}`;
  const admin = new Client({ connectionString: pgUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(pgUrl);
  url.pathname = `/${name}`;
  return {
    kind: 'postgres',
    env: { DATABASE_URL: url.toString() },
    location: url.toString(),
    drop: async () => {
      const c = new Client({ connectionString: pgUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
};
