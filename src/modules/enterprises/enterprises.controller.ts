import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../../domain/access/roles';
import { CurrentActor } from '../auth/auth.decorators';
import { ListEnterprisesQueryDto } from './dto/enterprise.dto';
import { EnterprisesService } from './enterprises.service';
import { ApiJson, ApiOp, ApiPage } from '../../infra/http/openapi/api-docs';
import { EnterpriseSchema } from './enterprise.schema';

@ApiTags('enterprises')
@ApiBearerAuth()
@Controller('enterprises')
export class EnterprisesController {
  constructor(private readonly enterprises: EnterprisesService) {}

  @ApiOp({ id: 'listEnterprises', summary: 'Enterprises the caller may see' })
  @ApiPage(EnterpriseSchema)
  @Get()
  list(@Query() query: ListEnterprisesQueryDto, @CurrentActor() actor: Actor) {
    return this.enterprises.list(query, actor);
  }

  @ApiOp({ id: 'getEnterprise', summary: 'One enterprise' })
  @ApiJson(EnterpriseSchema)
  @Get(':id')
  get(@Param('id', ParseUUIDPipe) id: string, @CurrentActor() actor: Actor) {
    return this.enterprises.get(id, actor);
  }
}
