// The built console and API in one process, on a SQLite file of its own, with a clock the test can
// move forward (the notice period ends without waiting a week) and the scheduler run by hand.
import 'reflect-metadata';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../src/app.factory';
import { Clock } from '../../src/infra/clock';
import { SchedulerService } from '../../src/modules/commands/scheduler.service';

export const ADMIN = { username: 'admin', password: 'admin-password-for-browser' };

/** Real time plus whatever the test has moved it by. */
export class MovableClock extends Clock {
  private offset = 0;
  now(): Date {
    return new Date(Date.now() + this.offset);
  }
  advanceTo(iso: string): void {
    this.offset = Math.max(this.offset, Date.parse(iso) + 1000 - Date.now());
  }
}

export type ConsoleServer = {
  url: string;
  clock: MovableClock;
  app: NestFastifyApplication;
  runDueTimers(): Promise<void>;
  close(): Promise<void>;
};

export const startConsoleServer = async (
  env: Record<string, string> = {},
): Promise<ConsoleServer> => {
  const dir = mkdtempSync(join(tmpdir(), 'ladder-browser-'));
  const clock = new MovableClock();
  const app = await createApp({
    ignoreEnvFile: true,
    clock,
    env: {
      DATA_DIR: dir,
      SQLITE_PATH: join(dir, 'ladder.sqlite'),
      JWT_SECRET: 'browser-test-secret-that-is-long-enough-0123',
      ADMIN_USERNAME: ADMIN.username,
      ADMIN_PASSWORD: ADMIN.password,
      PASSWORD_HASH_COST: '10',
      RATE_LIMIT_LOGIN_PER_MINUTE: '100000',
      RATE_LIMIT_PUBLIC_PER_MINUTE: '100000',
      RATE_LIMIT_REGISTRATIONS_PER_MINUTE: '100000',
      LOG_LEVEL: 'silent',
      // The test fires due timers itself, after moving the clock.
      SCHEDULER_ENABLED: 'false',
      OUTBOX_RELAY_ENABLED: 'true',
      ...env,
    },
  });
  await app.listen(0, '127.0.0.1');
  const url = await app.getUrl();
  return {
    url: url.replace('[::1]', '127.0.0.1'),
    clock,
    app,
    runDueTimers: async () => {
      await app.get(SchedulerService).runDue();
    },
    close: async () => {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
};
