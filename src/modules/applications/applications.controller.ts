import { Controller, Get, Param, ParseUUIDPipe, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../../domain/access/roles';
import { withEtag } from '../../shared/http/if-match';
import { PageQueryDto } from '../../shared/pagination/pagination';
import { CurrentActor } from '../auth/auth.decorators';
import { ApplicationsQueries } from './applications.queries';
import { ListApplicationsQueryDto } from './dto/application.dto';

/** Reading applications; every change goes through the commands module's routes. */
@ApiTags('applications')
@ApiBearerAuth()
@Controller('applications')
export class ApplicationsController {
  constructor(private readonly applications: ApplicationsQueries) {}

  @Get()
  list(@Query() query: ListApplicationsQueryDto, @CurrentActor() actor: Actor) {
    return this.applications.list(query, actor);
  }

  @Get(':id')
  async get(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return withEtag(reply, await this.applications.get(id, actor));
  }

  @Get(':id/history')
  history(
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: PageQueryDto,
    @CurrentActor() actor: Actor,
  ) {
    return this.applications.history(id, actor, query);
  }
}
