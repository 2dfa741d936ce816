import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The auditor's filter by event type, in seq order: without this index a page of a rare event
 * type walked the whole log from the cursor (measured at 1 M applications / 10 M events: 24 ms
 * against 3 ms at 10k). Plain SQL: the same statement on SQLite and PostgreSQL, and no table
 * rebuild that could touch the audit table's append-only triggers.
 */
export class AuditEventIndex1764806400000 implements MigrationInterface {
  name = 'AuditEventIndex1764806400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('CREATE INDEX ix_audit_event ON audit_events (event, seq)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX ix_audit_event');
  }
}
