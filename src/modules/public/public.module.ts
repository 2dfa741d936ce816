import { Module } from '@nestjs/common';
import { ApplicationsModule } from '../applications/applications.module';
import { CertificatesModule } from '../certificates/certificates.module';
import { PublicController } from './public.controller';

/** The public face: notices under way and the register of titles (objections are commands). */
@Module({ imports: [ApplicationsModule, CertificatesModule], controllers: [PublicController] })
export class PublicModule {}
