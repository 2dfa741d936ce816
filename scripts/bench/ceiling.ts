// The ceiling: the same shaped transaction as the engine's command pipeline, hand-written on the
// same driver and the same tables, with nothing else — SELECT snapshot → XState transition() →
// UPDATE with a version check → INSERT the hash-chained audit row, one better-sqlite3 transaction.
// No auth, no validation, no access rules, no timers, no ORM, a tiny response.
import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import canonicalize from 'canonicalize';
import { transition, type AnyStateMachine } from 'xstate';
import {
  innovativeSmeMachine,
  littleGiantMachine,
  specializedSmeMachine,
} from '../../src/domain/certification/application.machine';
import { serveJson } from './tiny-http';

const MACHINES = new Map<string, AnyStateMachine>(
  [innovativeSmeMachine, specializedSmeMachine, littleGiantMachine].map((m) => [m.id, m]),
);

export type StepActor = { id: string; role: string; level?: string; regionCode?: string };
export type StepResult = { status: number; state?: string; version?: number };

/**
 * XState's pure transition() on a stored snapshot: the next state and its snapshot text, or null
 * when the event does not apply (both ceilings).
 */
export const advance = (
  row: { machine_id: string; snapshot: string },
  type: string,
  at: string,
  actor: StepActor,
): { value: string; snapshot: string } | null => {
  const machine = MACHINES.get(row.machine_id)!;
  const stored = JSON.parse(row.snapshot) as { value: string; context: unknown };
  const current = machine.resolveState({ value: stored.value, context: stored.context });
  const [next] = transition(machine, current, { type, at, actor });
  if (next === current) return null;
  const value = next.value as string;
  const snapshot = JSON.stringify({
    value,
    context: next.context as unknown,
    status: next.status === 'done' ? 'done' : 'active',
  });
  return { value, snapshot };
};

export const openCeiling = (path: string, synchronous: string) => {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${synchronous}`);
  const load = db.prepare<
    [string],
    {
      state: string;
      version: number;
      snapshot: string;
      machine_id: string;
      enterprise_id: string;
      region_code: string;
    }
  >(
    'SELECT state, version, snapshot, machine_id, enterprise_id, region_code FROM applications WHERE id = ?',
  );
  const update = db.prepare(
    'UPDATE applications SET state = ?, snapshot = ?, version = ?, updated_at = ? WHERE id = ? AND version = ?',
  );
  const head = db.prepare<[], { seq: number; hash: string }>(
    'SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1',
  );
  const append = db.prepare(
    `INSERT INTO audit_events (seq, at, actor_id, actor_role, actor_level, actor_region, subject_type,
       subject_id, enterprise_id, region_code, event, from_state, to_state, comment, data, request_id,
       prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, 'application', ?, ?, ?, ?, ?, ?, NULL, ?, NULL, ?, ?)`,
  );
  const step = db.transaction((id: string, type: string, actor: StepActor): StepResult => {
    const row = load.get(id);
    if (!row) return { status: 404 };
    const at = new Date().toISOString();
    const moved = advance(row, type, at, actor);
    if (!moved) return { status: 409 };
    const { value, snapshot } = moved;
    const version = row.version + 1;
    if (update.run(value, snapshot, version, at, id, row.version).changes !== 1) {
      return { status: 409 };
    }
    const last = head.get();
    const seq = (last?.seq ?? 0) + 1;
    const prevHash = last?.hash ?? '0'.repeat(64);
    const data = { action: type, machineId: row.machine_id, version };
    const record = {
      seq,
      at,
      actor,
      subject: { type: 'application', id },
      enterpriseId: row.enterprise_id,
      regionCode: row.region_code,
      event: type,
      fromState: row.state,
      toState: value,
      comment: null,
      data,
      requestId: null,
    };
    const hash = createHash('sha256')
      .update(prevHash + canonicalize(record))
      .digest('hex');
    append.run(
      seq,
      at,
      actor.id,
      actor.role,
      actor.level ?? null,
      actor.regionCode ?? null,
      id,
      row.enterprise_id,
      row.region_code,
      type,
      row.state,
      record.toState,
      JSON.stringify(data),
      prevHash,
      hash,
    );
    return { status: 200, state: record.toState, version };
  });
  return { step, close: () => db.close() };
};

// node ceiling.js <db> <synchronous> <port>: the ceiling over HTTP (node:http, no framework).
if (require.main === module) {
  const [path, synchronous, port] = process.argv.slice(2);
  const ceiling = openCeiling(path!, synchronous!);
  const actor = { id: 'ceiling', role: 'reviewer' };
  serveJson(Number(port), (id, body) => {
    const { type } = JSON.parse(body) as { type: string };
    const result = ceiling.step(id, type, actor);
    return Promise.resolve({ status: result.status, body: result });
  });
}
