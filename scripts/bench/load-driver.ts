// A keep-alive HTTP/1.1 load driver on raw sockets, with microsecond latency (autocannon rounds
// its percentiles to whole milliseconds, and node:http's client costs more than a small server's
// request). Each connection sends its next request when the previous response has fully arrived:
// a closed loop. Responses are parsed just enough: status line, Content-Length, body length
// (Fastify and node:http always send Content-Length for these routes; chunked bodies are handled
// too, for completeness).
import { connect, type Socket } from 'node:net';

export type LoadRequest = {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
};

export type LoadResult = {
  connections: number;
  durationMs: number;
  requests: number;
  perSecond: number;
  statuses: Record<string, number>;
  latencyUs: { p50: number; p90: number; p99: number; max: number; mean: number };
};

const percentile = (sorted: Float64Array, p: number): number =>
  sorted.length === 0
    ? 0
    : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

export const encodeRequest = (req: LoadRequest, host: string): Buffer => {
  const body = req.body === undefined ? undefined : Buffer.from(req.body);
  let head = `${req.method} ${req.path} HTTP/1.1\r\nhost: ${host}\r\nconnection: keep-alive\r\n`;
  if (body) head += `content-type: application/json\r\ncontent-length: ${body.length}\r\n`;
  for (const [name, value] of Object.entries(req.headers ?? {})) head += `${name}: ${value}\r\n`;
  head += '\r\n';
  return body ? Buffer.concat([Buffer.from(head, 'latin1'), body]) : Buffer.from(head, 'latin1');
};

const CRLFCRLF = Buffer.from('\r\n\r\n');

/** Incremental parser of a stream of HTTP/1.1 responses; calls `done(status, body)` per response. */
class ResponseParser {
  private buffer: Buffer = Buffer.alloc(0);
  private status = 0;
  private bodyLength = -1;
  private chunked = false;
  private headerEnd = -1;

  constructor(private readonly done: (status: number, body: Buffer) => void) {}

  push(data: Buffer): void {
    this.buffer = this.buffer.length === 0 ? data : Buffer.concat([this.buffer, data]);
    for (;;) {
      if (this.headerEnd < 0) {
        const end = this.buffer.indexOf(CRLFCRLF);
        if (end < 0) return;
        const head = this.buffer.toString('latin1', 0, end);
        this.status = Number(head.slice(9, 12));
        const length = /\r\ncontent-length:\s*(\d+)/i.exec(head);
        this.chunked = /\r\ntransfer-encoding:\s*chunked/i.test(head);
        this.bodyLength = length ? Number(length[1]) : 0;
        this.headerEnd = end + 4;
      }
      if (this.chunked) {
        const terminator = this.buffer.indexOf('\r\n0\r\n\r\n', this.headerEnd - 2);
        if (terminator < 0) return;
        this.finish(terminator + 7, this.buffer.subarray(this.headerEnd, terminator));
      } else {
        const total = this.headerEnd + this.bodyLength;
        if (this.buffer.length < total) return;
        this.finish(total, this.buffer.subarray(this.headerEnd, total));
      }
    }
  }

  private finish(consumed: number, body: Buffer): void {
    const status = this.status;
    this.buffer = this.buffer.subarray(consumed);
    this.headerEnd = -1;
    this.done(status, body);
  }
}

/**
 * Runs `connections` closed-loop clients for at most `durationMs`; `next(connection, i)` gives each
 * connection's i-th request, or null when that connection has no more work. `check` may look at a
 * response (the first few of each status are kept for the report).
 */
export const runLoad = async (options: {
  port: number;
  /** Several servers (instances on one database): connection c goes to ports[c % length]. */
  ports?: readonly number[];
  host?: string;
  connections: number;
  durationMs: number;
  next: (connection: number, i: number) => LoadRequest | Buffer | null;
  onResponse?: (status: number, body: Buffer, connection: number) => void;
}): Promise<LoadResult> => {
  const host = options.host ?? '127.0.0.1';
  let latencies = new Float64Array(1 << 16);
  let count = 0;
  const statuses: Record<string, number> = {};
  const start = process.hrtime.bigint();
  const deadline = start + BigInt(options.durationMs) * 1_000_000n;
  const record = (us: number) => {
    if (count === latencies.length) {
      const bigger = new Float64Array(latencies.length * 2);
      bigger.set(latencies);
      latencies = bigger;
    }
    latencies[count++] = us;
  };
  const client = (c: number) =>
    new Promise<void>((resolve, reject) => {
      let i = 0;
      let sentAt = 0n;
      const port = options.ports ? options.ports[c % options.ports.length]! : options.port;
      const socket: Socket = connect({ port, host, noDelay: true });
      const sendNext = () => {
        if (process.hrtime.bigint() >= deadline) return socket.end(() => resolve());
        const req = options.next(c, i++);
        if (req === null) return socket.end(() => resolve());
        sentAt = process.hrtime.bigint();
        socket.write(Buffer.isBuffer(req) ? req : encodeRequest(req, host));
      };
      const parser = new ResponseParser((status, body) => {
        record(Number(process.hrtime.bigint() - sentAt) / 1000);
        statuses[status] = (statuses[status] ?? 0) + 1;
        options.onResponse?.(status, body, c);
        sendNext();
      });
      socket.on('data', (data: Buffer) => parser.push(data));
      socket.on('error', reject);
      socket.on('connect', sendNext);
    });
  await Promise.all(Array.from({ length: options.connections }, (_, c) => client(c)));
  const elapsedMs = Number(process.hrtime.bigint() - start) / 1e6;
  const sorted = latencies.subarray(0, count).sort();
  let sum = 0;
  for (let k = 0; k < count; k++) sum += sorted[k]!;
  return {
    connections: options.connections,
    durationMs: Math.round(elapsedMs),
    requests: count,
    perSecond: Math.round((count / elapsedMs) * 1000),
    statuses,
    latencyUs: {
      p50: Math.round(percentile(sorted, 50)),
      p90: Math.round(percentile(sorted, 90)),
      p99: Math.round(percentile(sorted, 99)),
      max: Math.round(sorted[count - 1] ?? 0),
      mean: Math.round(sum / Math.max(1, count)),
    },
  };
};
