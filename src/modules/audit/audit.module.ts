import { Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { ApplicationsModule } from '../applications/applications.module';
import { AuditLogModule } from '../audit-log/audit-log.module';
import { AuditSigner } from './audit-signer';
import { AuditController } from './audit.controller';
import { AuditService } from './audit.service';
import { CaseFilesService } from './case-files.service';

@Module({
  imports: [AuditLogModule, ApplicationsModule],
  controllers: [AuditController],
  providers: [
    {
      provide: AuditSigner,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) =>
        AuditSigner.load(config.audit.signingKeyFile, config.dataDir),
    },
    AuditService,
    CaseFilesService,
  ],
  exports: [AuditService, CaseFilesService],
})
export class AuditModule {}
