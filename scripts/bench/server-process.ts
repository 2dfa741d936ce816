import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export type ServerProcess = {
  port: number;
  pid: number;
  /** Resident set size now, in bytes (from /proc). */
  rss(): number;
  /** CPU time used so far (user + system), in seconds (from /proc). */
  cpuSeconds(): number;
  stop(): Promise<void>;
};

/** Starts `node <script> …args` with `env` and waits until GET `healthPath` answers 200. */
export const startProcess = async (
  script: string,
  args: string[],
  env: Record<string, string>,
  port: number,
  options: { healthPath?: string; nodeArgs?: string[] } = {},
): Promise<ServerProcess> => {
  const child: ChildProcess = spawn(
    process.execPath,
    [...(options.nodeArgs ?? []), script, ...args],
    { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${script} exited with ${child.exitCode}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}${options.healthPath ?? '/health'}`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() - started > 120_000)
      throw new Error(`${script} did not become healthy in 120 s`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    port,
    pid: child.pid!,
    rss: () => {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024;
    },
    cpuSeconds: () => {
      const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      return (Number(fields[11]) + Number(fields[12])) / 100;
    },
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
};

/** The built API: dist/main.js, or BENCH_SERVER (a copy of dist/ that a rebuild cannot remove). */
export const serverScript = (): string =>
  process.env.BENCH_SERVER ?? join(process.cwd(), 'dist', 'main.js');

export const startServer = (env: Record<string, string>, nodeArgs: string[] = []) =>
  startProcess(serverScript(), [], env, Number(env.PORT), { nodeArgs });
