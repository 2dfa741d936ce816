// A small keep-alive HTTP load driver with microsecond latency (autocannon rounds its percentiles
// to whole milliseconds). Each connection sends its next request when the previous one answers.
import { Agent, request } from 'node:http';

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

const percentile = (sorted: number[], p: number): number =>
  sorted.length === 0
    ? 0
    : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

const send = (agent: Agent, port: number, req: LoadRequest): Promise<number> =>
  new Promise((resolve, reject) => {
    const body = req.body === undefined ? undefined : Buffer.from(req.body);
    const r = request(
      {
        host: '127.0.0.1',
        port,
        method: req.method,
        path: req.path,
        agent,
        headers: {
          ...(body
            ? { 'content-type': 'application/json', 'content-length': String(body.length) }
            : {}),
          ...req.headers,
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      },
    );
    r.on('error', reject);
    r.end(body);
  });

/**
 * Runs `connections` closed-loop clients for `durationMs`; `next(connection, i)` gives each
 * connection's i-th request.
 */
export const runLoad = async (options: {
  port: number;
  connections: number;
  durationMs: number;
  next: (connection: number, i: number) => LoadRequest;
}): Promise<LoadResult> => {
  const agent = new Agent({ keepAlive: true, maxSockets: options.connections });
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const start = process.hrtime.bigint();
  const deadline = start + BigInt(options.durationMs) * 1_000_000n;
  const worker = async (connection: number) => {
    for (let i = 0; process.hrtime.bigint() < deadline; i++) {
      const t0 = process.hrtime.bigint();
      const status = await send(agent, options.port, options.next(connection, i));
      latencies.push(Number(process.hrtime.bigint() - t0) / 1000);
      statuses[status] = (statuses[status] ?? 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: options.connections }, (_, c) => worker(c)));
  const elapsedMs = Number(process.hrtime.bigint() - start) / 1e6;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const mean = latencies.reduce((s, v) => s + v, 0) / Math.max(1, latencies.length);
  return {
    connections: options.connections,
    durationMs: Math.round(elapsedMs),
    requests: latencies.length,
    perSecond: Math.round((latencies.length / elapsedMs) * 1000),
    statuses,
    latencyUs: {
      p50: Math.round(percentile(latencies, 50)),
      p90: Math.round(percentile(latencies, 90)),
      p99: Math.round(percentile(latencies, 99)),
      max: Math.round(latencies[latencies.length - 1] ?? 0),
      mean: Math.round(mean),
    },
  };
};
