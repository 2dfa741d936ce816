import { Body, Controller, Param, ParseUUIDPipe, Patch } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../../domain/access/roles';
import { CurrentActor, RequestId, Roles } from '../auth/auth.decorators';
import { RescheduleTimerDto } from '../timers/dto/timer.dto';
import { TimerCommands } from './timer-commands.service';
import { ApiJson, ApiOp } from '../../infra/http/openapi/api-docs';
import { TimerSchema } from '../timers/timer.schema';

@ApiTags('timers')
@ApiBearerAuth()
@Roles('admin')
@Controller('timers')
export class TimerCommandsController {
  constructor(private readonly timers: TimerCommands) {}

  @ApiOp({
    id: 'rescheduleTimer',
    summary: 'Moves a pending timer (admins)',
    problems: ['INVALID_TRANSITION', 'VERSION_CONFLICT', 'DUPLICATE', 'RULE_NOT_MET'],
  })
  @ApiJson(TimerSchema)
  @Patch(':id')
  reschedule(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: RescheduleTimerDto,
    @CurrentActor() actor: Actor,
    @RequestId() requestId: string,
  ) {
    return this.timers.reschedule(id, body.dueAt, actor, requestId);
  }
}
