// The peer: the same five-step workload in bpmn-engine (a BPMN 2.0 process of five user tasks),
// with the engine's state persisted to SQLite after every step as its maintainer recommends
// (engine.getState() → store; recover() + resume() after a restart). Running engines are kept in
// memory and warmed up before the clock starts, the most favourable setup for the peer. Each step
// is the same shaped transaction as the ceiling's: read the version → signal the task →
// getState() → UPDATE with a version check → INSERT the hash-chained audit row.
import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import canonicalize from 'canonicalize';
import { serveJson } from './tiny-http';
import { STEPS } from './workload';

type BpmnApi = { id: string; signal(message?: unknown): void };
type BpmnExecution = { getPostponed(): BpmnApi[] };
type BpmnEngine = {
  execute(): Promise<BpmnExecution>;
  resume(): Promise<BpmnExecution>;
  recover(state: unknown): BpmnEngine;
  getState(): Promise<unknown>;
  readonly execution: BpmnExecution;
};
type EngineClass = new (options?: { name?: string; source?: string }) => BpmnEngine;

// bpmn-engine is an ES module package with a CommonJS build.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Engine } = require('bpmn-engine') as { Engine: EngineClass };

const TASKS = STEPS.map((s) => s.type.replace(/\./g, '_'));
const SOURCE = `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="ladder" targetNamespace="http://bpmn.io/schema/bpmn">
  <process id="specializedSmeApplication" isExecutable="true">
    <startEvent id="submitted" />
    ${TASKS.map((t) => `<userTask id="${t}" />`).join('\n    ')}
    <endEvent id="done" />
    ${['submitted', ...TASKS]
      .map(
        (from, i) =>
          `<sequenceFlow id="flow${i}" sourceRef="${from}" targetRef="${[...TASKS, 'done'][i]!}" />`,
      )
      .join('\n    ')}
  </process>
</definitions>`;

export const openPeer = async (
  path: string,
  synchronous: string,
  ids: readonly string[],
  warm: number,
) => {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${synchronous}`);
  db.exec(`CREATE TABLE IF NOT EXISTS bpmn_instances (id varchar(36) PRIMARY KEY, version integer NOT NULL,
    state text NOT NULL, updated_at varchar(24) NOT NULL)`);
  // One started instance's state, cloned for every application (as if each had been started).
  const first = new Engine({ name: 'template', source: SOURCE });
  await first.execute();
  const stateText = JSON.stringify(await first.getState());
  const insert = db.prepare(
    'INSERT OR REPLACE INTO bpmn_instances (id, version, state, updated_at) VALUES (?, 1, ?, ?)',
  );
  db.transaction(() => {
    const at = new Date().toISOString();
    for (const id of ids) insert.run(id, stateText.replace('"template"', JSON.stringify(id)), at);
  })();
  const read = db.prepare<[string], { version: number; state: string }>(
    'SELECT version, state FROM bpmn_instances WHERE id = ?',
  );
  const version = db.prepare<[string], { version: number }>(
    'SELECT version FROM bpmn_instances WHERE id = ?',
  );
  const update = db.prepare(
    'UPDATE bpmn_instances SET state = ?, version = ?, updated_at = ? WHERE id = ? AND version = ?',
  );
  const head = db.prepare<[], { seq: number; hash: string }>(
    'SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1',
  );
  const append = db.prepare(
    `INSERT INTO audit_events (seq, at, actor_id, actor_role, actor_level, actor_region, subject_type,
       subject_id, enterprise_id, region_code, event, from_state, to_state, comment, data, request_id,
       prev_hash, hash) VALUES (?, ?, ?, ?, NULL, NULL, 'application', ?, NULL, NULL, ?, ?, ?, NULL, ?, NULL, ?, ?)`,
  );
  const engines = new Map<string, BpmnEngine>();
  const engineOf = async (id: string): Promise<BpmnEngine> => {
    let engine = engines.get(id);
    if (!engine) {
      const row = read.get(id)!;
      engine = new Engine().recover(JSON.parse(row.state));
      await engine.resume();
      engines.set(id, engine);
    }
    return engine;
  };
  // Warm-up, before any clock starts.
  for (const id of ids.slice(0, warm)) await engineOf(id);

  const persist = db.transaction(
    (
      id: string,
      task: string,
      next: string,
      state: string,
      actor: { id: string; role: string },
    ) => {
      const current = version.get(id)!.version;
      const at = new Date().toISOString();
      if (update.run(state, current + 1, at, id, current).changes !== 1) return 409;
      const last = head.get();
      const seq = (last?.seq ?? 0) + 1;
      const prevHash = last?.hash ?? '0'.repeat(64);
      const data = { action: task, version: current + 1 };
      const record = {
        seq,
        at,
        actor,
        subject: { type: 'application', id },
        event: task,
        fromState: task,
        toState: next,
        data,
      };
      const hash = createHash('sha256')
        .update(prevHash + canonicalize(record))
        .digest('hex');
      append.run(
        seq,
        at,
        actor.id,
        actor.role,
        id,
        task,
        task,
        next,
        JSON.stringify(data),
        prevHash,
        hash,
      );
      return 200;
    },
  );

  const step = async (
    id: string,
    type: string,
    actor: { id: string; role: string },
  ): Promise<number> => {
    const engine = await engineOf(id);
    const task = type.replace(/\./g, '_');
    const waiting = engine.execution.getPostponed().find((a) => a.id === task);
    if (!waiting) return 409;
    waiting.signal({ actor: actor.id });
    const next = engine.execution.getPostponed()[0]?.id ?? 'done';
    const state = JSON.stringify(await engine.getState());
    return persist(id, task, next, state, actor);
  };
  return { step, close: () => db.close() };
};

// node peer.js <db> <synchronous> <port> <ids.json> <warm>: the peer over HTTP (node:http).
if (require.main === module) {
  void (async () => {
    const [path, synchronous, port, idsFile, warm] = process.argv.slice(2);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const ids = require(idsFile!) as string[];
    const peer = await openPeer(path!, synchronous!, ids, Number(warm));
    const actor = { id: 'peer', role: 'reviewer' };
    serveJson(Number(port), async (id, body) => {
      const { type } = JSON.parse(body) as { type: string };
      const status = await peer.step(id, type, actor);
      return { status, body: { id, status } };
    });
  })();
}
