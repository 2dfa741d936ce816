import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { DocumentKind, DocumentRecord } from '../../domain/documents/documents';
import { TimestampColumn } from '../../infra/persistence/columns';

/** An evidence document of an application; its bytes are in the document store, by SHA-256. */
@Entity({ name: 'documents' })
@Index('ix_documents_application', ['applicationId', 'id'])
@Index('ix_documents_sha256', ['sha256'])
export class DocumentEntity implements DocumentRecord {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'application_id', type: 'varchar', length: 36 })
  applicationId!: string;

  @Column({ type: 'varchar', length: 32 })
  kind!: DocumentKind;

  @Column({ type: 'integer', nullable: true })
  year!: number | null;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @Column({ name: 'file_name', type: 'varchar', length: 255 })
  fileName!: string;

  @Column({ name: 'media_type', type: 'varchar', length: 64 })
  mediaType!: string;

  @Column({ type: 'bigint' })
  size!: number;

  @Column({ type: 'varchar', length: 64 })
  sha256!: string;

  @Column({ name: 'uploaded_by', type: 'varchar', length: 36 })
  uploadedBy!: string;

  @TimestampColumn({ name: 'uploaded_at' })
  uploadedAt!: string;

  @TimestampColumn({ name: 'deleted_at', nullable: true })
  deletedAt!: string | null;

  @Column({ name: 'deleted_by', type: 'varchar', length: 36, nullable: true })
  deletedBy!: string | null;
}
