import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

/** Starts the built API (dist/main.js) as a child process and waits for /health. */
export const startServer = async (
  env: Record<string, string>,
): Promise<{ port: number; stop(): Promise<void> }> => {
  const port = Number(env.PORT);
  const child: ChildProcess = spawn(process.execPath, [join(process.cwd(), 'dist', 'main.js')], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/health`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() - started > 60_000) throw new Error('server did not become healthy in 60 s');
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    port,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
};
