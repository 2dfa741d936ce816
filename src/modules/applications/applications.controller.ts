import { Controller, Get, Param, ParseUUIDPipe, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../../domain/access/roles';
import { withEtag } from '../../infra/http/if-match';
import { PageQueryDto } from '../../infra/pagination/pagination';
import { CurrentActor } from '../auth/auth.decorators';
import { ApplicationsQueries } from './applications.queries';
import { ListApplicationsQueryDto } from './dto/application.dto';
import { ApiJson, ApiOp, ApiPage } from '../../infra/http/openapi/api-docs';
import { ApplicationSchema, AuditEventSchema } from './application.schema';

/** Reading applications; every change goes through the commands module's routes. */
@ApiTags('applications')
@ApiBearerAuth()
@Controller('applications')
export class ApplicationsController {
  constructor(private readonly applications: ApplicationsQueries) {}

  @ApiOp({
    id: 'listApplications',
    summary: 'Applications the caller may see (scoped by role and jurisdiction)',
  })
  @ApiPage(ApplicationSchema)
  @Get()
  list(@Query() query: ListApplicationsQueryDto, @CurrentActor() actor: Actor) {
    return this.applications.list(query, actor);
  }

  @ApiOp({
    id: 'getApplication',
    summary: 'One application, with the events the caller may send now',
    headers: ['etag'],
  })
  @ApiJson(ApplicationSchema)
  @Get(':id')
  async get(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return withEtag(reply, await this.applications.get(id, actor));
  }

  @ApiOp({
    id: 'getApplicationHistory',
    summary: "The application's history (enterprises: reviewers and internal comments redacted)",
  })
  @ApiPage(AuditEventSchema)
  @Get(':id/history')
  history(
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: PageQueryDto,
    @CurrentActor() actor: Actor,
  ) {
    return this.applications.history(id, actor, query);
  }
}
