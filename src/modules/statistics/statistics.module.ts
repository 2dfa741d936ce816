import { Module } from '@nestjs/common';
import { AuditLogModule } from '../audit-log/audit-log.module';
import { StatisticsProjector } from './statistics-projector';
import { StatisticsController } from './statistics.controller';
import { StatisticsRepository } from './statistics.repository';
import { StatisticsService } from './statistics.service';

/**
 * Progress against the targets (issue 17): the projection of the audit log into counters, the
 * statistics read from it, the targets and the industrial clusters.
 */
@Module({
  imports: [AuditLogModule],
  controllers: [StatisticsController],
  providers: [StatisticsRepository, StatisticsProjector, StatisticsService],
  exports: [StatisticsRepository],
})
export class StatisticsModule {}
