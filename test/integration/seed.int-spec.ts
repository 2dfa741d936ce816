// The seeded data set is what the product itself would have written: its audit payloads come from
// the deciders' builders, so the chain verifies and every application replays to its state.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { AuditLogRepository } from '../../src/modules/audit-log/audit-log.repository';
import { AuditSigner } from '../../src/modules/audit-log/audit-signer';
import { CaseFilesService } from '../../src/modules/audit/case-files.service';
import { seed, type SeedTarget } from '../../scripts/seed';
import { createTestDatabase } from '../support/test-database';
import { startTestApp } from '../support/test-app';

describe('npm run seed', () => {
  it('writes a chain that verifies and histories that replay to the stored states', async () => {
    const db = createTestDatabase({ persistent: true });
    const target: SeedTarget = db.env.SQLITE_PATH
      ? { kind: 'sqlite', path: db.env.SQLITE_PATH }
      : { kind: 'postgres', url: db.env.DATABASE_URL!, schema: db.env.DATABASE_SCHEMA! };
    // The seed keys every event's MAC with the key the server then uses.
    const keyDir = mkdtempSync(join(tmpdir(), 'ladder-seed-key-'));
    const keyFile = join(keyDir, 'audit-signing-key.pem');
    const signer = AuditSigner.load(undefined, keyDir);
    try {
      const result = await seed(target, {
        eventMac: (seq, hash) => signer.eventMac(seq, hash),
        applications: 120,
        events: 1500,
        password: 'seed-password-0001',
        hashCost: 10,
      });
      expect(result.applications).toBe(120);
      const t = await startTestApp({ db, env: { AUDIT_SIGNING_KEY_FILE: keyFile } });
      try {
        const [unkeyed] = await t.app
          .get(DataSource)
          .query<{ n: number | string }[]>(
            'SELECT count(*) AS n FROM audit_events WHERE mac IS NULL',
          );
        expect(Number(unkeyed!.n)).toBe(0);
        const verified = await t.app.get(AuditLogRepository).verify();
        expect(verified).toMatchObject({ ok: true });
        expect(verified.eventsChecked).toBeGreaterThanOrEqual(result.events);
        const replay = await t.app.get(CaseFilesService).replayAll();
        expect(replay.checked).toBe(120);
        expect(replay.mismatches).toEqual([]);
      } finally {
        await t.close();
      }
    } finally {
      await db.drop();
      rmSync(keyDir, { recursive: true, force: true });
    }
    // Seeding, booting and replaying take a few seconds; more on a loaded machine.
  }, 120_000);

  it('--mix migration: every specialized-SME v1 state; replay also holds the state and version columns to the history', async () => {
    const db = createTestDatabase({ persistent: true });
    const target: SeedTarget = db.env.SQLITE_PATH
      ? { kind: 'sqlite', path: db.env.SQLITE_PATH }
      : { kind: 'postgres', url: db.env.DATABASE_URL!, schema: db.env.DATABASE_SCHEMA! };
    try {
      await seed(target, {
        applications: 26,
        mix: 'migration',
        password: 'seed-password-0001',
        hashCost: 10,
      });
      const t = await startTestApp({ db });
      try {
        const data = t.app.get(DataSource);
        const rows = await data.query<{ id: string; state: string; machine_version: number }[]>(
          `SELECT id, state, machine_version FROM applications WHERE tier = 'specialized_sme' ORDER BY id`,
        );
        expect(rows).toHaveLength(26);
        expect(new Set(rows.map((r) => r.state))).toEqual(
          new Set([
            'draft',
            'submitted',
            'localReview',
            'returned',
            'provincialReview',
            'onSiteCheck',
            'publicNotice',
            'objectionReview',
            'certified',
            'rejected',
            'withdrawn',
          ]),
        );
        expect(rows.every((r) => Number(r.machine_version) === 1)).toBe(true);
        const cases = t.app.get(CaseFilesService);
        expect((await cases.replayAll()).mismatches).toEqual([]);

        // A state column that disagrees with the snapshot, and a version no migration recorded.
        const [first, second] = rows.filter((r) => r.state === 'submitted');
        await data.query(`UPDATE applications SET state = 'draft' WHERE id = '${first!.id}'`);
        await data.query(`UPDATE applications SET machine_version = 2 WHERE id = '${second!.id}'`);
        const { mismatches } = await cases.replayAll();
        expect(mismatches.map((m) => [m.applicationId, m.differences])).toEqual([
          [first!.id, ['state']],
          [second!.id, ['machineVersion']],
        ]);
      } finally {
        await t.close();
      }
    } finally {
      await db.drop();
    }
  }, 120_000);
});
