// Batch operations (issue 19): one event sent to many applications. Each item is an ordinary
// command of the pipeline (its own access check, transition and audit event); what is decided here
// is which items a request names, how their outcomes add up, and the one audit event that records
// the batch and refers to its items.
import { createHash } from 'node:crypto';
import { toActorRef, type Actor } from '../access/roles';
import type { AuditEntry } from '../audit/audit-entry';
import { canonicalJson } from '../audit/hash-chain';
import { DomainError } from '../errors';
import { msg, type Msg } from '../i18n/message';
import type { ApplicationEventType } from './application.events';
import type { ApplicationState } from './application.machines';
import type { SendApplicationEvent } from './commands';
import type { Tier } from './tier';

/** The most items one batch may name (ids given or matched by a filter). */
export const BATCH_MAX_ITEMS = 1000;

export type BatchFilter = {
  state: ApplicationState;
  tier: Tier;
  callId?: string;
  regionCode?: string;
};

export type BatchRequest = {
  type: ApplicationEventType;
  ids?: readonly string[];
  filter?: BatchFilter;
  comment?: string;
  reasons?: readonly string[];
  atomic?: boolean;
};

export type BatchItemResult =
  | { id: string; ok: true; state: string }
  | { id: string; ok: false; code: string; reasons: (string | Msg)[] };

export type BatchSummary = { ok: number; refused: number };

/** An item that would have passed, rolled back because another item of an atomic batch was refused. */
export const ROLLED_BACK = 'ROLLED_BACK';

const invalid = (key: string, params: Record<string, string | number> = {}) =>
  new DomainError('VALIDATION_FAILED', msg(key, params));

/**
 * The request's shape beyond what its DTO checks: ids or a filter (exactly one), ids without
 * repeats, at most BATCH_MAX_ITEMS of them.
 */
export const checkBatchRequest = (request: BatchRequest): void => {
  if ((request.ids === undefined) === (request.filter === undefined)) {
    throw invalid('batch.idsOrFilter');
  }
  if (request.ids !== undefined) {
    if (request.ids.length === 0) throw invalid('batch.empty');
    if (request.ids.length > BATCH_MAX_ITEMS) {
      throw invalid('batch.tooMany', { max: BATCH_MAX_ITEMS, count: request.ids.length });
    }
    if (new Set(request.ids).size !== request.ids.length) throw invalid('batch.repeatedIds');
  }
};

/** A filter that matched more applications than one batch may hold (400, nothing sent). */
export const checkMatched = (count: number): void => {
  if (count > BATCH_MAX_ITEMS) {
    throw invalid('batch.filterTooBroad', { max: BATCH_MAX_ITEMS });
  }
};

/** The pipeline command of one item. Its requestId names the batch, so each item refers to it. */
export const itemCommand = (
  request: BatchRequest,
  id: string,
  actor: Actor,
  batchId: string,
): SendApplicationEvent => ({
  subject: 'application',
  kind: 'event',
  id,
  type: request.type,
  ...(request.comment !== undefined ? { comment: request.comment } : {}),
  ...(request.reasons !== undefined ? { reasons: [...request.reasons] } : {}),
  actor,
  requestId: batchRequestId(batchId),
});

/** The request id every item event of a batch carries: the link from an item to its batch. */
export const batchRequestId = (batchId: string): string => `batch:${batchId}`;

/** An item's refusal, from the error its command was refused with. */
export const refusalOf = (id: string, error: DomainError): BatchItemResult => ({
  id,
  ok: false,
  code: error.code,
  reasons:
    error.details.reasons && error.details.reasons.length > 0
      ? [...error.details.reasons]
      : [error.detailMsg ?? error.message],
});

export const summarize = (items: readonly BatchItemResult[]): BatchSummary => {
  const ok = items.filter((i) => i.ok).length;
  return { ok, refused: items.length - ok };
};

/**
 * An atomic batch applies only when every item passed; otherwise each item that passed is
 * reported as rolled back, and nothing changed.
 */
export const settleAtomic = (
  items: readonly BatchItemResult[],
): { applied: boolean; items: BatchItemResult[] } => {
  if (items.every((i) => i.ok)) return { applied: true, items: [...items] };
  return {
    applied: false,
    items: items.map((i) =>
      i.ok ? { id: i.id, ok: false, code: ROLLED_BACK, reasons: [msg('batch.rolledBack')] } : i,
    ),
  };
};

/**
 * The digest of the items' outcomes (id, ok, code), in the order of the request: the batch's
 * audit event carries it, so the list kept with the batch can be checked against the chain.
 */
export const itemsDigest = (items: readonly BatchItemResult[]): string =>
  createHash('sha256')
    .update(canonicalJson(items.map((i) => [i.id, i.ok ? 'ok' : i.code])))
    .digest('hex');

/** The one audit event of a batch: `batch.sent`, referring to its items by count and digest. */
export const batchAuditEntry = (input: {
  batchId: string;
  request: BatchRequest;
  actor: Actor;
  at: string;
  requestId: string | null;
  items: readonly BatchItemResult[];
  applied: boolean;
}): AuditEntry => ({
  at: input.at,
  actor: toActorRef(input.actor),
  subject: { type: 'batch', id: input.batchId },
  event: 'batch.sent',
  comment: input.request.comment ?? null,
  data: {
    type: input.request.type,
    atomic: input.request.atomic === true,
    applied: input.applied,
    ...(input.request.filter ? { filter: { ...input.request.filter } } : {}),
    count: input.items.length,
    summary: summarize(input.items),
    itemsRequestId: batchRequestId(input.batchId),
    itemsDigest: itemsDigest(input.items),
  },
  requestId: input.requestId,
});
