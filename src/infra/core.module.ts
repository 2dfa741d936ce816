import { Global, Module, type DynamicModule } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { APP_CONFIG, buildAppConfig, type AppConfig } from '../config/app-config';
import type { EnvironmentVariables } from '../config/environment';
import { chinaWorkdayCalendar, WORKDAY_CALENDAR } from './calendar/china-workday-calendar';
import { Clock, SystemClock } from './clock';
import { IdempotencyInterceptor } from './idempotency/idempotency.interceptor';
import { IdempotencyKeyRepository } from './idempotency/idempotency-key.repository';
import { Metrics } from './metrics/metrics';
import { TransactionRunner } from './persistence/transaction-runner';

export const VALIDATED_ENV = 'validatedEnvironment';

/**
 * Infrastructure every module uses: the validated configuration, the clock, transactions, the
 * working-day calendar and idempotency keys. No feature lives here.
 */
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
      { provide: WORKDAY_CALENDAR, useValue: chinaWorkdayCalendar },
      TransactionRunner,
      IdempotencyKeyRepository,
      Metrics,
    ];
    return {
      module: CoreModule,
      providers: [...providers, { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor }],
      exports: providers.map((p) => ('provide' in p ? p.provide : p)),
    };
  }
}
