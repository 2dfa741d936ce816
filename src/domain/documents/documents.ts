// Evidence documents of an application (API.md Wave 2, Documents): their kinds, the record kept
// of each, and the manifest the submission's audit event carries.

export const DOCUMENT_KINDS = [
  'financial_statement',
  'rd_ledger',
  'ip_certificate',
  'award_certificate',
  'quality_certificate',
  'commitment_letter',
  'other',
] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export const isDocumentKind = (value: unknown): value is DocumentKind =>
  typeof value === 'string' && (DOCUMENT_KINDS as readonly string[]).includes(value);

/** One stored document (a row of `documents`); deleted ones keep their row and their audit trail. */
export type DocumentRecord = {
  id: string;
  applicationId: string;
  kind: DocumentKind;
  year: number | null;
  note: string | null;
  fileName: string;
  mediaType: string;
  size: number;
  sha256: string;
  uploadedBy: string;
  uploadedAt: string;
  deletedAt: string | null;
  deletedBy: string | null;
};

/** What a submission's audit event records of each document: the hash chain covers the evidence. */
export type ManifestEntry = {
  id: string;
  kind: DocumentKind;
  year?: number;
  fileName: string;
  size: number;
  sha256: string;
  uploadedAt: string;
};

export const manifestOf = (documents: readonly DocumentRecord[]): ManifestEntry[] =>
  documents
    .filter((d) => d.deletedAt === null)
    .map((d) => ({
      id: d.id,
      kind: d.kind,
      ...(d.year !== null ? { year: d.year } : {}),
      fileName: d.fileName,
      size: d.size,
      sha256: d.sha256,
      uploadedAt: d.uploadedAt,
    }));

/**
 * The enterprise adds and removes documents only while the application is with it (draft, or
 * returned by a reviewer); from submission until a return they are frozen.
 */
export const DOCUMENTS_EDITABLE_STATES: ReadonlySet<string> = new Set(['draft', 'returned']);

export const documentsFrozen = (applicationState: string): boolean =>
  !DOCUMENTS_EDITABLE_STATES.has(applicationState);
