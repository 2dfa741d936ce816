import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { DocumentKind, DocumentRecord } from '../../domain/documents/documents';
import { insertRow } from '../../infra/persistence/insert-row';
import { execute, select } from '../../infra/persistence/raw-sql';
import { DocumentEntity } from './document.entity';

const COLUMNS = `id, application_id, kind, year, note, file_name, media_type, size, sha256,
  uploaded_by, uploaded_at, deleted_at, deleted_by`;

type DocumentRow = {
  id: string;
  application_id: string;
  kind: DocumentKind;
  year: number | string | null;
  note: string | null;
  file_name: string;
  media_type: string;
  size: number | string;
  sha256: string;
  uploaded_by: string;
  uploaded_at: string;
  deleted_at: string | null;
  deleted_by: string | null;
};

const fromRow = (r: DocumentRow): DocumentRecord => ({
  id: r.id,
  applicationId: r.application_id,
  kind: r.kind,
  year: r.year === null ? null : Number(r.year),
  note: r.note,
  fileName: r.file_name,
  mediaType: r.media_type,
  size: Number(r.size),
  sha256: r.sha256,
  uploadedBy: r.uploaded_by,
  uploadedAt: r.uploaded_at,
  deletedAt: r.deleted_at,
  deletedBy: r.deleted_by,
});

/** The documents table: metadata of evidence documents (the bytes are in the document store). */
@Injectable()
export class DocumentRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(em: EntityManager, record: DocumentRecord): Promise<void> {
    await insertRow(em, DocumentEntity, { ...record });
  }

  /** A live (not deleted) document of the application. */
  async find(
    applicationId: string,
    id: string,
    em: EntityManager = this.dataSource.manager,
  ): Promise<DocumentRecord | undefined> {
    const [row] = await select<DocumentRow>(
      em,
      `SELECT ${COLUMNS} FROM documents
        WHERE id = $1 AND application_id = $2 AND deleted_at IS NULL`,
      [id, applicationId],
    );
    return row ? fromRow(row) : undefined;
  }

  /** A keyset page (by id) of the application's live documents. */
  async page(applicationId: string, after: string | undefined, limit: number) {
    const rows = await select<DocumentRow>(
      this.dataSource.manager,
      `SELECT ${COLUMNS} FROM documents
        WHERE application_id = $1 AND deleted_at IS NULL AND id > $2 ORDER BY id LIMIT $3`,
      [applicationId, after ?? '', limit],
    );
    return rows.map(fromRow);
  }

  /** Every document of the application, deleted ones included, in upload order. */
  async allOf(
    applicationId: string,
    em: EntityManager = this.dataSource.manager,
  ): Promise<DocumentRecord[]> {
    const rows = await select<DocumentRow>(
      em,
      `SELECT ${COLUMNS} FROM documents WHERE application_id = $1 ORDER BY uploaded_at, id`,
      [applicationId],
    );
    return rows.map(fromRow);
  }

  /** Bytes held by the application's live documents. */
  async totalSize(
    applicationId: string,
    em: EntityManager = this.dataSource.manager,
  ): Promise<number> {
    const [row] = await select<{ total: number | string | null }>(
      em,
      `SELECT SUM(size) AS total FROM documents WHERE application_id = $1 AND deleted_at IS NULL`,
      [applicationId],
    );
    return Number(row?.total ?? 0);
  }

  /** Marks a live document deleted; false when it was not live (already deleted, or a race). */
  async markDeleted(em: EntityManager, id: string, at: string, by: string): Promise<boolean> {
    return (
      (await execute(
        em,
        `UPDATE documents SET deleted_at = $1, deleted_by = $2 WHERE id = $3 AND deleted_at IS NULL`,
        [at, by, id],
      )) === 1
    );
  }

  /** Distinct hashes after `after`, in order: for checking that every row has its file. */
  async hashesAfter(after: string, limit: number): Promise<string[]> {
    const rows = await select<{ sha256: string }>(
      this.dataSource.manager,
      'SELECT DISTINCT sha256 FROM documents WHERE sha256 > $1 ORDER BY sha256 LIMIT $2',
      [after, limit],
    );
    return rows.map((r) => r.sha256);
  }
}
