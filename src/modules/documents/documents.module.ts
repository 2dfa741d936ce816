import { Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { ApplicationsModule } from '../applications/applications.module';
import { AuditLogModule } from '../audit-log/audit-log.module';
import { DocumentRepository } from './document.repository';
import { DOCUMENT_STORE } from './document-store';
import { DocumentsController } from './documents.controller';
import { DocumentsService } from './documents.service';
import { FsDocumentStore } from './fs-document-store';
import { S3DocumentStore } from './s3-document-store';

/** Evidence documents: their table, the store of their bytes, and their routes. */
@Module({
  imports: [ApplicationsModule, AuditLogModule],
  controllers: [DocumentsController],
  providers: [
    DocumentRepository,
    DocumentsService,
    {
      provide: DOCUMENT_STORE,
      inject: [APP_CONFIG],
      useFactory: async (config: AppConfig) => {
        const { dir, s3 } = config.documents;
        const store = s3 ? new S3DocumentStore(dir, s3) : new FsDocumentStore(dir);
        await store.init();
        return store;
      },
    },
  ],
  exports: [DocumentRepository, DocumentsService, DOCUMENT_STORE],
})
export class DocumentsModule {}
