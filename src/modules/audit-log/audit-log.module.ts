import { Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { AuditLogRepository } from './audit-log.repository';
import { AuditSigner } from './audit-signer';

/** The append-only, hash-chained audit log: every module that changes state appends to it. */
@Module({
  providers: [
    {
      provide: AuditSigner,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) =>
        AuditSigner.load(config.audit.signingKeyFile, config.dataDir),
    },
    AuditLogRepository,
  ],
  exports: [AuditLogRepository, AuditSigner],
})
export class AuditLogModule {}
