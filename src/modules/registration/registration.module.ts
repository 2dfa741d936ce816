import { Module } from '@nestjs/common';
import { AuditLogModule } from '../audit-log/audit-log.module';
import { EnterprisesModule } from '../enterprises/enterprises.module';
import { UsersModule } from '../users/users.module';
import { EnterpriseClaimRepository } from './enterprise-claim.repository';
import { RegistrationController } from './registration.controller';
import { RegistrationService } from './registration.service';

/** Enterprise self-registration (an enterprise and its first account) and claims of credit codes. */
@Module({
  imports: [EnterprisesModule, UsersModule, AuditLogModule],
  controllers: [RegistrationController],
  providers: [EnterpriseClaimRepository, RegistrationService],
})
export class RegistrationModule {}
