import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../../domain/access/roles';
import { DomainError } from '../../domain/errors';
import { CurrentActor, RequestId, Roles } from '../auth/auth.decorators';
import type { ApplicationView } from './application.view';
import { ApplicationsService } from './applications.service';
import {
  ApplicationEventDto,
  CreateApplicationDto,
  ListApplicationsQueryDto,
  UpdateApplicationDto,
} from './dto/application.dto';

/** `If-Match: "3"` (or W/"3", or 3) → 3; absent → undefined; anything else → 400. */
export const parseIfMatch = (header: string | undefined): number | undefined => {
  if (header === undefined) return undefined;
  const match = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(header);
  if (!match?.[1]) {
    throw new DomainError('VALIDATION_FAILED', 'If-Match must be an ETag such as "3"', {
      errors: [{ field: 'If-Match', message: 'must be an ETag such as "3"' }],
    });
  }
  return Number(match[1]);
};

const withEtag = (reply: FastifyReply, view: ApplicationView): ApplicationView => {
  void reply.header('ETag', `"${view.version}"`);
  return view;
};

@ApiTags('applications')
@ApiBearerAuth()
@Controller('applications')
export class ApplicationsController {
  constructor(private readonly applications: ApplicationsService) {}

  @Roles('enterprise')
  @Post()
  async create(
    @Body() body: CreateApplicationDto,
    @CurrentActor() actor: Actor,
    @RequestId() requestId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return withEtag(reply, await this.applications.create(body, actor, requestId));
  }

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

  @Roles('enterprise')
  @Patch(':id')
  async update(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateApplicationDto,
    @CurrentActor() actor: Actor,
    @RequestId() requestId: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return withEtag(
      reply,
      await this.applications.updateFacts(id, body, actor, requestId, parseIfMatch(ifMatch)),
    );
  }

  @Post(':id/events')
  @HttpCode(200)
  async event(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: ApplicationEventDto,
    @CurrentActor() actor: Actor,
    @RequestId() requestId: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const expectedVersion = parseIfMatch(ifMatch);
    const view = await this.applications.send({
      applicationId: id,
      type: body.type,
      ...(body.comment !== undefined ? { comment: body.comment } : {}),
      ...(body.reasons !== undefined ? { reasons: body.reasons } : {}),
      ...(body.data !== undefined ? { data: body.data } : {}),
      actor,
      requestId,
      ...(expectedVersion !== undefined ? { expectedVersion } : {}),
    });
    return withEtag(reply, view);
  }

  @Get(':id/history')
  history(@Param('id', ParseUUIDPipe) id: string, @CurrentActor() actor: Actor) {
    return this.applications.history(id, actor);
  }
}
