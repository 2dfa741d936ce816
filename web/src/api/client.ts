// The one way the console reaches the API: a client generated from docs/openapi.json
// (openapi-typescript, `npm run openapi`) called with openapi-fetch. No hand-written API types.
import createClient, { type Middleware } from 'openapi-fetch';
import type { components, paths } from '../../../test/contract/openapi';
import { apiLocale } from '../i18n/i18n';

export type Schemas = components['schemas'];
export type Application = Schemas['ApplicationSchema'];
export type Assessment = Schemas['AssessmentSchema'];
export type Workflow = Schemas['WorkflowSchema'];
export type AuditEvent = Schemas['AuditEventSchema'];
export type Problem = Schemas['ProblemSchema'];
export type Me = Schemas['MeSchema'];
export type Tier = Application['tier'];
export type AppState = Application['state'];
export type AppEvent = Schemas['ApplicationEventDto']['type'];
export type DocumentKind = Schemas['ChecklistItemSchema']['kind'];
export type Facts = Schemas['FactsDto'];

export const TIERS: readonly Tier[] = ['innovative_sme', 'specialized_sme', 'little_giant'];
export const DOCUMENT_KINDS: readonly DocumentKind[] = [
  'financial_statement',
  'rd_ledger',
  'ip_certificate',
  'award_certificate',
  'quality_certificate',
  'commitment_letter',
  'other',
];

const TOKEN_KEY = 'ladder.token';

type SessionListener = (expired: boolean) => void;
const listeners = new Set<SessionListener>();

export const session = {
  token: ((): string | null => {
    try {
      return sessionStorage.getItem(TOKEN_KEY);
    } catch {
      return null;
    }
  })(),
  set(token: string | null): void {
    this.token = token;
    try {
      if (token) sessionStorage.setItem(TOKEN_KEY, token);
      else sessionStorage.removeItem(TOKEN_KEY);
    } catch {
      // storage refused: the token lives for this page only
    }
  },
  onExpired(listener: SessionListener): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};

/** A problem+json answer (or a network failure) as an Error the views can show in words. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Partial<Problem> | undefined,
  ) {
    super(problem?.detail ?? problem?.title ?? `HTTP ${status}`);
  }
}

const middleware: Middleware = {
  onRequest({ request }) {
    request.headers.set('Accept-Language', apiLocale());
    if (session.token && !request.headers.has('Authorization'))
      request.headers.set('Authorization', `Bearer ${session.token}`);
    return request;
  },
  onResponse({ request, response }) {
    // A 401 on anything but the sign-in itself: the token expired (or was revoked).
    if (response.status === 401 && !request.url.endsWith('/auth/token') && session.token) {
      listeners.forEach((listener) => listener(true));
    }
    return response;
  },
};

export const api = createClient<paths>({ baseUrl: globalThis.location?.origin ?? '' });
api.use(middleware);

/** The data of an openapi-fetch answer, or an ApiError with its problem. */
export const unwrap = <T>(result: { data?: T; error?: unknown; response: Response }): T => {
  if (result.response.ok && result.data !== undefined) return result.data;
  if (result.response.ok) return undefined as T;
  const problem =
    result.error && typeof result.error === 'object'
      ? (result.error as Partial<Problem>)
      : undefined;
  throw new ApiError(result.response.status, problem);
};

/** Raw GET of a non-JSON answer (exports, document content), with the same headers. */
export const fetchBlob = async (path: string): Promise<Blob> => {
  const response = await fetch(path, {
    headers: {
      'Accept-Language': apiLocale(),
      ...(session.token ? { Authorization: `Bearer ${session.token}` } : {}),
    },
  });
  if (!response.ok) {
    const problem = (await response.json().catch(() => undefined)) as Partial<Problem> | undefined;
    throw new ApiError(response.status, problem);
  }
  return response.blob();
};

export const saveBlob = (blob: Blob, fileName: string): void => {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
};
