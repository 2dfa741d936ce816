import { Module } from '@nestjs/common';
import { EnterpriseRepository } from './enterprise.repository';
import { EnterprisesController } from './enterprises.controller';
import { EnterprisesService } from './enterprises.service';

/** Enterprises: their table and the authorities' reads (registration is its own area). */
@Module({
  controllers: [EnterprisesController],
  providers: [EnterpriseRepository, EnterprisesService],
  exports: [EnterpriseRepository, EnterprisesService],
})
export class EnterprisesModule {}
