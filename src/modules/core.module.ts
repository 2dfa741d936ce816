import { Global, Module, type DynamicModule } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { IdempotencyInterceptor } from '../shared/idempotency/idempotency.interceptor';
import { IdempotencyStore } from '../shared/idempotency/idempotency.store';
import { APP_CONFIG, buildAppConfig, type AppConfig } from '../config/app-config';
import type { EnvironmentVariables } from '../config/environment';
import { chinaWorkdayCalendar } from '../shared/calendar/china-workday-calendar';
import { Clock, SystemClock } from '../shared/clock';
import { TransactionRunner } from '../shared/persistence/transaction-runner';
import { AuditLogRepository } from './audit/audit-log.repository';
import { PasswordHasher } from './auth/password-hasher';
import { WORKDAY_CALENDAR } from './applications/deadline-calculator';
import { TimersService } from './timers/timers.service';

export const VALIDATED_ENV = 'validatedEnvironment';

/** Cross-cutting services every module uses: config, clock, transactions, audit log, timers. */
@Global()
@Module({})
export class CoreModule {
  static register(options: { clock?: Clock } = {}): DynamicModule {
    const providers = [
      {
        provide: APP_CONFIG,
        inject: [ConfigService],
        useFactory: (config: ConfigService): AppConfig =>
          buildAppConfig(config.getOrThrow<EnvironmentVariables>(VALIDATED_ENV)),
      },
      { provide: Clock, useValue: options.clock ?? new SystemClock() },
      {
        provide: PasswordHasher,
        inject: [APP_CONFIG],
        useFactory: (config: AppConfig) => new PasswordHasher(config.auth.passwordHashCost),
      },
      { provide: WORKDAY_CALENDAR, useValue: chinaWorkdayCalendar },
      TransactionRunner,
      AuditLogRepository,
      TimersService,
      IdempotencyStore,
    ];
    return {
      module: CoreModule,
      providers: [...providers, { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor }],
      exports: providers.map((p) => ('provide' in p ? p.provide : p)),
    };
  }
}
