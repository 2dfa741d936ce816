import { Module } from '@nestjs/common';
import { ApplicationsModule } from '../applications/applications.module';
import { AuditModule } from '../audit/audit.module';
import { CallsModule } from '../calls/calls.module';
import { CertificatesModule } from '../certificates/certificates.module';
import { SchedulerService } from './scheduler.service';
import { TimerAdminService } from './timer-admin.service';
import { TimersController } from './timers.controller';

@Module({
  imports: [ApplicationsModule, CertificatesModule, CallsModule, AuditModule],
  controllers: [TimersController],
  providers: [SchedulerService, TimerAdminService],
  exports: [SchedulerService],
})
export class SchedulerModule {}
