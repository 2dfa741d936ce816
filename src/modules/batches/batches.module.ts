import { Module } from '@nestjs/common';
import { BatchRepository } from './batch.repository';
import { BatchesController } from './batches.controller';

/** The batches table and its reading route; the commands module runs the batches. */
@Module({
  controllers: [BatchesController],
  providers: [BatchRepository],
  exports: [BatchRepository],
})
export class BatchesModule {}
