import { rm } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Readable } from 'node:stream';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { actsFor, canViewApplication, isApplicant } from '../../domain/access/application-access';
import { toActorRef, type Actor } from '../../domain/access/roles';
import type { ApplicationRecord } from '../../domain/certification/records';
import { documentChecklist, type ChecklistItem } from '../../domain/documents/checklist';
import {
  DOCUMENT_KINDS,
  documentsFrozen,
  isDocumentKind,
  type DocumentRecord,
} from '../../domain/documents/documents';
import {
  detectFileType,
  MEDIA_TYPES,
  mediaTypeRefusal,
  sniffHead,
} from '../../domain/documents/media-type';
import { DomainError } from '../../domain/errors';
import { Clock } from '../../infra/clock';
import { newId } from '../../infra/ids';
import {
  DEFAULT_PAGE_SIZE,
  decodeCursor,
  toPage,
  type Page,
} from '../../infra/pagination/pagination';
import { TransactionRunner } from '../../infra/persistence/transaction-runner';
import { ApplicationRepository } from '../applications/application.repository';
import { ApplicationsQueries } from '../applications/applications.queries';
import type { AuditEntry } from '../../domain/audit/audit-entry';
import { AuditLogRepository } from '../audit-log/audit-log.repository';
import { DocumentRepository } from './document.repository';
import { DOCUMENT_STORE, type DocumentStore } from './document-store';
import { spool, tailOf, TooLarge, type Spooled } from './spool';

/** API.md `Document`. */
export type DocumentView = {
  id: string;
  applicationId: string;
  kind: string;
  year?: number;
  note?: string;
  fileName: string;
  mediaType: string;
  size: number;
  sha256: string;
  uploadedBy: string;
  uploadedAt: string;
  frozen: boolean;
};

export const toDocumentView = (d: DocumentRecord, frozen: boolean): DocumentView => ({
  id: d.id,
  applicationId: d.applicationId,
  kind: d.kind,
  ...(d.year !== null ? { year: d.year } : {}),
  ...(d.note !== null ? { note: d.note } : {}),
  fileName: d.fileName,
  mediaType: d.mediaType,
  size: d.size,
  sha256: d.sha256,
  uploadedBy: d.uploadedBy,
  uploadedAt: d.uploadedAt,
  frozen,
});

const invalid = (field: string, message: string) =>
  new DomainError('VALIDATION_FAILED', message, { errors: [{ field, message }] });

const notFound = (what: string, id: string) =>
  new DomainError('NOT_FOUND', `${what} ${id} not found`);

const frozenError = (state: string) =>
  new DomainError(
    'DOCUMENTS_FROZEN',
    `The documents are frozen while the application is ${state}: they change only in draft or when returned`,
  );

/** The audit entry of a download by anyone but the enterprise: who, when, which file (by hash). */
const downloadEntry = (
  app: ApplicationRecord,
  actor: Actor,
  document: DocumentRecord,
  at: string,
  requestId: string,
  extra: Record<string, string>,
): AuditEntry => ({
  at,
  actor: toActorRef(actor),
  subject: { type: 'application', id: app.id },
  enterpriseId: app.enterpriseId,
  regionCode: app.regionCode,
  event: 'document.download',
  fromState: app.state,
  toState: app.state,
  data: {
    action: 'document.downloaded',
    documentId: document.id,
    sha256: document.sha256,
    ...extra,
  },
  requestId,
});

const MAX_NOTE = 1000;
const MAX_FILE_NAME = 255;
const FIELDS = new Set(['kind', 'year', 'note']);

