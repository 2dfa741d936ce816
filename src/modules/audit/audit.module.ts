import { Module } from '@nestjs/common';
import { ApplicationsModule } from '../applications/applications.module';
import { AuditLogModule } from '../audit-log/audit-log.module';
import { DocumentsModule } from '../documents/documents.module';
import { AuditController } from './audit.controller';
import { AuditService } from './audit.service';
import { CaseFilesService } from './case-files.service';

@Module({
  imports: [AuditLogModule, ApplicationsModule, DocumentsModule],
  controllers: [AuditController],
  providers: [AuditService, CaseFilesService],
  exports: [AuditService, CaseFilesService],
})
export class AuditModule {}
