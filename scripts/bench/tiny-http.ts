// A bare node:http JSON server for the ceiling and the peer: POST /applications/{id}/events.
import { createServer } from 'node:http';

const ROUTE = /^\/applications\/([^/]+)\/events$/;

export const serveJson = (
  port: number,
  handle: (id: string, body: string) => Promise<{ status: number; body: unknown }>,
): void => {
  const server = createServer((req, res) => {
    const match = req.method === 'POST' ? ROUTE.exec(req.url ?? '') : null;
    if (req.url === '/health') {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
      return;
    }
    if (!match) {
      res.writeHead(404).end();
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      handle(match[1]!, Buffer.concat(chunks).toString('utf8')).then(
        ({ status, body }) => {
          const text = JSON.stringify(body);
          res
            .writeHead(status, {
              'content-type': 'application/json',
              'content-length': Buffer.byteLength(text),
            })
            .end(text);
        },
        (error: unknown) => {
          res.writeHead(500).end(String(error));
        },
      );
    });
  });
  server.keepAliveTimeout = 60_000;
  server.listen(port, '127.0.0.1');
  process.on('SIGTERM', () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  });
};
