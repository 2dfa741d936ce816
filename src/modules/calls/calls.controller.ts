import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../../domain/access/roles';
import { CurrentActor, RequestId, Roles } from '../auth/auth.decorators';
import { CallsService } from './calls.service';
import { CreateCallDto, ListCallsQueryDto } from './dto/call.dto';
import { ApiJson, ApiOp, ApiPage } from '../../infra/http/openapi/api-docs';
import { CallSchema } from './call.schema';

@ApiTags('calls')
@ApiBearerAuth()
@Controller('calls')
export class CallsController {
  constructor(private readonly calls: CallsService) {}

  @ApiOp({
    id: 'createCall',
    summary: 'Opens a call for applications (tier, region, year, window)',
    problems: ['DUPLICATE'],
  })
  @ApiJson(CallSchema, { status: 201 })
  @Roles('reviewer', 'admin')
  @Post()
  create(
    @Body() body: CreateCallDto,
    @CurrentActor() actor: Actor,
    @RequestId() requestId: string,
  ) {
    return this.calls.create(body, actor, requestId);
  }

  @ApiOp({ id: 'listCalls', summary: 'Calls for applications' })
  @ApiPage(CallSchema)
  @Get()
  list(@Query() query: ListCallsQueryDto) {
    return this.calls.list(query);
  }
}
