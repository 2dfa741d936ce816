import { DataSource, type EntityManager } from 'typeorm';
import { newId } from '../../src/infra/ids';
import { execute, select } from '../../src/infra/persistence/raw-sql';
import { TransactionRunner } from '../../src/infra/persistence/transaction-runner';
import { AuditLogRepository } from '../../src/modules/audit-log/audit-log.repository';
import { SchedulerService } from '../../src/modules/commands/scheduler.service';
import { TimerRepository } from '../../src/modules/timers/timer.repository';
import { createAuthorities, loginAdmin } from '../support/actors';
import { FakeClock } from '../support/fake-clock';
import { walkInnovative } from '../support/journeys';
import { createTestDatabase } from '../support/test-database';
import { startTestApp, type TestApp } from '../support/test-app';

const START = '2026-09-29T02:00:00.000Z';
const NOTICE_END = '2026-10-12T16:00:00.000Z';
const LEASE_MS = 60_000;

/**
 * `count` applications under public notice, all ending at NOTICE_END: one walked through the API,
 * the rest copied from it row for row (with a timer each), which is much faster than the API.
 */
const seedNotices = async (t: TestApp, count: number): Promise<string[]> => {
  const admin = await loginAdmin(t.http);
  const a = await createAuthorities(t.http, admin);
  const first = await walkInnovative(t, a, 'publicNotice');
  const ids = [first.id];
  await t.app.get(TransactionRunner).run(async (em: EntityManager) => {
    const [row] = await select<Record<string, unknown>>(
      em,
      'SELECT * FROM applications WHERE id = $1',
      [first.id],
    );
    const columns = Object.keys(row!);
    for (let i = 1; i < count; i++) {
      const id = newId();
      ids.push(id);
      // Each copy its own enterprise: one open application per tier and enterprise (M7).
      const values = columns.map((c) =>
        c === 'id' ? id : c === 'enterprise_id' ? newId() : row![c],
      );
      await execute(
        em,
        `INSERT INTO applications (${columns.join(', ')}) VALUES (${columns.map((_, k) => `$${k + 1}`).join(', ')})`,
        values,
      );
      await execute(
        em,
        `INSERT INTO timers (id, subject_type, subject_id, event, purpose, due_at, status, attempts, created_at)
         VALUES ($1, 'application', $2, 'deadline.expired', 'notice', $3, 'pending', 0, $4)`,
        [newId(), id, NOTICE_END, START],
      );
    }
  });
  return ids;
};

const countWhere = async (t: TestApp, sql: string, params: unknown[] = []) => {
  const [row] = await select<{ n: number | string }>(t.app.get(DataSource).manager, sql, params);
  return Number(row?.n ?? 0);
};

