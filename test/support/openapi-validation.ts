import { readFileSync } from 'node:fs';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { join } from 'node:path';
import OpenAPIResponseValidator from 'openapi-response-validator';

// Every answer an e2e test receives is checked against the committed docs/openapi.json: its
// status must be documented for the operation, its media type declared, and a JSON body must
// match the schema strictly (a field the schema does not declare is an error, as is a missing
// required field or a wrong type).

type Json = Record<string, unknown>;
type Recorded = {
  method: string;
  path: string;
  status: number;
  contentType: string;
  body: Buffer | null;
};

const MAX_BODY = 4 * 1024 * 1024;
const METHODS = new Set(['get', 'post', 'put', 'patch', 'delete']);

let recorded: Recorded[] | null = null;

/** Starts recording the answers of servers passed to recordResponses (from the e2e setup). */
export const startRecording = (): void => {
  recorded = [];
};

export const takeRecorded = (): Recorded[] => {
  const all = recorded ?? [];
  recorded = null;
  return all;
};

/** Captures status, media type and body of every answer the server sends, when recording. */
export const recordResponses = (server: Server): void => {
  server.prependListener('request', (req: IncomingMessage, res: ServerResponse) => {
    if (!recorded) return;
    const sink = recorded;
    const chunks: Buffer[] = [];
    let size = 0;
    const keep = (chunk: unknown, encoding?: unknown) => {
      if (chunk === undefined || chunk === null || typeof chunk === 'function') return;
      const buffer = Buffer.isBuffer(chunk)
        ? chunk
        : Buffer.from(
            chunk as string,
            (typeof encoding === 'string' ? encoding : 'utf8') as BufferEncoding,
          );
      size += buffer.length;
      if (size <= MAX_BODY) chunks.push(buffer);
    };
    const write = res.write.bind(res) as (...args: unknown[]) => boolean;
    const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
    res.write = ((...args: unknown[]) => {
      keep(args[0], args[1]);
      return write(...args);
    }) as typeof res.write;
    res.end = ((...args: unknown[]) => {
      keep(args[0], args[1]);
      sink.push({
        method: (req.method ?? 'GET').toLowerCase(),
        path: (req.url ?? '/').split('?')[0]!,
        status: res.statusCode,
        contentType: String(res.getHeader('content-type') ?? '')
          .split(';')[0]!
          .trim(),
        body: size <= MAX_BODY ? Buffer.concat(chunks) : null,
      });
      return end(...args);
    }) as typeof res.end;
  });
};

type Operation = { id: string; method: string; template: string; responses: Json };

let loaded: { document: Json; operations: (Operation & { pattern: RegExp })[] } | null = null;

/** The committed document, made strict: object schemas allow no undeclared fields. */
const load = () => {
  if (loaded) return loaded;
  const document = JSON.parse(
    readFileSync(join(__dirname, '..', '..', 'docs', 'openapi.json'), 'utf8'),
  ) as Json;
  strict(document.components);
  const operations: (Operation & { pattern: RegExp })[] = [];
  for (const [template, item] of Object.entries(document.paths as Json)) {
    for (const [method, op] of Object.entries(item as Json)) {
      if (!METHODS.has(method)) continue;
      const operation = op as { operationId: string; responses: Json };
      strict(operation.responses);
      operations.push({
        id: operation.operationId,
        method,
        template,
        responses: operation.responses,
        pattern: new RegExp(
          `^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}$`,
        ),
      });
    }
  }
  // Literal paths before templated ones (/applications/batch-events before /applications/{id}).
  operations.sort((a, b) => a.template.split('{').length - b.template.split('{').length);
  loaded = { document, operations };
  return loaded;
};

const strict = (node: unknown, inAllOf = false): void => {
  if (Array.isArray(node)) {
    node.forEach((n) => strict(n, inAllOf));
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const schema = node as Json;
  // OpenAPI 3.0's nullable reference (`allOf: [$ref], nullable: true`): the validator applies
  // `nullable` only next to a `type`, so say it in JSON Schema.
  if (schema.nullable === true && Array.isArray(schema.allOf)) {
    schema.anyOf = [{ allOf: schema.allOf }, { enum: [null] }];
    delete schema.allOf;
    delete schema.nullable;
    delete schema.type;
  }
  if (
    !inAllOf &&
    schema.properties !== undefined &&
    schema.additionalProperties === undefined &&
    schema.type === 'object'
  ) {
    schema.additionalProperties = false;
  }
  for (const [key, value] of Object.entries(schema)) {
    // Members of an allOf are parts of one object: each may not close it.
    strict(value, key === 'allOf' || (inAllOf && key !== 'properties' && key !== 'items'));
  }
};

const validators = new Map<string, OpenAPIResponseValidator>();

export type ValidationSummary = {
  answers: number;
  operations: Set<string>;
  failures: string[];
};

/** Checks recorded answers against the document; returns what was checked and what failed. */
export const validateRecorded = (answers: Recorded[]): ValidationSummary => {
  const { document, operations } = load();
  const summary: ValidationSummary = { answers: 0, operations: new Set(), failures: [] };
  for (const answer of answers) {
    if (answer.path.startsWith('/docs')) continue;
    const label = `${answer.method.toUpperCase()} ${answer.path} → ${answer.status}`;
    const operation = operations.find(
      (o) => o.method === answer.method && o.pattern.test(answer.path),
    );
    if (!operation) {
      // An unknown route answers 404 problem+json (the router's, not an operation's).
      if (answer.status !== 404 && answer.status !== 405) {
        summary.failures.push(`${label}: no such operation in the document`);
      }
      continue;
    }
    summary.answers++;
    summary.operations.add(operation.id);
    const response = operation.responses[String(answer.status)] as
      { content?: Record<string, { schema?: Json }> } | undefined;
    if (!response) {
      summary.failures.push(`${label} (${operation.id}): status not documented`);
      continue;
    }
    if (!response.content) {
      if (answer.body && answer.body.length > 0) {
        summary.failures.push(`${label} (${operation.id}): a body where none is documented`);
      }
      continue;
    }
    const media = response.content[answer.contentType];
    if (!media) {
      summary.failures.push(
        `${label} (${operation.id}): media type ${answer.contentType || '(none)'} not documented`,
      );
      continue;
    }
    if (!/json$/.test(answer.contentType) || !media.schema || answer.body === null) continue;
    let body: unknown;
    try {
      body = JSON.parse(answer.body.toString('utf8'));
    } catch {
      summary.failures.push(`${label} (${operation.id}): not JSON`);
      continue;
    }
    const key = `${operation.id} ${answer.status} ${answer.contentType}`;
    let validator = validators.get(key);
    if (!validator) {
      validator = new OpenAPIResponseValidator({
        responses: {
          [String(answer.status)]: { description: '', content: { 'application/json': media } },
        } as never,
        components: document.components as never,
        // Name the field that is not declared, or the allowed values.
        errorTransformer: (
          error: { path?: string; message: string },
          raw: { params?: unknown },
        ) => ({
          ...error,
          message: `${error.message} ${JSON.stringify(raw.params ?? {})}`,
        }),
      });
      validators.set(key, validator);
    }
    const error = validator.validateResponse(answer.status, body);
    if (error) {
      summary.failures.push(
        `${label} (${operation.id}): ${error.errors
          .slice(0, 5)
          .map((e: { path?: string; message: string }) => `${e.path ?? ''} ${e.message}`)
          .join('; ')}`,
      );
    }
  }
  return summary;
};
