import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../../domain/access/roles';
import { CurrentActor, Public, RequestId } from '../auth/auth.decorators';
import { ListEnterprisesQueryDto, RegisterEnterpriseDto } from './dto/enterprise.dto';
import { EnterprisesService } from './enterprises.service';

@ApiTags('enterprises')
@Controller('enterprises')
export class EnterprisesController {
  constructor(private readonly enterprises: EnterprisesService) {}

  @Public()
  @Post()
  register(@Body() body: RegisterEnterpriseDto, @RequestId() requestId: string) {
    return this.enterprises.register(body, requestId);
  }

  @ApiBearerAuth()
  @Get()
  list(@Query() query: ListEnterprisesQueryDto, @CurrentActor() actor: Actor) {
    return this.enterprises.list(query, actor);
  }

  @ApiBearerAuth()
  @Get(':id')
  get(@Param('id', ParseUUIDPipe) id: string, @CurrentActor() actor: Actor) {
    return this.enterprises.get(id, actor);
  }
}