/** A file name as shown and sent back: its last path segment, no control characters, bounded. */
export const cleanFileName = (raw: string): string =>
  basename(raw.replace(/\\/g, '/'))
    // eslint-disable-next-line no-control-regex -- control characters are what is removed
    .replace(/[\u0000-\u001f\u007f"]/g, '')
    .trim()
    .slice(-MAX_FILE_NAME);

type UploadFields = { kind: DocumentRecord['kind']; year: number | null; note: string | null };

const parseFields = (fields: Record<string, string>): UploadFields => {
  for (const name of Object.keys(fields)) {
    if (!FIELDS.has(name)) throw invalid(name, `unknown field ${name}`);
  }
  const kind = fields.kind;
  if (!isDocumentKind(kind)) {
    throw invalid('kind', `kind must be one of ${DOCUMENT_KINDS.join(', ')}`);
  }
  let year: number | null = null;
  if (fields.year !== undefined) {
    if (!/^\d{4}$/.test(fields.year) || Number(fields.year) < 2000 || Number(fields.year) > 2100) {
      throw invalid('year', 'year must be a year between 2000 and 2100');
    }
    year = Number(fields.year);
  }
  const note = fields.note ?? null;
  if (note !== null && note.length > MAX_NOTE) {
    throw invalid('note', `note must be at most ${MAX_NOTE} characters`);
  }
  return { kind, year, note };
};

/** Errors of the multipart parser as problems: a broken or over-long body is the client's. */
const multipartProblem = (error: unknown): unknown => {
  if (error instanceof DomainError) return error;
  if (error instanceof TooLarge) {
    return new DomainError('PAYLOAD_TOO_LARGE', `The file is ${error.message}`);
  }
  const e = error as { code?: string; statusCode?: number; message?: string };
  if (e.statusCode === 413 || e.code === 'FST_REQ_FILE_TOO_LARGE') {
    return new DomainError('PAYLOAD_TOO_LARGE', e.message ?? 'The upload is too large');
  }
  if (
    typeof e.code === 'string' &&
    (e.code.startsWith('FST_') ||
      e.code === 'ECONNRESET' ||
      e.code === 'ERR_STREAM_PREMATURE_CLOSE')
  ) {
    return invalid('body', `The multipart body is not valid: ${e.message ?? e.code}`);
  }
  if (e.message && /Unexpected end of (form|multipart)|Malformed|boundary/i.test(e.message)) {
    return invalid('body', `The multipart body is not valid: ${e.message}`);
  }
  return error;
};

/** Evidence documents of applications: upload, read, download, delete, and the checklist. */
@Injectable()
export class DocumentsService {
  private readonly logger = new Logger(DocumentsService.name);
  private readonly limits: AppConfig['documents'];

  constructor(
    private readonly documents: DocumentRepository,
    private readonly applications: ApplicationRepository,
    private readonly queries: ApplicationsQueries,
    private readonly audit: AuditLogRepository,
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
    @Inject(DOCUMENT_STORE) private readonly store: DocumentStore,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.limits = config.documents;
  }

  /** The application, if the actor may see it: the application's own jurisdiction rules (else 404). */
  private async visible(id: string, actor: Actor): Promise<ApplicationRecord> {
    const app = await this.applications.find(id);
    // The public sees notices, never evidence.
    if (!app || actor.kind !== 'user' || !canViewApplication(actor, app)) {
      throw notFound('application', id);
    }
    return app;
  }

  /** Only the applying enterprise adds and removes documents (403 for anyone else who sees them). */
  private assertOwner(actor: Actor, app: ApplicationRecord): void {
    if (!isApplicant(actor) || !actsFor(actor, app.enterpriseId)) {
      throw new DomainError('FORBIDDEN', `The ${actor.role} role may not change documents`);
    }
  }

  /** The application locked for a change of its documents, checked again inside the transaction. */
  private async lockedForChange(
    em: EntityManager,
    id: string,
    actor: Actor,
  ): Promise<ApplicationRecord> {
    const app = await this.applications.loadForUpdate(em, id);
    if (!app || !canViewApplication(actor, app)) throw notFound('application', id);
    if (documentsFrozen(app.state)) throw frozenError(app.state);
    return app;
  }

  async upload(
    applicationId: string,
    actor: Actor,
    request: FastifyRequest,
    requestId: string,
  ): Promise<DocumentView> {
    const app = await this.visible(applicationId, actor);
    this.assertOwner(actor, app);
    if (documentsFrozen(app.state)) throw frozenError(app.state);
    if (!request.isMultipart()) {
      throw new DomainError('UNSUPPORTED_MEDIA_TYPE', 'Upload a document as multipart/form-data');
    }
    const used = await this.documents.totalSize(applicationId);
    const room = this.limits.maxApplicationBytes - used;
    const limit = Math.max(0, Math.min(this.limits.maxFileBytes, room));
    const fields: Record<string, string> = {};
    let file: (Spooled & { fileName: string }) | undefined;
    try {
      try {
        for await (const part of request.parts({
          limits: { files: 1, fields: 8, fieldSize: 4096, parts: 9, fileSize: limit + 1 },
        })) {
          if (part.type === 'file') {
            if (part.fieldname !== 'file' || file) {
              part.file.resume();
              throw invalid(part.fieldname, 'send exactly one file, in the part named file');
            }
            const spooled = await spool(part.file, this.store.spoolDir, limit);
            file = { ...spooled, fileName: cleanFileName(part.filename) };
          } else {
            fields[part.fieldname] = String(part.value);
          }
        }
      } catch (error) {
        if (error instanceof TooLarge && limit < this.limits.maxFileBytes) {
          throw new DomainError(
            'PAYLOAD_TOO_LARGE',
            `The application's documents may hold at most ${this.limits.maxApplicationBytes} bytes; ${used} are used`,
          );
        }
        throw multipartProblem(error);
      }
      if (!file) throw invalid('file', 'a file part named file is required');
      const parsed = parseFields(fields);
      if (file.fileName.length === 0) throw invalid('file', 'the file needs a name');
      if (file.size === 0) throw invalid('file', 'the file is empty');
      const tail =
        sniffHead(file.head) === 'zip' ? await tailOf(file.path, file.size) : Buffer.alloc(0);
      const type = detectFileType(file.head, tail, file.size);
      const refusal = mediaTypeRefusal(type, file.fileName, this.limits.types);
      if (refusal || type === null) throw new DomainError('UNSUPPORTED_MEDIA_TYPE', refusal ?? '');
      // The bytes are stored first: a failed store writes no row; a failed row leaves an
      // unreferenced file (content-addressed, harmless), never a row without its file.
      try {
        await this.store.put(file.sha256, file.path, file.size);
      } catch (error) {
        this.logger.warn(
          `document store write failed (sha256 ${file.sha256}, ${file.size} bytes): ${
            error instanceof Error ? error.message : String(error)
          }`,
        );
        throw new DomainError(
          'SERVICE_UNAVAILABLE',
          'The document store could not keep the file; nothing was recorded. Try again later',
        );
      }
      const stored = file;
      const record = await this.tx.run(async (em) => {
        const locked = await this.lockedForChange(em, applicationId, actor);
        const total = await this.documents.totalSize(applicationId, em);
        if (total + stored.size > this.limits.maxApplicationBytes) {
          throw new DomainError(
            'PAYLOAD_TOO_LARGE',
            `The application's documents may hold at most ${this.limits.maxApplicationBytes} bytes; ${total} are used`,
          );
        }
        const at = this.clock.nowIso();
        const row: DocumentRecord = {
          id: newId(),
          applicationId,
          kind: parsed.kind,
          year: parsed.year,
          note: parsed.note,
          fileName: stored.fileName,
          mediaType: MEDIA_TYPES[type].mediaType,
          size: stored.size,
          sha256: stored.sha256,
          uploadedBy: actor.id,
          uploadedAt: at,
          deletedAt: null,
          deletedBy: null,
        };
        await this.documents.insert(em, row);
        await this.audit.append(em, {
          at,
          actor: toActorRef(actor),
          subject: { type: 'application', id: applicationId },
          enterpriseId: locked.enterpriseId,
          regionCode: locked.regionCode,
          event: 'document.upload',
          fromState: locked.state,
          toState: locked.state,
          data: {
            action: 'document.uploaded',
            documentId: row.id,
            kind: row.kind,
            ...(row.year !== null ? { year: row.year } : {}),
            fileName: row.fileName,
            mediaType: row.mediaType,
            size: row.size,
            sha256: row.sha256,
          },
          requestId,
        });
        return row;
      });
      return toDocumentView(record, false);
    } finally {
      if (file) await rm(file.path, { force: true });
    }
  }

  async list(
    applicationId: string,
    actor: Actor,
    query: { limit?: number; cursor?: string },
  ): Promise<Page<DocumentView>> {
    const app = await this.visible(applicationId, actor);
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const rows = await this.documents.page(applicationId, decodeCursor(query.cursor), limit + 1);
    const frozen = documentsFrozen(app.state);
    return toPage(
      rows,
      limit,
      (r) => r.id,
      (r) => toDocumentView(r, frozen),
    );
  }

  async get(applicationId: string, documentId: string, actor: Actor): Promise<DocumentView> {
    const app = await this.visible(applicationId, actor);
    const doc = await this.documents.find(applicationId, documentId);
    if (!doc) throw notFound('document', documentId);
    return toDocumentView(doc, documentsFrozen(app.state));
  }

  /**
   * The bytes of a document (or a range of them). A download by anyone but the enterprise — a
   * reviewer, an expert, an auditor — is audited first: who, when, which hash.
   */
  async content(
    applicationId: string,
    documentId: string,
    actor: Actor,
    range: { start: number; end: number } | undefined,
    requestId: string,
  ): Promise<{ document: DocumentRecord; body: Readable }> {
    const app = await this.visible(applicationId, actor);
    const document = await this.documents.find(applicationId, documentId);
    if (!document) throw notFound('document', documentId);
    if (!(actor.kind === 'user' && actor.role === 'enterprise')) {
      const at = this.clock.nowIso();
      const extra: Record<string, string> = range ? { range: `${range.start}-${range.end}` } : {};
      await this.tx.run((em) =>
        this.audit.append(em, downloadEntry(app, actor, document, at, requestId, extra)),
      );
    }
    return { document, body: await this.store.get(document.sha256, range) };
  }

  /**
   * The files of an application's documents for a case bundle with its files (an auditor's zip):
   * each checked to be in the store, then each recorded as downloaded (`document.download`, `via:
   * case-bundle`) before any byte is sent. `open` gives each file's bytes when they are read.
   */
  async filesForBundle(
    applicationId: string,
    actor: Actor,
    requestId: string,
  ): Promise<{ document: DocumentRecord; open: () => Promise<Readable> }[]> {
    const app = await this.visible(applicationId, actor);
    const documents = await this.documents.allOf(applicationId);
    for (const hash of new Set(documents.map((d) => d.sha256))) {
      if (!(await this.store.has(hash))) {
        throw new DomainError(
          'INTERNAL',
          `The file ${hash} is missing from the document store (npm run check-documents)`,
        );
      }
    }
    if (documents.length > 0) {
      await this.tx.run(async (em) => {
        const at = this.clock.nowIso();
        for (const document of documents) {
          await this.audit.append(
            em,
            downloadEntry(app, actor, document, at, requestId, { via: 'case-bundle' }),
          );
        }
      });
    }
    return documents.map((document) => ({
      document,
      open: () => this.store.get(document.sha256),
    }));
  }

  /** The document as stored (for a range request's bounds), after the access check. */
  async metadata(applicationId: string, documentId: string, actor: Actor): Promise<DocumentRecord> {
    await this.visible(applicationId, actor);
    const document = await this.documents.find(applicationId, documentId);
    if (!document) throw notFound('document', documentId);
    return document;
  }

  /** Deletes a document while the application is with the enterprise; the audit trail stays. */
  async delete(
    applicationId: string,
    documentId: string,
    actor: Actor,
    requestId: string,
  ): Promise<void> {
    const app = await this.visible(applicationId, actor);
    this.assertOwner(actor, app);
    await this.tx.run(async (em) => {
      const locked = await this.lockedForChange(em, applicationId, actor);
      const document = await this.documents.find(applicationId, documentId, em);
      const at = this.clock.nowIso();
      if (!document || !(await this.documents.markDeleted(em, documentId, at, actor.id))) {
        throw notFound('document', documentId);
      }
      await this.audit.append(em, {
        at,
        actor: toActorRef(actor),
        subject: { type: 'application', id: applicationId },
        enterpriseId: locked.enterpriseId,
        regionCode: locked.regionCode,
        event: 'document.delete',
        fromState: locked.state,
        toState: locked.state,
        data: {
          action: 'document.deleted',
          documentId,
          kind: document.kind,
          fileName: document.fileName,
          size: document.size,
          sha256: document.sha256,
        },
        requestId,
      });
    });
  }

  async checklist(applicationId: string, actor: Actor): Promise<{ items: ChecklistItem[] }> {
    const app = await this.visible(applicationId, actor);
    const documents = (await this.documents.allOf(applicationId)).filter(
      (d) => d.deletedAt === null,
    );
    const request = await this.queries.documentRequestOf(undefined, app);
    return {
      items: documentChecklist({ tier: app.tier, facts: app.facts, documents, request }),
    };
  }

  /**
   * Every stored hash checked against the store (npm run check-documents): the hashes of rows
   * whose file is missing, with the documents that name them.
   */
  async checkStore(): Promise<{ checked: number; missing: string[] }> {
    const missing: string[] = [];
    let checked = 0;
    let after = '';
    for (;;) {
      const hashes = await this.documents.hashesAfter(after, 500);
      for (const hash of hashes) {
        checked++;
        if (!(await this.store.has(hash))) missing.push(hash);
      }
      if (hashes.length < 500) return { checked, missing };
      after = hashes[hashes.length - 1]!;
    }
  }
}
