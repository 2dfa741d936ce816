// The lean ceiling: about the least any server can do for one transition — node:http, XState's
// pure transition(), and one raw better-sqlite3 transaction on two minimal tables of its own:
// read the state row, update it, append one hash-chained audit row. WAL with synchronous=NORMAL
// whatever the engine runs with. No auth, no validation, no access rules, no timers, no outbox,
// no ORM, no indexes beyond the keys, a tiny response. Beside it, the same-tables ceiling
// (ceiling.ts) runs the engine's own tables and statements.
import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import { advance, type StepActor, type StepResult } from './ceiling';
import { serveJson } from './tiny-http';

/**
 * Opens the lean ceiling on a copy of the workload database: its two tables are filled from the
 * copy's applications once (before anything is measured).
 */
export const openLeanCeiling = (path: string) => {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(`
    CREATE TABLE IF NOT EXISTS lean_state (id TEXT PRIMARY KEY, machine_id TEXT NOT NULL,
      state TEXT NOT NULL, version INTEGER NOT NULL, snapshot TEXT NOT NULL) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS lean_audit (seq INTEGER PRIMARY KEY, subject_id TEXT NOT NULL,
      record TEXT NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL);
    INSERT OR IGNORE INTO lean_state SELECT id, machine_id, state, version, snapshot FROM applications;
  `);
  const load = db.prepare<
    [string],
    { state: string; version: number; snapshot: string; machine_id: string }
  >('SELECT state, version, snapshot, machine_id FROM lean_state WHERE id = ?');
  const update = db.prepare(
    'UPDATE lean_state SET state = ?, snapshot = ?, version = ? WHERE id = ? AND version = ?',
  );
  const head = db.prepare<[], { seq: number; hash: string }>(
    'SELECT seq, hash FROM lean_audit ORDER BY seq DESC LIMIT 1',
  );
  const append = db.prepare(
    'INSERT INTO lean_audit (seq, subject_id, record, prev_hash, hash) VALUES (?, ?, ?, ?, ?)',
  );
  const step = db.transaction((id: string, type: string, actor: StepActor): StepResult => {
    const row = load.get(id);
    if (!row) return { status: 404 };
    const at = new Date().toISOString();
    const moved = advance(row, type, at, actor);
    if (!moved) return { status: 409 };
    const { value, snapshot } = moved;
    const version = row.version + 1;
    if (update.run(value, snapshot, version, id, row.version).changes !== 1) return { status: 409 };
    const last = head.get();
    const seq = (last?.seq ?? 0) + 1;
    const prevHash = last?.hash ?? '0'.repeat(64);
    const record = JSON.stringify({ seq, at, actor, id, event: type, from: row.state, to: value });
    const hash = createHash('sha256').update(prevHash).update(record).digest('hex');
    append.run(seq, id, record, prevHash, hash);
    return { status: 200, state: value, version };
  });
  return { step, close: () => db.close() };
};

// node lean-ceiling.js <db> <port>: the lean ceiling over HTTP (node:http, no framework).
if (require.main === module) {
  const [path, port] = process.argv.slice(2);
  const ceiling = openLeanCeiling(path!);
  const actor = { id: 'ceiling', role: 'reviewer' };
  serveJson(Number(port), (id, body) => {
    const { type } = JSON.parse(body) as { type: string };
    const result = ceiling.step(id, type, actor);
    return Promise.resolve({ status: result.status, body: result });
  });
}
