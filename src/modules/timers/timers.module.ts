import { Module } from '@nestjs/common';
import { TimerRepository } from './timer.repository';
import { TimersController } from './timers.controller';
import { TimersQueries } from './timers.queries';

/** Durable timers: their table, and the operators' list (rescheduling is a command). */
@Module({
  controllers: [TimersController],
  providers: [TimerRepository, TimersQueries],
  exports: [TimerRepository],
})
export class TimersModule {}
