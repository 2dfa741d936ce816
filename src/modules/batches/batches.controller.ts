import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../../domain/access/roles';
import { DomainError } from '../../domain/errors';
import { msg } from '../../domain/i18n/message';
import { ApiJson, ApiOp } from '../../infra/http/openapi/api-docs';
import { CurrentActor } from '../auth/auth.decorators';
import { BatchRepository } from './batch.repository';
import { BatchSchema } from './batch.schema';
import { canViewBatch, toBatchView } from './batch.view';

/** Following a batch operation: its counts while it runs, its items once it is done. */
@ApiTags('batches')
@ApiBearerAuth()
@Controller('batches')
export class BatchesController {
  constructor(private readonly batches: BatchRepository) {}

  @ApiOp({ id: 'getBatch', summary: 'A batch operation: its progress, and its items once done' })
  @ApiJson(BatchSchema)
  @Get(':id')
  async get(@Param('id', ParseUUIDPipe) id: string, @CurrentActor() actor: Actor) {
    const batch = await this.batches.find(id);
    if (!batch || !canViewBatch(actor, batch)) {
      throw new DomainError(
        'NOT_FOUND',
        msg('problem.notFound', { what: msg('subject.batch'), id }),
      );
    }
    return toBatchView(batch);
  }
}
