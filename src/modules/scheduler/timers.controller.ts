import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../../domain/access/roles';
import { CurrentActor, RequestId, Roles } from '../auth/auth.decorators';
import { ListTimersQueryDto, RescheduleTimerDto } from '../timers/dto/timer.dto';
import { TimerAdminService } from './timer-admin.service';

@ApiTags('timers')
@ApiBearerAuth()
@Roles('admin')
@Controller('timers')
export class TimersController {
  constructor(private readonly timers: TimerAdminService) {}

  @Get()
  list(@Query() query: ListTimersQueryDto) {
    return this.timers.list(query);
  }

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
