import { Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { AssessmentsController } from './assessments.controller';
import { AssessmentsService } from './assessments.service';
import { loadScoringSettings, SCORING_SETTINGS } from './scoring-settings';

@Module({
  controllers: [AssessmentsController],
  providers: [
    AssessmentsService,
    {
      provide: SCORING_SETTINGS,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => loadScoringSettings(config.scoring.configFile),
    },
  ],
  exports: [AssessmentsService],
})
export class AssessmentsModule {}
