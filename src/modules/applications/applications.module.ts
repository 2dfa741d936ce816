import { Module } from '@nestjs/common';
import { AssessmentsModule } from '../assessments/assessments.module';
import { CallsModule } from '../calls/calls.module';
import { CertificatesModule } from '../certificates/certificates.module';
import { ApplicationsController } from './applications.controller';
import { ApplicationsService } from './applications.service';
import { DeadlineCalculator } from './deadline-calculator';

@Module({
  imports: [AssessmentsModule, CertificatesModule, CallsModule],
  controllers: [ApplicationsController],
  providers: [ApplicationsService, DeadlineCalculator],
  exports: [ApplicationsService],
})
export class ApplicationsModule {}
