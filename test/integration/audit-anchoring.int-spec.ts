import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { DataSource } from 'typeorm';
import { auditHash } from '../../src/domain/audit/hash-chain';
import { AuditLogRepository, recordOf } from '../../src/modules/audit-log/audit-log.repository';
import { AuditService } from '../../src/modules/audit/audit.service';
import { APP_CONFIG, type AppConfig } from '../../src/config/app-config';
import { createAuthorities, loginAdmin } from '../support/actors';
import { walkInnovative } from '../support/journeys';
import { startTestApp, type TestApp } from '../support/test-app';

type Row = Record<string, unknown>;

/**
 * Security review M9: what someone with the database's credentials (but not the signing key) can
 * do to the log, and what the product refuses or finds. UPDATE/DELETE guards have their own suite
 * (audit-tamper); this one covers inserts, the events' MACs, signed checkpoints and the anchor file.
 */
describe('anchoring of the audit log', () => {
  let t: TestApp;
  let pg: boolean;
  let first: { seq: number };
  let second: { seq: number };

  const ds = () => t.app.get(DataSource);
  const sql = (text: string) => (pg ? text : text.replace(/\$\d+/g, '?'));
  const query = (text: string, params: unknown[] = []) => ds().query(sql(text), params);
  const rowAt = async (seq: number): Promise<Row> => {
    const [row] = (await query('SELECT * FROM audit_events WHERE seq = $1', [seq])) as Row[];
    return row!;
  };
  const insert = (row: Row, prefix = 'INSERT', suffix = '') => {
    const keys = Object.keys(row);
    return query(
      `${prefix} INTO audit_events (${keys.join(', ')}) VALUES (${keys.map((_, i) => `$${i + 1}`).join(', ')}) ${suffix}`,
      keys.map((k) => row[k]),
    );
  };
  const headSeq = async () => (await t.app.get(AuditLogRepository).head())!.seq;
  const verify = () => t.app.get(AuditService).verify();
  const audit = () => t.app.get(AuditService);

  beforeAll(async () => {
    t = await startTestApp({ env: { AUDIT_CHECKPOINT_SECONDS: '60' } });
    pg = t.db.kind === 'postgres';
    const admin = await loginAdmin(t.http);
    const a = await createAuthorities(t.http, admin);
    await walkInnovative(t, a, 'publicNotice');
    first = (await audit().checkpoint(true))!;
    await walkInnovative(t, a, 'localReview');
  });
  afterAll(() => t.close());

  describe('with the database guards in place', () => {
    it('refuses to replace an event (INSERT OR REPLACE / ON CONFLICT DO UPDATE)', async () => {
      const row = { ...(await rowAt(2)), comment: 'approved by phone' };
      await expect(
        pg
          ? insert(row, 'INSERT', 'ON CONFLICT (seq) DO UPDATE SET comment = EXCLUDED.comment')
          : insert(row, 'INSERT OR REPLACE'),
      ).rejects.toThrow(/append at the head/);
      expect((await rowAt(2)).comment).not.toBe('approved by phone');
    });

    it('refuses an event that leaves a gap or does not link to the head', async () => {
      const head = await rowAt(await headSeq());
      const next = Number(head.seq) + 1;
      await expect(insert({ ...head, seq: next + 1, prev_hash: head.hash })).rejects.toThrow(
        /append at the head/,
      );
      await expect(insert({ ...head, seq: next, prev_hash: 'f'.repeat(64) })).rejects.toThrow(
        /append at the head/,
      );
      expect(await headSeq()).toBe(Number(head.seq));
    });

    it('refuses a checkpoint at or below the newest one', async () => {
      await expect(
        query(
          'INSERT INTO audit_checkpoints (seq, hash, at, key_id, signature) VALUES ($1, $2, $3, $4, $5)',
          [first.seq, 'a'.repeat(64), '2026-01-01T00:00:00.000Z', 'k', 's'],
        ),
      ).rejects.toThrow(/above the newest/);
    });

    it('signs a checkpoint when the head moved and AUDIT_CHECKPOINT_SECONDS passed', async () => {
      expect(await audit().checkpoint()).toBeNull();
      t.clock.advance(60_000);
      second = (await audit().checkpoint())!;
      expect(second.seq).toBe(await headSeq());
      expect(second.seq).toBeGreaterThan(first.seq);
      // Appended to the anchor file too, one line per checkpoint.
      const { anchorFile } = t.app.get<AppConfig>(APP_CONFIG).audit;
      const lines = readFileSync(anchorFile!, 'utf8').trim().split('\n');
      expect(lines.map((l) => (JSON.parse(l) as { seq: number }).seq)).toEqual([
        first.seq,
        second.seq,
      ]);
      expect(await verify()).toMatchObject({
        ok: true,
        checkpointsChecked: 2,
        anchorsChecked: 2,
        anchoredSeq: second.seq,
        unanchoredEvents: 0,
        problems: [],
      });
    });

    it('gives every event a MAC', async () => {
      const rows = (await query('SELECT count(*) AS n FROM audit_events WHERE mac IS NULL')) as {
        n: number | string;
      }[];
      expect(Number(rows[0]!.n)).toBe(0);
    });
  });

  describe('with the guards removed by someone with database access', () => {
    beforeAll(async () => {
      if (pg) {
        await ds().query('ALTER TABLE audit_events DISABLE TRIGGER USER');
        await ds().query('ALTER TABLE audit_checkpoints DISABLE TRIGGER USER');
      } else {
        for (const name of [
          'audit_events_no_update',
          'audit_events_no_delete',
          'audit_events_append_at_head',
          'audit_checkpoints_no_update',
          'audit_checkpoints_no_delete',
        ]) {
          await ds().query(`DROP TRIGGER IF EXISTS ${name}`);
        }
      }
    });

    it('finds an event appended at the head without the key (correct hash, no valid MAC)', async () => {
      const head = await rowAt(second.seq);
      const entity = (await t.app.get(AuditLogRepository).page({}, second.seq - 1, 1))[0]!;
      const record = { ...recordOf(entity), seq: second.seq + 1, comment: 'forged' };
      const forged = {
        ...head,
        seq: record.seq,
        comment: record.comment,
        prev_hash: head.hash,
        hash: auditHash(String(head.hash), record),
      };
      for (const mac of [null, 'a'.repeat(64), head.mac]) {
        await insert({ ...forged, mac });
        expect(await verify()).toMatchObject({
          ok: false,
          firstInvalidSeq: record.seq,
          invalidReason: 'mac',
        });
        await query('DELETE FROM audit_events WHERE seq = $1', [record.seq]);
      }
      expect(await verify()).toMatchObject({ ok: true, problems: [] });
    });

    it('finds a rewritten event under a checkpoint, in the database and in the anchor file', async () => {
      const original = await rowAt(second.seq);
      const entity = (await t.app.get(AuditLogRepository).page({}, second.seq - 1, 1))[0]!;
      const record = { ...recordOf(entity), comment: 'rewritten' };
      await query('UPDATE audit_events SET comment = $1, hash = $2 WHERE seq = $3', [
        'rewritten',
        auditHash(String(original.prev_hash), record),
        second.seq,
      ]);
      const report = await verify();
      expect(report).toMatchObject({
        ok: false,
        firstInvalidSeq: second.seq,
        invalidReason: 'mac',
      });
      expect(report.problems).toEqual([
        { source: 'database', seq: second.seq, problem: 'mismatch' },
        { source: 'anchor-file', seq: second.seq, problem: 'mismatch' },
      ]);
      await query('UPDATE audit_events SET comment = $1, hash = $2 WHERE seq = $3', [
        original.comment,
        original.hash,
        second.seq,
      ]);
      expect(await verify()).toMatchObject({ ok: true });
    });

    it('finds a truncation below a checkpoint although what is left verifies', async () => {
      const removed = (await query('SELECT * FROM audit_events WHERE seq > $1 ORDER BY seq', [
        first.seq,
      ])) as Row[];
      await query('DELETE FROM audit_events WHERE seq > $1', [first.seq]);
      expect(await t.app.get(AuditLogRepository).verify()).toMatchObject({ ok: true });
      const report = await verify();
      expect(report.ok).toBe(false);
      expect(report.problems).toEqual([
        { source: 'database', seq: second.seq, problem: 'truncated' },
        { source: 'anchor-file', seq: second.seq, problem: 'truncated' },
      ]);
      expect(report.anchoredSeq).toBe(first.seq);
      for (const row of removed) await insert(row);
      expect(await verify()).toMatchObject({ ok: true, anchoredSeq: second.seq });
    });

    it('reports events after the newest checkpoint as unanchored (the documented window)', async () => {
      const head = await rowAt(second.seq);
      const entity = (await t.app.get(AuditLogRepository).page({}, second.seq - 1, 1))[0]!;
      // Appended by the application (with the key), not yet under a checkpoint.
      const record = { ...recordOf(entity), seq: second.seq + 1, comment: 'later' };
      const hash = auditHash(String(head.hash), record);
      const { AuditSigner } = await import('../../src/modules/audit-log/audit-signer');
      const mac = t.app.get(AuditSigner).eventMac(record.seq, hash);
      await insert({ ...head, seq: record.seq, comment: 'later', prev_hash: head.hash, hash, mac });
      expect(await verify()).toMatchObject({ ok: true, unanchoredEvents: 1 });
      // Removing it cannot be told from it never having been written: at most the events of
      // the last AUDIT_CHECKPOINT_SECONDS are exposed so.
      await query('DELETE FROM audit_events WHERE seq = $1', [record.seq]);
      expect(await verify()).toMatchObject({ ok: true, unanchoredEvents: 0 });
    });

    it('finds checkpoints deleted from the database through the anchor file', async () => {
      const { anchorFile } = t.app.get<AppConfig>(APP_CONFIG).audit;
      const anchors = readFileSync(anchorFile!, 'utf8');
      await query('DELETE FROM audit_checkpoints WHERE seq = $1', [second.seq]);
      const report = await verify();
      expect(report.ok).toBe(false);
      expect(report.problems).toEqual([
        { source: 'anchor-file', seq: second.seq, problem: 'missing' },
      ]);
      // A forged anchor line (signed by no key we hold) is reported, not trusted.
      writeFileSync(
        anchorFile!,
        `${anchors}${JSON.stringify({ seq: 1, hash: 'b'.repeat(64), at: 'x', keyId: 'other', signature: 'AA==' })}\n`,
      );
      expect((await verify()).problems).toContainEqual({
        source: 'anchor-file',
        seq: 1,
        problem: 'unknown-key',
      });
      rmSync(anchorFile!);
    });
  });
});
