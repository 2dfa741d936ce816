import { Module } from '@nestjs/common';
import { AuditLogModule } from '../audit-log/audit-log.module';
import { TimersModule } from '../timers/timers.module';
import { CallRepository } from './call.repository';
import { CallsController } from './calls.controller';
import { CallsService } from './calls.service';

@Module({
  imports: [TimersModule, AuditLogModule],
  controllers: [CallsController],
  providers: [CallRepository, CallsService],
  exports: [CallsService],
})
export class CallsModule {}
