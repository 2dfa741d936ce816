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
});
