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
import { parseIfMatch, withEtag } from '../../shared/http/if-match';
import {
  ApplicationEventDto,
  CreateApplicationDto,
  UpdateApplicationDto,
} from '../applications/dto/application.dto';
import { CurrentActor, RequestId, Roles } from '../auth/auth.decorators';
import { ApplicationCommands } from './application-commands.service';

/** The routes that change applications: each one a command through the pipeline. */
@ApiTags('applications')
@ApiBearerAuth()
@Controller('applications')
export class ApplicationCommandsController {
  constructor(private readonly applications: ApplicationCommands) {}

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
