import { Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import type { CertificatePolicy } from '../../domain/certification/certificate.decide';
import { EnterprisesModule } from '../enterprises/enterprises.module';
import { CertificateRepository } from './certificate.repository';
import { CertificatesController } from './certificates.controller';
import { CERTIFICATE_POLICY, CertificatesQueries } from './certificates.queries';

/** Certificates: their table, their views, the routes that read them, the lifecycle settings. */
@Module({
  imports: [EnterprisesModule],
  controllers: [CertificatesController],
  providers: [
    CertificateRepository,
    CertificatesQueries,
    {
      provide: CERTIFICATE_POLICY,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig): CertificatePolicy => ({
        annualUpdateDue: config.certificates.annualUpdateDue,
        revocationBarYears: config.certificates.revocationBarYears,
        annualUpdateReminderDays: config.certificates.annualUpdateReminderDays,
      }),
    },
  ],
  exports: [CertificateRepository, CertificatesQueries, CERTIFICATE_POLICY],
})
export class CertificatesModule {}
