import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../../domain/access/roles';
import { CurrentActor } from '../auth/auth.decorators';
import { ListEnterprisesQueryDto } from './dto/enterprise.dto';
import { EnterprisesService } from './enterprises.service';

@ApiTags('enterprises')
@ApiBearerAuth()
@Controller('enterprises')
export class EnterprisesController {
  constructor(private readonly enterprises: EnterprisesService) {}

  @Get()
  list(@Query() query: ListEnterprisesQueryDto, @CurrentActor() actor: Actor) {
    return this.enterprises.list(query, actor);
  }

  @Get(':id')
  get(@Param('id', ParseUUIDPipe) id: string, @CurrentActor() actor: Actor) {
    return this.enterprises.get(id, actor);
  }
}
