import { Client } from 'pg';
import { DataSource } from 'typeorm';
import type { Actor } from '../../src/domain/access/roles';
import { databaseKindOf } from '../../src/infra/persistence/database-kind';
import { SYSTEM_ACTOR } from '../../src/domain/access/roles';
import { ApplicationCommands } from '../../src/modules/commands/application-commands.service';
import { AuditLogRepository } from '../../src/modules/audit-log/audit-log.repository';
import { passingFacts } from '../factories/facts.factory';
import { registerEnterprise } from '../support/actors';
import { startTestApp, type TestApp } from '../support/test-app';

describe('command pipeline on a real database', () => {
  let t: TestApp;
  let applications: ApplicationCommands;
  const city: Actor = {
    kind: 'user',
    id: 'city-1',
    role: 'reviewer',
    jurisdiction: { level: 'city', regionCode: '130100' },
  };
  const province: Actor = {
    kind: 'user',
    id: 'prov-1',
    role: 'reviewer',
    jurisdiction: { level: 'province', regionCode: '130000' },
  };

  beforeAll(async () => {
    t = await startTestApp();
    applications = t.app.get(ApplicationCommands);
  });
  afterAll(() => t.close());

  // One open application per tier and enterprise: a new enterprise for each application.
  const submittedApplication = async () => {
    const e = await registerEnterprise(t.http);
    const owner: Actor = {
      kind: 'user',
      id: e.id,
      role: 'enterprise',
      enterpriseId: e.enterpriseId,
    };
    const app = await applications.create(
      { enterpriseId: e.enterpriseId, tier: 'innovative_sme', facts: passingFacts(2026) },
      owner,
      null,
    );
    await applications.send({
      id: app.id,
      type: 'submit',
      actor: owner,
      requestId: null,
    });
    return app.id;
  };

  it('lets one of 20 concurrent commands win and records exactly one audit event for it', async () => {
    const id = await submittedApplication();
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, () =>
        applications.send({
          id,
          type: 'review.start',
          actor: city,
          requestId: null,
        }),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results.filter((r): r is PromiseRejectedResult => r.status === 'rejected')) {
      expect(['INVALID_TRANSITION', 'VERSION_CONFLICT']).toContain(
        (r.reason as { code: string }).code,
      );
    }
    const history = await t.app.get(AuditLogRepository).forSubject('application', id);
    expect(history.map((e) => e.event)).toEqual(['application.create', 'submit', 'review.start']);
  });

  it('writes the notice timer with the transition and cancels it when the notice ends', async () => {
    const id = await submittedApplication();
    await applications.send({
      id,
      type: 'review.start',
      actor: city,
      requestId: null,
    });
    await applications.send({
      id,
      type: 'review.recommend',
      actor: city,
      requestId: null,
    });
    const noticed = await applications.send({
      id,
      type: 'notice.publish',
      actor: province,
      requestId: 'r-notice',
    });
    expect(noticed.deadlines).toHaveLength(1);
    const due = noticed.deadlines[0]!.dueAt;
    // Before the end, the scheduler's event is refused and nothing changes.
    await expect(
      applications.send({
        id,
        type: 'deadline.expired',
        actor: SYSTEM_ACTOR,
        requestId: null,
      }),
    ).rejects.toMatchObject({ code: 'INVALID_TRANSITION' });
    t.clock.set(due);
    const done = await applications.send({
      id,
      type: 'deadline.expired',
      actor: SYSTEM_ACTOR,
      requestId: null,
    });
    expect(done).toMatchObject({ state: 'certified', deadlines: [] });
    expect((await t.app.get(AuditLogRepository).verify()).ok).toBe(true);
  });

  it("writes the audit event after the answer's reads, just before the commit (on PostgreSQL the chain lock is taken only then), and returns the document request of a return", async () => {
    const id = await submittedApplication();
    await applications.send({ id, type: 'review.start', actor: city, requestId: null });
    const statements: string[] = [];
    const record = (sql: unknown) => {
      if (typeof sql === 'string') statements.push(sql.replace(/\s+/g, ' '));
      else if (sql && typeof (sql as { text?: unknown }).text === 'string')
        statements.push((sql as { text: string }).text.replace(/\s+/g, ' '));
    };
    const dataSource = t.app.get(DataSource);
    // PostgreSQL: every statement goes through a pg client (the chain lock too); SQLite: the runner.
    const target: { query: (...args: unknown[]) => unknown } =
      databaseKindOf(dataSource) === 'postgres'
        ? Client.prototype
        : Object.getPrototypeOf(dataSource.createQueryRunner());
    const original = target.query;
    const spy = jest.spyOn(target, 'query').mockImplementation(function (this: unknown, ...args) {
      record(args[0]);
      return original.apply(this, args);
    });
    let view;
    try {
      view = await applications.send({
        id,
        type: 'review.return',
        actor: city,
        requestId: null,
        reasons: ['The audit report is missing.'],
        data: { requestedDocuments: [{ kind: 'other', note: 'the lease of the plant' }] },
      });
    } finally {
      spy.mockRestore();
    }
    expect(view.state).toBe('returned');
    expect(view.documentRequest?.items).toEqual([expect.objectContaining({ kind: 'other' })]);
    const first = (pattern: RegExp) => statements.findIndex((sql) => pattern.test(sql));
    const timersRead = first(/FROM timers WHERE subject_type/);
    const auditInsert = first(/INSERT INTO audit_events/);
    expect(timersRead).toBeGreaterThanOrEqual(0);
    expect(auditInsert).toBeGreaterThan(timersRead);
    if (databaseKindOf(dataSource) === 'postgres') {
      expect(first(/pg_advisory_xact_lock/)).toBeGreaterThan(timersRead);
      // One statement opens the transaction (READ COMMITTED is the connections' default).
      expect(statements.filter((sql) => /ISOLATION LEVEL/i.test(sql))).toEqual([]);
    }
    expect((await t.app.get(AuditLogRepository).verify()).ok).toBe(true);
  });
});