describe('durable timers', () => {
  it('survive a restart: scheduled by one run of the app, each fired exactly once by the next', async () => {
    const db = createTestDatabase({ persistent: true });
    const clock = new FakeClock(START);
    const first = await startTestApp({ db, clock });
    let ids: string[];
    try {
      ids = await seedNotices(first, 5);
    } finally {
      await first.close();
    }
    clock.set(NOTICE_END);
    const second = await startTestApp({ db, clock });
    try {
      const report = await second.app.get(SchedulerService).runDue();
      expect(report).toMatchObject({ fired: 5, skipped: 0, failed: 0 });
      expect(
        await countWhere(
          second,
          `SELECT COUNT(*) AS n FROM applications WHERE state = 'certified'`,
        ),
      ).toBe(5);
      expect(
        await countWhere(
          second,
          `SELECT COUNT(*) AS n FROM audit_events WHERE event = 'deadline.expired'`,
        ),
      ).toBe(5);
      expect((await second.app.get(SchedulerService).runDue()).claimed).toBe(0);
      expect(ids).toHaveLength(5);
      expect((await second.app.get(AuditLogRepository).verify()).ok).toBe(true);
    } finally {
      await second.close();
      await db.drop();
    }
  });

  it('fire once when an instance dies holding a claim: the lease runs out and another fires them', async () => {
    const clock = new FakeClock(START);
    const t = await startTestApp({ clock });
    try {
      await seedNotices(t, 3);
      clock.set(NOTICE_END);
      const timers = t.app.get(TimerRepository);
      // A crashed instance: it claimed the batch, then never fired it.
      const claimed = await t.app.get(TransactionRunner).run((em) =>
        timers.claimDue(em, {
          now: clock.nowIso(),
          leaseUntil: new Date(clock.now().getTime() + LEASE_MS).toISOString(),
          owner: 'crashed-instance',
          limit: 100,
        }),
      );
      expect(claimed).toHaveLength(3);
      const scheduler = t.app.get(SchedulerService);
      expect((await scheduler.runDue()).claimed).toBe(0);
      clock.advance(LEASE_MS + 1);
      expect(await scheduler.runDue()).toMatchObject({ claimed: 3, fired: 3 });
      expect(
        await countWhere(t, `SELECT COUNT(*) AS n FROM applications WHERE state = 'certified'`),
      ).toBe(3);
    } finally {
      await t.close();
    }
  });

  it('fire once when a fire is retried after it took effect (a timer cannot fire twice)', async () => {
    const clock = new FakeClock(START);
    const t = await startTestApp({ clock });
    try {
      const [id] = await seedNotices(t, 1);
      clock.set(NOTICE_END);
      const timer = (
        await t.app.get(TimerRepository).pendingFor({ type: 'application', id: id! })
      )[0]!;
      await t.app.get(SchedulerService).runDue();
      // The same timer delivered again (a duplicate claim, a retry): refused, nothing written.
      const before = await countWhere(t, 'SELECT COUNT(*) AS n FROM audit_events');
      await expect(
        t.app
          .get(TransactionRunner)
          .run((em) => t.app.get(TimerRepository).markFired(em, timer.id, clock.nowIso())),
      ).resolves.toBe(false);
      expect(await countWhere(t, 'SELECT COUNT(*) AS n FROM audit_events')).toBe(before);
    } finally {
      await t.close();
    }
  });

  it('fire 500 due timers from two instances sharing one database: no duplicate, no miss', async () => {
    const db = createTestDatabase({ persistent: true });
    const clock = new FakeClock(START);
    const one = await startTestApp({ db, clock });
    const two = await startTestApp({ db, clock });
    try {
      await seedNotices(one, 500);
      clock.set(NOTICE_END);
      const schedulers = [one.app.get(SchedulerService), two.app.get(SchedulerService)];
      const reports = [];
      // On PostgreSQL one round suffices. Two SQLite connections may refuse each other a write
      // lock; a refused fire stays pending and is retried after its lease.
      for (let round = 0; round < 20; round++) {
        reports.push(...(await Promise.all(schedulers.map((s) => s.runDue(50)))));
        const pending = await countWhere(
          one,
          `SELECT COUNT(*) AS n FROM timers WHERE status = 'pending' AND purpose = 'notice'`,
        );
        if (pending === 0) break;
        clock.advance(LEASE_MS + 1);
      }
      if (db.kind === 'postgres') {
        // SKIP LOCKED hands each instance batches of its own.
        expect(reports[0]!.fired).toBeGreaterThan(0);
        expect(reports[1]!.fired).toBeGreaterThan(0);
      }
      expect(reports.reduce((n, r) => n + r.fired, 0)).toBe(500);
      expect(
        await countWhere(one, `SELECT COUNT(*) AS n FROM applications WHERE state = 'certified'`),
      ).toBe(500);
      expect(
        await countWhere(
          one,
          `SELECT COUNT(*) AS n FROM timers WHERE status = 'fired' AND purpose = 'notice'`,
        ),
      ).toBe(500);
      const perApplication = await select<{ n: number | string }>(
        one.app.get(DataSource).manager,
        `SELECT COUNT(*) AS n FROM audit_events WHERE event = 'deadline.expired' GROUP BY subject_id`,
      );
      expect(perApplication).toHaveLength(500);
      expect(perApplication.every((r) => Number(r.n) === 1)).toBe(true);
      expect((await one.app.get(AuditLogRepository).verify()).ok).toBe(true);
    } finally {
      await one.close();
      await two.close();
      await db.drop();
    }
  }, 180_000);
});
