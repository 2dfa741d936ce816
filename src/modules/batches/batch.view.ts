import type { Actor } from '../../domain/access/roles';
import type { BatchRecord } from './batch.repository';

/** A batch is its starter's, and the administrators'; a round (the system's) administrators' only. */
export const canViewBatch = (actor: Actor, batch: BatchRecord): boolean =>
  actor.kind === 'user' && (actor.role === 'admin' || actor.id === batch.actorId);

export const toBatchView = (batch: BatchRecord) => ({
  id: batch.id,
  kind: batch.kind,
  operation: batch.operation,
  status: batch.status,
  atomic: batch.atomic,
  total: batch.total,
  processed: batch.ok + batch.refused,
  summary: { ok: batch.ok, refused: batch.refused },
  items: batch.items,
  createdAt: batch.createdAt,
  updatedAt: batch.updatedAt,
  finishedAt: batch.finishedAt,
});
