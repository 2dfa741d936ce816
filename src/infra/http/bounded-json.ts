// JSON bodies are measured before they are parsed: a body nested deeper than MAX_JSON_DEPTH or
// holding more than MAX_JSON_NODES values is refused with 400 at once, in one linear pass over its
// text, so that no request can make parsing or validation walk (or recurse through) a million
// nodes. The limits are far above what any request of this API needs (a full set of facts is a few
// hundred values, at depth 4).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { DomainError } from '../../domain/errors';

export const MAX_JSON_DEPTH = 32;
export const MAX_JSON_NODES = 20_000;

const OPEN_OBJECT = 0x7b; // {
const OPEN_ARRAY = 0x5b; // [
const CLOSE_OBJECT = 0x7d; // }
const CLOSE_ARRAY = 0x5d; // ]
const COMMA = 0x2c;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

const tooLarge = (what: string) =>
  new DomainError('VALIDATION_FAILED', `The JSON body is ${what}`, {
    errors: [{ field: 'body', message: `the JSON body is ${what}` }],
  });

/** Throws a 400 DomainError when the JSON text is nested too deep or holds too many values. */
export const assertJsonWithinLimits = (
  text: string,
  limits = { depth: MAX_JSON_DEPTH, nodes: MAX_JSON_NODES },
): void => {
  let depth = 0;
  let nodes = 1;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
      continue;
    }
    switch (c) {
      case QUOTE:
        inString = true;
        break;
      case OPEN_OBJECT:
      case OPEN_ARRAY:
        if (++depth > limits.depth) throw tooLarge(`nested deeper than ${limits.depth} levels`);
        break;
      case CLOSE_OBJECT:
      case CLOSE_ARRAY:
        depth--;
        break;
      case COMMA:
        if (++nodes > limits.nodes) throw tooLarge(`made of more than ${limits.nodes} values`);
        break;
    }
  }
};

/**
 * Replaces Fastify's JSON parser with one that checks the limits first, then parses with Fastify's
 * own secure parser (which refuses __proto__ and constructor.prototype).
 */
export const useBoundedJsonParser = (fastify: FastifyInstance): void => {
  const secureParse = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser(
    'application/json',
    { parseAs: 'string' },
    (
      request: FastifyRequest,
      body: string | Buffer,
      done: (err: Error | null, body?: unknown) => void,
    ) => {
      const text = typeof body === 'string' ? body : body.toString('utf8');
      try {
        assertJsonWithinLimits(text);
      } catch (error) {
        done(error as Error);
        return;
      }
      void secureParse(request, text, done);
    },
  );
};
