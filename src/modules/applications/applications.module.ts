import { Module } from '@nestjs/common';
import { AuditLogModule } from '../audit-log/audit-log.module';
import { EnterprisesModule } from '../enterprises/enterprises.module';
import { TimersModule } from '../timers/timers.module';
import { ApplicationRepository } from './application.repository';
import { ApplicationsController } from './applications.controller';
import { ApplicationsQueries } from './applications.queries';

/** Applications: their table, their views and the routes that read them. */
@Module({
  imports: [TimersModule, AuditLogModule, EnterprisesModule],
  controllers: [ApplicationsController],
  providers: [ApplicationRepository, ApplicationsQueries],
  exports: [ApplicationRepository, ApplicationsQueries],
})
export class ApplicationsModule {}
