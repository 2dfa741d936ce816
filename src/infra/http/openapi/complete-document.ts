import type { OpenAPIObject } from '@nestjs/swagger';
import type {
  OperationObject,
  ParameterObject,
  ResponseObject,
} from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import type { DomainErrorCode } from '../../../domain/errors';
import { PROBLEM_STATUS, PROBLEM_TITLE } from '../problem-status';
import { HEADERS_EXTENSION, PROBLEMS_EXTENSION, type ProtocolHeader } from './api-docs';

const METHODS = ['get', 'put', 'post', 'patch', 'delete'] as const;
const PROBLEM_REF = '#/components/schemas/ProblemSchema';

/** The response headers every operation may send, defined once under components.headers. */
const HEADERS = {
  'X-Server-Request-Id': {
    description: "The server's id of this request (quote it when reporting a problem)",
    schema: { type: 'string' },
  },
  'Idempotent-Replayed': {
    description: '`true` when this is the stored answer to an earlier request with this key',
    schema: { type: 'string', enum: ['true'] },
  },
  ETag: {
    description: 'The version of the resource, for If-Match',
    schema: { type: 'string', example: '"3"' },
  },
};

const ref = (name: keyof typeof HEADERS) => ({ $ref: `#/components/headers/${name}` });

const header = (
  name: string,
  description: string,
  schema: Record<string, unknown> = { type: 'string' },
) => ({ name, description, schema });

/** The problems every operation of a kind can give (the global guards, pipes and filters). */
export const defaultProblems = (op: {
  method: string;
  path: string;
  secured: boolean;
  hasBody: boolean;
}): DomainErrorCode[] => [
  'VALIDATION_FAILED',
  'URI_TOO_LONG',
  'RATE_LIMITED',
  'INTERNAL',
  'SERVICE_UNAVAILABLE',
  ...(op.secured ? (['UNAUTHENTICATED', 'FORBIDDEN'] as const) : []),
  ...(op.path.includes('{') ? (['NOT_FOUND'] as const) : []),
  ...(op.hasBody ? (['PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE'] as const) : []),
  ...(op.method !== 'get' ? (['IDEMPOTENCY_KEY_REUSED'] as const) : []),
];

/**
 * Completes the generated document with what the global layers add to every operation: its
 * problem responses (problem+json, the `code`s of each status), the protocol headers it reads
 * (X-Request-Id, Idempotency-Key, If-Match) and writes (X-Server-Request-Id, Idempotent-Replayed,
 * ETag). Operations say what is special to them with @ApiOp({ problems, headers }).
 */
export const completeDocument = (doc: OpenAPIObject): OpenAPIObject => {
  doc.components = { ...doc.components, headers: { ...doc.components?.headers, ...HEADERS } };
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      const op = item[method] as (OperationObject & Record<string, unknown>) | undefined;
      if (!op) continue;
      const extras = (op[PROBLEMS_EXTENSION] as DomainErrorCode[] | undefined) ?? [];
      const headers = (op[HEADERS_EXTENSION] as ProtocolHeader[] | undefined) ?? [];
      delete op[PROBLEMS_EXTENSION];
      delete op[HEADERS_EXTENSION];
      const secured = (op.security ?? doc.security ?? []).length > 0;
      const codes = new Set<DomainErrorCode>([
        ...defaultProblems({ method, path, secured, hasBody: op.requestBody !== undefined }),
        ...extras,
        ...(headers.includes('if-match') ? (['PRECONDITION_FAILED'] as const) : []),
      ]);
      addProblemResponses(op, [...codes]);
      addHeaders(op, method, headers);
    }
  }
  return doc;
};

const addProblemResponses = (op: OperationObject, codes: DomainErrorCode[]): void => {
  const byStatus = new Map<number, DomainErrorCode[]>();
  for (const code of codes) {
    const status = PROBLEM_STATUS[code];
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  for (const [status, list] of [...byStatus].sort(([a], [b]) => a - b)) {
    list.sort();
    op.responses[String(status)] = {
      description: list.map((c) => `\`${c}\`: ${PROBLEM_TITLE[c]}`).join('; '),
      content: {
        'application/problem+json': {
          schema: {
            allOf: [
              { $ref: PROBLEM_REF },
              { type: 'object', properties: { code: { type: 'string', enum: list } } },
            ],
          },
        },
      },
    };
  }
};

const addHeaders = (op: OperationObject, method: string, headers: ProtocolHeader[]): void => {
  const params: ParameterObject[] = [
    {
      in: 'header',
      required: false,
      ...header(
        'X-Request-Id',
        "The client's own request id: echoed and logged, never trusted as unique",
      ),
    },
  ];
  if (method !== 'get') {
    params.push({
      in: 'header',
      required: false,
      ...header(
        'Idempotency-Key',
        'A retry with the same key and body gets the first answer again (Idempotent-Replayed: true); the same key with another body is 422 IDEMPOTENCY_KEY_REUSED',
        { type: 'string', minLength: 1, maxLength: 200 },
      ),
    });
  }
  if (headers.includes('if-match')) {
    params.push({
      in: 'header',
      required: false,
      ...header(
        'If-Match',
        'The ETag of the version the change was decided on ("3"); another version is 412',
        { type: 'string', example: '"3"' },
      ),
    });
  }
  op.parameters = [
    ...(op.parameters ?? []).filter(
      (p) => !('in' in p) || p.in !== 'header' || !params.some((q) => q.name === p.name),
    ),
    ...params,
  ];
  for (const [status, response] of Object.entries(op.responses)) {
    const r = response as ResponseObject;
    r.headers = { ...(r.headers ?? {}), 'X-Server-Request-Id': ref('X-Server-Request-Id') };
    if (!status.startsWith('2')) continue;
    if (method !== 'get') r.headers['Idempotent-Replayed'] = ref('Idempotent-Replayed');
    if (headers.includes('etag')) r.headers.ETag = ref('ETag');
  }
};
