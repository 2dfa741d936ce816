import {
  Body,
  Controller,
  Headers,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Res,
} from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../../domain/access/roles';
import { parseIfMatch, withEtag } from '../../infra/http/if-match';
import {
  ApplicationEventDto,
  CreateApplicationDto,
  UpdateApplicationDto,
} from '../applications/dto/application.dto';
import { CurrentActor, RequestId, Roles } from '../auth/auth.decorators';
import { ApplicationCommands } from './application-commands.service';
import { ApiJson, ApiOp } from '../../infra/http/openapi/api-docs';
import { ApplicationSchema } from '../applications/application.schema';

/** The routes that change applications: each one a command through the pipeline. */
@ApiTags('applications')
@ApiBearerAuth()
@Controller('applications')
export class ApplicationCommandsController {
  constructor(private readonly applications: ApplicationCommands) {}

  @ApiOp({
    id: 'createApplication',
    summary: 'Starts an application for a tier (a draft, assessed at once)',
    headers: ['etag'],
    problems: [
      'NOT_FOUND',
      'NO_OPEN_CALL',
      'CALL_CLOSED',
      'APPLICATION_BARRED',
      'PREREQUISITE_NOT_MET',
      'RULE_NOT_MET',
      'DUPLICATE',
      'VERSION_CONFLICT',
    ],
  })
  @ApiJson(ApplicationSchema, { status: 201 })
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

  @ApiOp({
    id: 'updateApplication',
    summary: 'Changes the facts of a draft or returned application',
    headers: ['if-match', 'etag'],
    problems: ['INVALID_TRANSITION', 'VERSION_CONFLICT', 'RULE_NOT_MET', 'DUPLICATE'],
  })
  @ApiJson(ApplicationSchema)
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
      await this.applications.updateFacts(id, body.facts, actor, requestId, parseIfMatch(ifMatch)),
    );
  }

  @ApiOp({
    id: 'sendApplicationEvent',
    summary: 'Sends an event (submit, review.recommend, …) to an application',
    headers: ['if-match', 'etag'],
    problems: [
      'DOCUMENTS_MISSING',
      'INVALID_TRANSITION',
      'VERSION_CONFLICT',
      'DUPLICATE',
      'RULE_NOT_MET',
      'PREREQUISITE_NOT_MET',
      'APPLICATION_BARRED',
      'NO_OPEN_CALL',
      'CALL_CLOSED',
    ],
  })
  @ApiJson(ApplicationSchema)
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
      id,
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
}
