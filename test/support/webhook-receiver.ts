import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export type Received = { headers: IncomingHttpHeaders; body: string; status: number | 'hang' };

/** What the receiver answers to its n-th request (from 1): a status, or 'hang' (never answers). */
export type Script = (n: number, body: string) => number | 'hang';

/** A real local HTTP server that records every webhook request and answers as scripted. */
export const startReceiver = async (
  script: Script = () => 200,
): Promise<{
  url: string;
  received: Received[];
  script: { current: Script };
  close(): Promise<void>;
}> => {
  const received: Received[] = [];
  const current = { current: script };
  const hanging = new Set<import('node:http').ServerResponse>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const status = current.current(received.length + 1, body);
      received.push({ headers: req.headers, body, status });
      if (status === 'hang') {
        hanging.add(res);
        return;
      }
      res.writeHead(status, { 'content-type': 'text/plain' }).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    received,
    script: current,
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};

type Verify = (
  secret: string,
  headers: Record<string, string | string[] | undefined>,
  body: string,
  toleranceSeconds?: number,
  now?: number,
) => boolean;

/**
 * The verification snippet of docs/webhooks.md, taken from the document itself (the block between
 * its `verify-snippet` markers): the tests check what receivers are told to run.
 */
export const documentedVerifier = (): Verify => {
  const doc = readFileSync(join(__dirname, '../../docs/webhooks.md'), 'utf8');
  const match = /<!-- verify-snippet -->\s*```js\n([\s\S]*?)```/.exec(doc);
  if (!match?.[1]) throw new Error('docs/webhooks.md has no verify-snippet block');
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  const build = new Function('require', `${match[1]}\nreturn verifyWebhook;`) as (
    r: NodeJS.Require,
  ) => Verify;
  return build(require);
};
