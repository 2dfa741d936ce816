import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../../domain/access/roles';
import { ApiJson, ApiOp } from '../../infra/http/openapi/api-docs';
import { BatchEventsDto } from '../applications/dto/batch-events.dto';
import { CurrentActor, RequestId, Roles } from '../auth/auth.decorators';
import { BatchResultSchema } from '../batches/batch.schema';
import { BatchCommands } from './batch-commands.service';

/** One event to many applications, each through the pipeline on its own. */
@ApiTags('applications')
@ApiBearerAuth()
@Controller('applications')
export class BatchCommandsController {
  constructor(private readonly batches: BatchCommands) {}

  @ApiOp({
    id: 'sendBatchEvents',
    summary: 'Sends one event to many applications (ids or a filter); a result per item',
    description:
      'Each item is checked and sent on its own (an application outside your reach is refused as NOT_FOUND). ' +
      'With atomic=true, one refused item rolls every item back. Follow a batch at GET /batches/{id}.',
  })
  @ApiJson(BatchResultSchema)
  @Roles('reviewer', 'expert', 'admin')
  @Post('batch-events')
  @HttpCode(200)
  send(@Body() body: BatchEventsDto, @CurrentActor() actor: Actor, @RequestId() requestId: string) {
    return this.batches.send(
      {
        type: body.type,
        ...(body.ids !== undefined ? { ids: body.ids } : {}),
        ...(body.filter !== undefined ? { filter: { ...body.filter } } : {}),
        ...(body.comment !== undefined ? { comment: body.comment } : {}),
        ...(body.reasons !== undefined ? { reasons: body.reasons } : {}),
        ...(body.atomic !== undefined ? { atomic: body.atomic } : {}),
      },
      actor,
      requestId,
    );
  }
}
