// Bulk writers for the seed: rows go straight to the driver (better-sqlite3 prepared statements in
// large transactions; multi-row INSERTs on PostgreSQL), never through the API or the ORM.
import Database from 'better-sqlite3';
import { Client } from 'pg';

export type Row = readonly unknown[];

export interface RowSink {
  readonly kind: 'sqlite' | 'postgres';
  /** Queues a row; may write a batch. */
  insert(table: string, columns: readonly string[], row: Row): Promise<void> | void;
  /** Writes everything queued and commits. */
  flush(): Promise<void>;
  /** One row of a query (reading the chain's head, counts). */
  one<T>(sql: string, params?: unknown[]): Promise<T | undefined>;
  close(): Promise<void>;
}

export class SqliteSink implements RowSink {
  readonly kind = 'sqlite' as const;
  private readonly db: Database.Database;
  private readonly statements = new Map<string, Database.Statement>();
  private pending = 0;

  constructor(path: string) {
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    // A seed is rerun from scratch if it fails: no fsync while it writes.
    this.db.pragma('synchronous = OFF');
    this.db.pragma('cache_size = -262144');
    this.db.pragma('temp_store = MEMORY');
    this.db.exec('BEGIN');
  }

  insert(table: string, columns: readonly string[], row: Row): void {
    const key = `${table}(${columns.join(',')})`;
    let statement = this.statements.get(key);
    if (!statement) {
      statement = this.db.prepare(
        `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
      );
      this.statements.set(key, statement);
    }
    statement.run(row.map((v) => (typeof v === 'boolean' ? (v ? 1 : 0) : v)));
    if (++this.pending >= 200_000) {
      this.db.exec('COMMIT');
      this.db.exec('BEGIN');
      this.pending = 0;
    }
  }

  flush(): Promise<void> {
    this.db.exec('COMMIT');
    this.db.exec('BEGIN');
    this.pending = 0;
    return Promise.resolve();
  }

  one<T>(sql: string, params: unknown[] = []): Promise<T | undefined> {
    return Promise.resolve(this.db.prepare(sql.replace(/\$\d+/g, '?')).get(...params) as T);
  }

  close(): Promise<void> {
    this.db.exec('COMMIT');
    this.db.pragma('wal_checkpoint(TRUNCATE)');
    this.db.exec('ANALYZE');
    this.db.close();
    return Promise.resolve();
  }
}

const PG_MAX_PARAMS = 30_000;

export class PostgresSink implements RowSink {
  readonly kind = 'postgres' as const;
  private readonly client: Client;
  private readonly queues = new Map<string, { columns: readonly string[]; rows: Row[] }>();
  private connected: Promise<void>;

  constructor(url: string, schema?: string) {
    this.client = new Client({
      connectionString: url,
      ...(schema ? { options: `-c search_path=${schema}` } : {}),
    });
    this.connected = this.client.connect().then(async () => {
      await this.client.query('SET synchronous_commit = off');
    });
  }

  async insert(table: string, columns: readonly string[], row: Row): Promise<void> {
    const key = `${table}(${columns.join(',')})`;
    let queue = this.queues.get(key);
    if (!queue) {
      queue = { columns, rows: [] };
      this.queues.set(key, queue);
    }
    queue.rows.push(row);
    if ((queue.rows.length + 1) * columns.length > PG_MAX_PARAMS) await this.write(table, queue);
  }

  private async write(table: string, queue: { columns: readonly string[]; rows: Row[] }) {
    if (queue.rows.length === 0) return;
    await this.connected;
    const width = queue.columns.length;
    const params: unknown[] = [];
    const tuples = queue.rows.map((row, r) => {
      params.push(...row);
      return `(${row.map((_, c) => `$${r * width + c + 1}`).join(', ')})`;
    });
    queue.rows = [];
    await this.client.query(
      `INSERT INTO ${table} (${queue.columns.join(', ')}) VALUES ${tuples.join(', ')}`,
      params,
    );
  }

  async flush(): Promise<void> {
    for (const [key, queue] of this.queues) await this.write(key.slice(0, key.indexOf('(')), queue);
  }

  async one<T>(sql: string, params: unknown[] = []): Promise<T | undefined> {
    await this.connected;
    const result = await this.client.query(sql, params);
    return result.rows[0] as T | undefined;
  }

  async close(): Promise<void> {
    await this.flush();
    await this.client.query('ANALYZE');
    await this.client.end();
  }
}
