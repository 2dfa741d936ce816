// The web console (web/, built by Vite into web/dist) is served by the API's own server at `/`.
// Its routes live in the browser (history API), so any GET outside the API, the docs, /health and
// /metrics answers index.html; unknown API paths stay the usual problem+json 404s.
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The nearest web/dist above this file: from src/, dist/ and dist-scripts/src/ alike. */
export const findConsoleDir = (from: string = __dirname): string | undefined => {
  for (let dir = from, i = 0; i < 6; i++, dir = dirname(dir)) {
    const candidate = join(dir, 'web', 'dist');
    if (existsSync(join(candidate, 'index.html'))) return candidate;
  }
  return undefined;
};

const NOT_CONSOLE = /^\/(api|docs|docs-json|health|metrics)(\/|$|\?)/;

/** Serves the console when it has been built; without web/dist the server is API-only. */
export const serveConsole = async (
  fastify: FastifyInstance,
  dir: string | undefined,
): Promise<boolean> => {
  if (!dir) return false;
  const index = join(dir, 'index.html');
  // Read once: a rebuilt console comes with a restart of the server.
  const html = readFileSync(index);
  await fastify.register(fastifyStatic, {
    root: dir,
    prefix: '/',
    wildcard: false,
    decorateReply: false,
    index: false,
    setHeaders: (res, path) => {
      // Vite names its assets by content hash: they never change under one name.
      void res.header(
        'Cache-Control',
        path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
    },
  });
  fastify.get('/*', (request, reply) => {
    // Not the console's: the same 404 problem as any unknown route.
    if (NOT_CONSOLE.test(request.url)) {
      reply.callNotFound();
      return;
    }
    void reply.header('Cache-Control', 'no-cache').type('text/html; charset=utf-8');
    void reply.send(html);
  });
  fastify.get('/', (_request, reply) => {
    void reply.header('Cache-Control', 'no-cache').type('text/html; charset=utf-8');
    void reply.send(html);
  });
  return true;
};
