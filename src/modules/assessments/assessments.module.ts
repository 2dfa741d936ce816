import { Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { EnterprisesModule } from '../enterprises/enterprises.module';
import { AssessmentsController } from './assessments.controller';
import { AssessmentsService } from './assessments.service';
import { loadScoringSettings, SCORING_SETTINGS } from './scoring-settings';

/** The rule engine's configuration (rule sets, provincial overrides) and POST /assessments. */
@Module({
  imports: [EnterprisesModule],
  controllers: [AssessmentsController],
  providers: [
    AssessmentsService,
    {
      provide: SCORING_SETTINGS,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => loadScoringSettings(config.scoring.configFile),
    },
  ],
  exports: [SCORING_SETTINGS],
})
export class AssessmentsModule {}
