import type { DocumentRequest } from '../../domain/documents/checklist';
import type { ApplicationEventType } from '../../domain/certification/application.events';
import type { ApplicationRecord } from '../../domain/certification/records';
import type { DeadlineView } from '../timers/timer.repository';

/** The API shape of an application (docs/api-guide.md, "Applications"). */
export type ApplicationView = {
  id: string;
  enterpriseId: string;
  regionCode: string;
  tier: string;
  state: string;
  version: number;
  ruleSet: string;
  machineId: string;
  machineVersion: number;
  facts: Record<string, unknown>;
  assessment: Record<string, unknown> | null;
  allowedEvents: ApplicationEventType[];
  deadlines: { id: string; event: string; purpose: string; dueAt: string }[];
  callId?: string;
  certificateId?: string;
  reReviewOf?: string;
  /** Returned with documents requested: what was asked, when, and by when (API.md Wave 2). */
  documentRequest?: DocumentRequest;
  createdAt: string;
  updatedAt: string;
};

export const toApplicationView = (
  row: ApplicationRecord,
  allowedEvents: ApplicationEventType[],
  deadlines: DeadlineView[],
  documentRequest?: DocumentRequest | null,
): ApplicationView => ({
  id: row.id,
  enterpriseId: row.enterpriseId,
  regionCode: row.regionCode,
  tier: row.tier,
  state: row.state,
  version: row.version,
  ruleSet: row.ruleSet,
  machineId: row.machineId,
  machineVersion: row.machineVersion,
  facts: row.facts,
  assessment: row.assessment,
  allowedEvents,
  deadlines,
  ...(row.callId ? { callId: row.callId } : {}),
  ...(row.certificateId ? { certificateId: row.certificateId } : {}),
  ...(row.reReviewOf ? { reReviewOf: row.reReviewOf } : {}),
  ...(documentRequest ? { documentRequest } : {}),
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
});
