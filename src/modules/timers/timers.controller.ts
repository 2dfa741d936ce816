import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/auth.decorators';
import { ListTimersQueryDto } from './dto/timer.dto';
import { TimersQueries } from './timers.queries';

@ApiTags('timers')
@ApiBearerAuth()
@Roles('admin')
@Controller('timers')
export class TimersController {
  constructor(private readonly timers: TimersQueries) {}

  @Get()
  list(@Query() query: ListTimersQueryDto) {
    return this.timers.list(query);
  }
}
