import { Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import { ApplicationsModule } from '../applications/applications.module';
import { CertificatesModule } from '../certificates/certificates.module';
import { CertificatesController } from './certificates.controller';
import { PublicController } from './public.controller';

/** Certificates and the public face: they need both the application and certificate pipelines. */
@Module({
  imports: [
    ApplicationsModule,
    CertificatesModule,
    // Per-instance, in-memory counters: 120 requests a minute per client address by default.
    ThrottlerModule.forRoot([{ name: 'default', ttl: 60_000, limit: 120 }]),
  ],
  controllers: [CertificatesController, PublicController],
})
export class LifecycleModule {}
