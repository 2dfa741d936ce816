import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/auth.decorators';
import { ListTimersQueryDto } from './dto/timer.dto';
import { TimersQueries } from './timers.queries';
import { ApiOp, ApiPage } from '../../infra/http/openapi/api-docs';
import { TimerSchema } from './timer.schema';

@ApiTags('timers')
@ApiBearerAuth()
@Roles('admin')
@Controller('timers')
export class TimersController {
  constructor(private readonly timers: TimersQueries) {}

  @ApiOp({ id: 'listTimers', summary: 'Durable timers (admins)' })
  @ApiPage(TimerSchema)
  @Get()
  list(@Query() query: ListTimersQueryDto) {
    return this.timers.list(query);
  }
}
