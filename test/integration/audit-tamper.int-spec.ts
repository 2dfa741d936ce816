import { DataSource } from 'typeorm';
import { AuditLogRepository } from '../../src/modules/audit-log/audit-log.repository';
import { AuditService } from '../../src/modules/audit/audit.service';
import { createAuthorities, loginAdmin } from '../support/actors';
import { walkInnovative } from '../support/journeys';
import { startTestApp, type TestApp } from '../support/test-app';

/** Direct database access, as an attacker with the database's credentials would have. */
const raw = (t: TestApp) => {
  const ds = t.app.get(DataSource);
  const pg = t.db.kind === 'postgres';
  const sql = (text: string) => (pg ? text : text.replace(/\$\d+/g, '?'));
  return {
    query: (text: string, params: unknown[] = []) => ds.query(sql(text), params),
    disableTriggers: async () => {
      if (pg) await ds.query('ALTER TABLE audit_events DISABLE TRIGGER USER');
      else {
        await ds.query('DROP TRIGGER IF EXISTS audit_events_no_update');
        await ds.query('DROP TRIGGER IF EXISTS audit_events_no_delete');
        await ds.query('DROP TRIGGER IF EXISTS audit_events_append_at_head');
      }
    },
  };
};

describe('tamper evidence of the audit log', () => {
  let t: TestApp;
  let total: number;

  beforeAll(async () => {
    t = await startTestApp();
    const admin = await loginAdmin(t.http);
    const a = await createAuthorities(t.http, admin);
    await walkInnovative(t, a, 'publicNotice');
    await walkInnovative(t, a, 'localReview');
    total = (await t.app.get(AuditLogRepository).verify()).eventsChecked;
  });
  afterAll(() => t.close());

  it('refuses UPDATE and DELETE on the audit tables in the database itself', async () => {
    const db = raw(t);
    await expect(
      db.query(`UPDATE audit_events SET comment = 'x' WHERE seq = $1`, [3]),
    ).rejects.toThrow(/append-only/);
    await expect(db.query('DELETE FROM audit_events WHERE seq = $1', [3])).rejects.toThrow(
      /append-only/,
    );
    await t.app.get(AuditService).checkpoint(true);
    await expect(db.query(`UPDATE audit_checkpoints SET hash = 'x'`)).rejects.toThrow(
      /append-only/,
    );
    await expect(db.query('DELETE FROM audit_checkpoints')).rejects.toThrow(/append-only/);
    if (t.db.kind === 'postgres') {
      await expect(db.query('TRUNCATE audit_events')).rejects.toThrow(/append-only/);
    }
    expect(await t.app.get(AuditLogRepository).verify()).toMatchObject({
      ok: true,
      eventsChecked: total,
    });
  });

  describe('with the triggers removed by someone with database access', () => {
    beforeAll(() => raw(t).disableTriggers());

    const tamperings: [string, string, (seq: number) => [string, unknown[]], string][] = [
      [
        'the state reached',
        'to_state',
        (seq) => [`UPDATE audit_events SET to_state = 'certified' WHERE seq = $1`, [seq]],
        'to_state',
      ],
      [
        'the comment',
        'comment',
        (seq) => [`UPDATE audit_events SET comment = 'approved by phone' WHERE seq = $1`, [seq]],
        'comment',
      ],
      [
        'the data',
        'data',
        (seq) => [`UPDATE audit_events SET data = '{"reasons":["none"]}' WHERE seq = $1`, [seq]],
        'data',
      ],
      [
        'the actor',
        'actor_id',
        (seq) => [`UPDATE audit_events SET actor_id = 'someone-else' WHERE seq = $1`, [seq]],
        'actor_id',
      ],
      [
        'the time',
        'at',
        (seq) => [`UPDATE audit_events SET at = '2020-01-01T00:00:00.000Z' WHERE seq = $1`, [seq]],
        'at',
      ],
      [
        'the link',
        'prev_hash',
        (seq) => [`UPDATE audit_events SET prev_hash = $1 WHERE seq = $2`, ['f'.repeat(64), seq]],
        'prev_hash',
      ],
      [
        'its own hash',
        'hash',
        (seq) => [`UPDATE audit_events SET hash = $1 WHERE seq = $2`, ['a'.repeat(64), seq]],
        'hash',
      ],
    ];

    it.each(tamperings)(
      'reports exactly the event whose %s was rewritten',
      async (_label, column, tamper) => {
        const db = raw(t);
        const audit = t.app.get(AuditLogRepository);
        for (const seq of [1, Math.ceil(total / 2), total]) {
          const [original] = (await db.query(
            `SELECT ${column} AS v FROM audit_events WHERE seq = $1`,
            [seq],
          )) as { v: unknown }[];
          const [sql, params] = tamper(seq);
          await db.query(sql, params);
          expect(await audit.verify()).toMatchObject({ ok: false, firstInvalidSeq: seq });
          await db.query(`UPDATE audit_events SET ${column} = $1 WHERE seq = $2`, [
            original!.v,
            seq,
          ]);
          expect(await audit.verify()).toMatchObject({ ok: true, eventsChecked: total });
        }
      },
    );

    it('reports a deleted event at its place, and a checkpoint that no longer matches', async () => {
      const db = raw(t);
      const audit = t.app.get(AuditLogRepository);
      const checkpoint = await t.app.get(AuditService).verify('checkpoint');
      expect(checkpoint).toMatchObject({ ok: true, from: 'checkpoint' });
      const seq = Math.ceil(total / 2);
      await db.query('DELETE FROM audit_events WHERE seq = $1', [seq]);
      expect(await audit.verify()).toMatchObject({ ok: false, firstInvalidSeq: seq });
    });
  });
});
