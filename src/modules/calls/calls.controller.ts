import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../../domain/access/roles';
import { CurrentActor, RequestId, Roles } from '../auth/auth.decorators';
import { CallsService } from './calls.service';
import { CreateCallDto, ListCallsQueryDto } from './dto/call.dto';

@ApiTags('calls')
@ApiBearerAuth()
@Controller('calls')
export class CallsController {
  constructor(private readonly calls: CallsService) {}

  @Roles('reviewer', 'admin')
  @Post()
  create(
    @Body() body: CreateCallDto,
    @CurrentActor() actor: Actor,
    @RequestId() requestId: string,
  ) {
    return this.calls.create(body, actor, requestId);
  }

  @Get()
  list(@Query() query: ListCallsQueryDto) {
    return this.calls.list(query);
  }
}
