import { Module } from '@nestjs/common';
import { AuditLogModule } from '../audit-log/audit-log.module';
import { OutboxModule } from '../outbox/outbox.module';
import { TimersModule } from '../timers/timers.module';
import { MetricsController } from './metrics.controller';
import { MetricsGauges } from './metrics-gauges';

/** GET /metrics (Prometheus text format) and the gauges read at scrape time. */
@Module({
  imports: [TimersModule, AuditLogModule, OutboxModule],
  controllers: [MetricsController],
  providers: [MetricsGauges],
})
export class MetricsModule {}
