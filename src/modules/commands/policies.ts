import type { Provider } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import type { WorkdayCalendar } from '../../domain/calendar/working-days';
import type { ApplicationPolicy } from '../../domain/certification/application.decide';
import { configuredMachineVersions } from '../../domain/certification/application.machines';
import { WORKDAY_CALENDAR } from '../../infra/calendar/china-workday-calendar';
import { SCORING_SETTINGS, type ScoringSettings } from '../assessments/scoring-settings';

/** Injection token of the settings application decisions depend on. */
export const APPLICATION_POLICY = Symbol('APPLICATION_POLICY');

export const applicationPolicyProvider: Provider = {
  provide: APPLICATION_POLICY,
  inject: [APP_CONFIG, WORKDAY_CALENDAR, SCORING_SETTINGS],
  useFactory: (
    config: AppConfig,
    calendar: WorkdayCalendar,
    scoring: ScoringSettings,
  ): ApplicationPolicy => ({
    machineVersions: configuredMachineVersions(config.workflow.machineVersions),
    calendar,
    noticeWorkingDays: config.workflow.noticeWorkingDays,
    returnWorkingDays: config.workflow.returnWorkingDays,
    requireExpertReview: config.workflow.requireExpertReview,
    requireDocuments: config.documents.required,
    scoring,
  }),
};
