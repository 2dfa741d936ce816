import { Module } from '@nestjs/common';
import { ApplicationsModule } from '../applications/applications.module';
import { AssessmentsModule } from '../assessments/assessments.module';
import { AuditModule } from '../audit/audit.module';
import { BatchesModule } from '../batches/batches.module';
import { AuditLogModule } from '../audit-log/audit-log.module';
import { CallsModule } from '../calls/calls.module';
import { CertificatesModule } from '../certificates/certificates.module';
import { DocumentsModule } from '../documents/documents.module';
import { EnterprisesModule } from '../enterprises/enterprises.module';
import { ObjectionsModule } from '../objections/objections.module';
import { OutboxModule } from '../outbox/outbox.module';
import { StatisticsModule } from '../statistics/statistics.module';
import { TimersModule } from '../timers/timers.module';
import { ApplicationCommandsController } from './application-commands.controller';
import { ApplicationCommands } from './application-commands.service';
import { ApplicationHandler } from './application.handler';
import { BatchCommandsController } from './batch-commands.controller';
import { BatchCommands } from './batch-commands.service';
import { CallHandler } from './call.handler';
import { CertificateCommandsController } from './certificate-commands.controller';
import { CertificateCommands } from './certificate-commands.service';
import { CertificateHandler } from './certificate.handler';
import { CommandPipeline } from './command-pipeline';
import { MigrationCommands } from './migration-commands.service';
import { MigrationsController } from './migrations.controller';
import { EffectRunner } from './effect-runner';
import { ObjectionsController } from './objections.controller';
import { applicationPolicyProvider } from './policies';
import { SchedulerService } from './scheduler.service';
import { TimerCommandsController } from './timer-commands.controller';
import { TimerCommands } from './timer-commands.service';
import { TimerHandler } from './timer.handler';
import { ClusterHandler, ClusterMemberHandler, TargetHandler } from './statistics.handlers';
import { StatisticsCommands } from './statistics-commands.service';
import { StatisticsCommandsController } from './statistics-commands.controller';

/**
 * The one writer of state: every change of an application, a certificate, a timer's due date or
 * a call's opening is a command run by the CommandPipeline. Nothing imports this module; it sits
 * on top of the areas whose tables it writes through their exported repositories.
 */
@Module({
  imports: [
    ApplicationsModule,
    CertificatesModule,
    TimersModule,
    ObjectionsModule,
    AuditLogModule,
    AuditModule,
    CallsModule,
    AssessmentsModule,
    EnterprisesModule,
    DocumentsModule,
    OutboxModule,
    StatisticsModule,
    BatchesModule,
  ],
  controllers: [
    BatchCommandsController,
    MigrationsController,
    ApplicationCommandsController,
    CertificateCommandsController,
    ObjectionsController,
    TimerCommandsController,
    StatisticsCommandsController,
  ],
  providers: [
    applicationPolicyProvider,
    CommandPipeline,
    EffectRunner,
    ApplicationHandler,
    CertificateHandler,
    TimerHandler,
    CallHandler,
    TargetHandler,
    ClusterHandler,
    ClusterMemberHandler,
    StatisticsCommands,
    ApplicationCommands,
    BatchCommands,
    MigrationCommands,
    CertificateCommands,
    TimerCommands,
    SchedulerService,
  ],
})
export class CommandsModule {}
