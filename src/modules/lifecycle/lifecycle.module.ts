import { Module } from '@nestjs/common';
import { ApplicationsModule } from '../applications/applications.module';
import { CertificatesModule } from '../certificates/certificates.module';
import { CertificatesController } from './certificates.controller';
import { PublicController } from './public.controller';

/** Certificates and the public face: they need both the application and certificate pipelines. */
@Module({
  imports: [ApplicationsModule, CertificatesModule],
  controllers: [CertificatesController, PublicController],
})
export class LifecycleModule {}
