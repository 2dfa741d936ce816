import { Worker } from 'node:worker_threads';

/** What `PRAGMA wal_checkpoint` reports: busy flag, frames in the WAL, frames copied back. */
export type CheckpointResult = { busy: number; log: number; checkpointed: number };

// The worker's program, run from a string so that it needs no file of its own (it works the same
// from dist/ and under ts-jest). It opens its own connection to the database file and copies the
// WAL back into it every `intervalMs`; a PASSIVE checkpoint never blocks the writer.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
let db;
try {
  db = new Database(workerData.path, { fileMustExist: true });
  db.pragma('busy_timeout = 0');
} catch (error) {
  // A plain Error: the driver's own error class does not survive the trip between threads.
  throw new Error(String((error && error.message) || error));
}
const checkpoint = () => {
  try {
    return db.pragma('wal_checkpoint(PASSIVE)')[0];
  } catch (error) {
    return { error: String(error && error.message || error) };
  }
};
const timer = setInterval(checkpoint, workerData.intervalMs);
parentPort.on('message', (message) => {
  if (message.type === 'checkpoint') {
    parentPort.postMessage({ id: message.id, result: checkpoint() });
  } else if (message.type === 'stop') {
    clearInterval(timer);
    const result = checkpoint();
    db.close();
    parentPort.postMessage({ id: message.id, result });
  }
});
`;

type Reply = { id: number; result: CheckpointResult | { error: string } };

/**
 * Checkpoints a better-sqlite3 database in WAL mode from a worker thread.
 *
 * better-sqlite3 is synchronous: with SQLite's own automatic checkpoint, every ~1000th page
 * written makes one commit copy the WAL back into the database file and fsync it, on the event
 * loop, stalling every request in flight. Measured on
 * the command pipeline's transaction, that copy was ~40% of the database time. The server turns
 * the automatic checkpoint off on its connection and lets this worker do it beside the event loop.
 * A crash loses nothing: committed transactions are in the WAL, which SQLite replays on open.
 */
export class WalCheckpointer {
  private nextId = 1;
  private readonly waiting = new Map<
    number,
    { resolve: (r: CheckpointResult) => void; reject: (e: Error) => void }
  >();
  private stopped: Promise<CheckpointResult> | undefined;
  private exited = false;

  private constructor(
    private readonly worker: Worker,
    onFailure: (error: Error) => void,
  ) {
    worker.on('message', (reply: Reply) => {
      const pending = this.waiting.get(reply.id);
      if (!pending) return;
      this.waiting.delete(reply.id);
      if (this.waiting.size === 0) worker.unref();
      if ('error' in reply.result) pending.reject(new Error(reply.result.error));
      else pending.resolve(reply.result);
    });
    worker.on('error', (cause) => {
      const error = new Error(`WAL checkpointer failed: ${cause.message}`);
      this.failAll(error);
      if (!this.stopped) onFailure(error);
    });
    worker.on('exit', (code) => {
      this.exited = true;
      const error = new Error(`WAL checkpointer ended (exit code ${code})`);
      this.failAll(error);
      if (!this.stopped) onFailure(error);
    });
    // The worker alone must not keep the process alive, only while an answer is awaited.
    worker.unref();
  }

  /**
   * Starts the worker. `onFailure` is called once if it dies while in service (the caller then
   * hands the checkpoint back to SQLite, so that the WAL never grows without bound).
   */
  static start(
    path: string,
    intervalMs: number,
    onFailure: (error: Error) => void,
  ): WalCheckpointer {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { path, intervalMs, driver: require.resolve('better-sqlite3') },
    });
    let failed = false;
    return new WalCheckpointer(worker, (error) => {
      if (failed) return;
      failed = true;
      onFailure(error);
    });
  }

  /** Checkpoints now (tests, shutdown) and reports what was copied. */
  checkpoint(): Promise<CheckpointResult> {
    return this.ask('checkpoint');
  }

  /** A last checkpoint, then the worker's connection is closed and the thread ends. */
  stop(): Promise<CheckpointResult> {
    this.stopped ??= this.ask('stop').finally(() => void this.worker.terminate());
    return this.stopped;
  }

  private ask(type: 'checkpoint' | 'stop'): Promise<CheckpointResult> {
    if (this.exited) return Promise.reject(new Error('WAL checkpointer has ended'));
    const id = this.nextId++;
    return new Promise<CheckpointResult>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.worker.ref();
      this.worker.postMessage({ type, id });
    });
  }

  private failAll(error: Error): void {
    for (const pending of this.waiting.values()) pending.reject(error);
    this.waiting.clear();
    this.worker.unref();
  }
}
