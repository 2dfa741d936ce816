import type { MigrationInterface, QueryRunner } from 'typeorm';

const GENESIS = '0'.repeat(64);

/**
 * Security review M9. The audit tables already refuse UPDATE and DELETE; on SQLite an
 * `INSERT OR REPLACE` got past them (the replaced row is deleted without firing delete triggers).
 * Now an event is accepted only at the head of the chain (seq = head + 1, prev_hash = the head's
 * hash), which refuses every replace and every gap, and a checkpoint only above the newest one.
 * Each event also gets a keyed MAC (event-mac.ts), so that one written around the application,
 * by someone without the key, does not verify.
 */
export class AuditInsertGuards1764900400000 implements MigrationInterface {
  name = 'AuditInsertGuards1764900400000';

  async up(q: QueryRunner): Promise<void> {
    // Plain SQL: TypeORM's SQLite addColumn rebuilds the table (and its triggers).
    await q.query('ALTER TABLE audit_events ADD COLUMN mac varchar(64) NULL');
    if (q.connection.options.type === 'postgres') {
      await q.query(`CREATE OR REPLACE FUNCTION ladder_audit_append_at_head() RETURNS trigger
        LANGUAGE plpgsql AS $$
        DECLARE
          head_seq bigint;
          head_hash varchar;
        BEGIN
          SELECT seq, hash INTO head_seq, head_hash FROM audit_events ORDER BY seq DESC LIMIT 1;
          IF NEW.seq IS DISTINCT FROM COALESCE(head_seq, 0) + 1
             OR NEW.prev_hash IS DISTINCT FROM COALESCE(head_hash, '${GENESIS}') THEN
            RAISE EXCEPTION 'audit_events: append at the head of the chain only'
              USING ERRCODE = 'insufficient_privilege';
          END IF;
          RETURN NEW;
        END $$`);
      await q.query(`CREATE TRIGGER audit_events_append_at_head BEFORE INSERT ON audit_events
        FOR EACH ROW EXECUTE FUNCTION ladder_audit_append_at_head()`);
      await q.query(`CREATE OR REPLACE FUNCTION ladder_audit_checkpoint_ahead() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
          IF NEW.seq <= COALESCE((SELECT max(seq) FROM audit_checkpoints), 0) THEN
            RAISE EXCEPTION 'audit_checkpoints: a checkpoint only above the newest one'
              USING ERRCODE = 'insufficient_privilege';
          END IF;
          RETURN NEW;
        END $$`);
      await q.query(`CREATE TRIGGER audit_checkpoints_ahead BEFORE INSERT ON audit_checkpoints
        FOR EACH ROW EXECUTE FUNCTION ladder_audit_checkpoint_ahead()`);
    } else {
      // BEFORE INSERT fires before conflict resolution, so it also sees INSERT OR REPLACE.
      await q.query(`CREATE TRIGGER audit_events_append_at_head BEFORE INSERT ON audit_events
        WHEN NEW.seq IS NOT COALESCE((SELECT max(seq) FROM audit_events), 0) + 1
          OR NEW.prev_hash IS NOT COALESCE(
            (SELECT hash FROM audit_events ORDER BY seq DESC LIMIT 1), '${GENESIS}')
        BEGIN SELECT RAISE(ABORT, 'audit_events: append at the head of the chain only'); END`);
      await q.query(`CREATE TRIGGER audit_checkpoints_ahead BEFORE INSERT ON audit_checkpoints
        WHEN NEW.seq <= COALESCE((SELECT max(seq) FROM audit_checkpoints), 0)
        BEGIN SELECT RAISE(ABORT, 'audit_checkpoints: a checkpoint only above the newest one'); END`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    if (q.connection.options.type === 'postgres') {
      await q.query('DROP TRIGGER IF EXISTS audit_events_append_at_head ON audit_events');
      await q.query('DROP TRIGGER IF EXISTS audit_checkpoints_ahead ON audit_checkpoints');
      await q.query('DROP FUNCTION IF EXISTS ladder_audit_append_at_head()');
      await q.query('DROP FUNCTION IF EXISTS ladder_audit_checkpoint_ahead()');
    } else {
      await q.query('DROP TRIGGER IF EXISTS audit_events_append_at_head');
      await q.query('DROP TRIGGER IF EXISTS audit_checkpoints_ahead');
    }
    await q.query('ALTER TABLE audit_events DROP COLUMN mac');
  }
}
