import { Module, type DynamicModule } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { ThrottlerModule } from '@nestjs/throttler';
import { TypeOrmModule, type TypeOrmModuleOptions } from '@nestjs/typeorm';
import { APP_ENTITIES } from './app.entities';
import { APP_CONFIG, type AppConfig, type DatabaseConfig } from './config/app-config';
import { validateEnvironment } from './config/environment';
import { ApplicationsModule } from './modules/applications/applications.module';
import { AssessmentsModule } from './modules/assessments/assessments.module';
import { AuditModule } from './modules/audit/audit.module';
import { AuditLogModule } from './modules/audit-log/audit-log.module';
import { AuthModule } from './modules/auth/auth.module';
import { BatchesModule } from './modules/batches/batches.module';
import { CallsModule } from './modules/calls/calls.module';
import { CertificatesModule } from './modules/certificates/certificates.module';
import { CommandsModule } from './modules/commands/commands.module';
import { DocumentsModule } from './modules/documents/documents.module';
import { EnterprisesModule } from './modules/enterprises/enterprises.module';
import { HealthModule } from './modules/health/health.module';
import { NotificationsModule } from './modules/notifications/notifications.module';
import { ObjectionsModule } from './modules/objections/objections.module';
import { OutboxModule } from './modules/outbox/outbox.module';
import { PublicModule } from './modules/public/public.module';
import { RegistrationModule } from './modules/registration/registration.module';
import { RelayModule } from './modules/relay/relay.module';
import { MetricsModule } from './modules/metrics/metrics.module';
import { StatisticsModule } from './modules/statistics/statistics.module';
import { TimersModule } from './modules/timers/timers.module';
import { UsersModule } from './modules/users/users.module';
import { WebhooksModule } from './modules/webhooks/webhooks.module';
import { WorkflowsModule } from './modules/workflows/workflows.module';
import type { Clock } from './infra/clock';
import { CoreModule, VALIDATED_ENV } from './infra/core.module';
import { dataSourceOptions, openDataSource } from './infra/persistence/data-source';

export type AppModuleOptions = {
  /** Variables that override process.env (tests use it to pick a database). */
  env?: Record<string, string | undefined>;
  /** Read no .env file (tests). */
  ignoreEnvFile?: boolean;
  clock?: Clock;
};

type LadderTypeOrmOptions = TypeOrmModuleOptions & { ladderDatabase: DatabaseConfig };

@Module({})
export class AppModule {
  static forRoot(options: AppModuleOptions = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot({
          isGlobal: true,
          ignoreEnvFile: options.ignoreEnvFile ?? false,
          validate: (raw) => ({ [VALIDATED_ENV]: validateEnvironment({ ...raw, ...options.env }) }),
        }),
        CoreModule.register(options.clock ? { clock: options.clock } : {}),
        TypeOrmModule.forRootAsync({
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig): LadderTypeOrmOptions => ({
            ...dataSourceOptions(config.database, APP_ENTITIES),
            ladderDatabase: config.database,
          }),
          // Opens the database, applies its pragmas and runs migrations before anything serves.
          dataSourceFactory: async (opts) =>
            openDataSource((opts as LadderTypeOrmOptions).ladderDatabase, APP_ENTITIES),
        }),
        // Rate limits of the public and sign-in routes: per instance, in-memory counters per client
        // address. Each throttled route applies one of these (the others are skipped there).
        ThrottlerModule.forRootAsync({
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig) => [
            { name: 'public', ttl: 60_000, limit: config.rateLimits.publicPerMinute },
            { name: 'login', ttl: 60_000, limit: config.rateLimits.loginPerMinute },
            { name: 'objections', ttl: 60_000, limit: config.rateLimits.objectionsPerMinute },
            {
              name: 'registration',
              ttl: 60_000,
              limit: config.rateLimits.registrationsPerMinute,
            },
          ],
        }),
        HealthModule,
        BatchesModule,
        AuditLogModule,
        TimersModule,
        EnterprisesModule,
        UsersModule,
        AuthModule,
        RegistrationModule,
        AssessmentsModule,
        CallsModule,
        ObjectionsModule,
        ApplicationsModule,
        CertificatesModule,
        PublicModule,
        WorkflowsModule,
        AuditModule,
        DocumentsModule,
        OutboxModule,
        WebhooksModule,
        NotificationsModule,
        RelayModule,
        StatisticsModule,
        MetricsModule,
        // The one writer of state, on top of every area it writes through.
        CommandsModule,
      ],
    };
  }
}
