// The documents an application must carry, derived from its facts, its tier and any open request
// of a reviewer: pure, so that the checklist shown to the enterprise and the one the submission is
// judged on are the same function of the same inputs.
import type { Facts } from '../certification/facts';
import type { Tier } from '../certification/tier';
import { msg, type Msg } from '../i18n/message';
import type { DocumentKind } from './documents';

/** A document the checklist matches against (a stored one, not deleted). */
export type ChecklistDocument = {
  id: string;
  kind: DocumentKind;
  year?: number | null;
  uploadedAt: string;
};

/** What a reviewer asked for when returning the application (review.return data). */
export type RequestedDocument = { kind: string; year?: number; note?: string };
export type DocumentRequest = {
  items: RequestedDocument[];
  requestedAt: string;
  dueAt?: string;
};

export type ChecklistItem = {
  kind: string;
  year?: number;
  required: boolean;
  met: boolean;
  /** Why it is required (a message: the HTTP edge renders it, its code beside it as reasonCode). */
  reason: Msg;
  documentIds: string[];
  /** Set on the items a reviewer asked for in a return. */
  requested?: true;
};

type Requirement = {
  kind: string;
  year?: number;
  reason: Msg;
  /** Only documents uploaded at or after this instant count (a reviewer's request). */
  since?: string;
};

/** The tiers whose rules weigh R&D spending (§ specialized SME, little giant): the ledger backs it. */
const RD_LEDGER_TIERS: ReadonlySet<Tier> = new Set(['specialized_sme', 'little_giant']);

const requirementsOf = (tier: Tier, facts: Facts): Requirement[] => {
  const out: Requirement[] = [
    {
      kind: 'commitment_letter',
      reason: msg('documents.reason.commitment'),
    },
  ];
  const years = [...new Set((facts.financials ?? []).map((f) => f.year))].sort((a, b) => a - b);
  for (const year of years) {
    out.push({
      kind: 'financial_statement',
      year,
      reason: msg('documents.reason.financialStatement', { year }),
    });
  }
  const latestRd = [...(facts.financials ?? [])]
    .filter((f) => (f.rdExpense ?? 0) > 0)
    .sort((a, b) => b.year - a.year)[0];
  if (latestRd && RD_LEDGER_TIERS.has(tier)) {
    out.push({
      kind: 'rd_ledger',
      year: latestRd.year,
      reason: msg('documents.reason.rdLedger', { year: latestRd.year }),
    });
  }
  const ip = facts.ip ?? {};
  const classI = Math.max(ip.classI ?? 0, ip.selfDevelopedClassI ?? 0, ip.highValueClassI ?? 0);
  if (classI > 0) {
    out.push({
      kind: 'ip_certificate',
      reason: msg('documents.reason.ipClassI'),
    });
  } else if ((ip.classII ?? 0) > 0) {
    out.push({
      kind: 'ip_certificate',
      reason: msg('documents.reason.ipClassII'),
    });
  }
  for (const award of facts.awards ?? []) {
    out.push({
      kind: 'award_certificate',
      year: award.year,
      reason: msg('documents.reason.award', {
        award: msg(`award.held.${award.level}`, { year: award.year, rank: award.rank }),
      }),
    });
  }
  if (facts.quality?.qualitySystemCertified) {
    out.push({
      kind: 'quality_certificate',
      reason: msg('documents.reason.quality'),
    });
  }
  return out;
};

const matches = (doc: ChecklistDocument, requirement: Requirement): boolean =>
  doc.kind === requirement.kind &&
  (requirement.year === undefined || doc.year === requirement.year) &&
  (requirement.since === undefined || doc.uploadedAt >= requirement.since);

/**
 * The checklist: one item per required document (an award certificate per claimed award, a
 * financial statement per year of figures, …) and one per document a reviewer requested. Each
 * document meets at most one item of its kind, so two awards of one year need two certificates.
 */
export const documentChecklist = (input: {
  tier: Tier;
  facts: Facts;
  documents: readonly ChecklistDocument[];
  request?: DocumentRequest | null;
}): ChecklistItem[] => {
  const requirements = requirementsOf(input.tier, input.facts);
  const requested: Requirement[] = (input.request?.items ?? []).map((item) => ({
    kind: item.kind,
    ...(item.year !== undefined ? { year: item.year } : {}),
    reason: item.note
      ? msg('documents.reason.requestedNote', { note: item.note })
      : msg('documents.reason.requested'),
    since: input.request!.requestedAt,
  }));
  const documents = [...input.documents].sort((a, b) =>
    a.uploadedAt === b.uploadedAt ? a.id.localeCompare(b.id) : a.uploadedAt < b.uploadedAt ? -1 : 1,
  );
  const items: ChecklistItem[] = [];
  // Requirements with a year first, so that a dated document is not taken by an undated one.
  const order = (list: Requirement[]) =>
    list
      .map((r, i) => ({ r, i }))
      .sort((a, b) => Number(a.r.year === undefined) - Number(b.r.year === undefined) || a.i - b.i);
  // Each document meets at most one standing item and at most one requested item: a new
  // financial statement asked for on return also stands for its year.
  const assign = (list: Requirement[], isRequest: boolean) => {
    const used = new Set<string>();
    const chosen = new Map<number, string>();
    for (const { r, i } of order(list)) {
      const doc = documents.find((d) => !used.has(d.id) && matches(d, r));
      if (doc) {
        used.add(doc.id);
        chosen.set(i, doc.id);
      }
    }
    list.forEach((r, i) => {
      const id = chosen.get(i);
      items.push({
        kind: r.kind,
        ...(r.year !== undefined ? { year: r.year } : {}),
        required: true,
        met: id !== undefined,
        reason: r.reason,
        documentIds: id !== undefined ? [id] : [],
        ...(isRequest ? { requested: true as const } : {}),
      });
    });
  };
  assign(requirements, false);
  assign(requested, true);
  return items;
};

/** The reasons of the unmet items (what a refused submission names), or [] when all are met. */
export const missingDocuments = (items: readonly ChecklistItem[]): Msg[] =>
  items
    .filter((i) => i.required && !i.met)
    .map((i) =>
      i.year !== undefined
        ? msg('documents.missingForYear', {
            kind: msg(`documentKind.${i.kind}`),
            year: i.year,
            reason: i.reason,
          })
        : msg('documents.missing', { kind: msg(`documentKind.${i.kind}`), reason: i.reason }),
    );

/** A recorded application event, as far as the open request needs it. */
export type RecordedReturn = { event: string; at: string; data: unknown };

const field = (data: unknown, key: string): unknown =>
  data && typeof data === 'object' ? (data as Record<string, unknown>)[key] : undefined;

/**
 * The documents request open on a returned application: the `requestedDocuments` of its latest
 * `review.return` (with that return's deadline), or null when it is not returned or none were asked.
 */
export const openDocumentRequest = (
  state: string,
  events: readonly RecordedReturn[],
): DocumentRequest | null => {
  if (state !== 'returned') return null;
  const last = [...events].reverse().find((e) => e.event === 'review.return');
  if (!last) return null;
  const requested = field(field(last.data, 'data'), 'requestedDocuments');
  if (!Array.isArray(requested) || requested.length === 0) return null;
  const dueAt = field(last.data, 'dueAt');
  return {
    items: requested as RequestedDocument[],
    requestedAt: last.at,
    ...(typeof dueAt === 'string' ? { dueAt } : {}),
  };
};
