import { Module } from '@nestjs/common';
import { AuditLogModule } from '../audit-log/audit-log.module';
import { EnterprisesModule } from '../enterprises/enterprises.module';
import { StatisticsProjector } from './statistics-projector';
import {
  ClustersController,
  StatisticsController,
  TargetsController,
} from './statistics.controller';
import { StatisticsRepository } from './statistics.repository';
import { StatisticsService } from './statistics.service';

/**
 * Progress against the targets (issue 17): the projection of the audit log into counters, the
 * statistics read from it, the targets and the industrial clusters.
 */
@Module({
  imports: [AuditLogModule, EnterprisesModule],
  controllers: [StatisticsController, TargetsController, ClustersController],
  providers: [StatisticsRepository, StatisticsProjector, StatisticsService],
  exports: [StatisticsRepository],
})
export class StatisticsModule {}
