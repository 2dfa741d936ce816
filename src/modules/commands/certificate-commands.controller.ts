import {
  Body,
  Controller,
  Headers,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Res,
} from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../../domain/access/roles';
import { parseIfMatch, withEtag } from '../../infra/http/if-match';
import { CurrentActor, RequestId } from '../auth/auth.decorators';
import { CertificateEventDto } from '../certificates/dto/certificate.dto';
import { CertificateCommands } from './certificate-commands.service';
import { ApiJson, ApiOp } from '../../infra/http/openapi/api-docs';
import { CertificateSchema } from '../certificates/certificate.schema';

/** Events to certificates: each one a command through the pipeline. */
@ApiTags('certificates')
@ApiBearerAuth()
@Controller('certificates')
export class CertificateCommandsController {
  constructor(private readonly certificates: CertificateCommands) {}

  @ApiOp({
    id: 'sendCertificateEvent',
    summary: 'Sends an event (annual update, change report, revocation, …) to a certificate',
    headers: ['if-match', 'etag'],
    problems: [
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
  @ApiJson(CertificateSchema)
  @Post(':id/events')
  @HttpCode(200)
  async event(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: CertificateEventDto,
    @CurrentActor() actor: Actor,
    @RequestId() requestId: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const expectedVersion = parseIfMatch(ifMatch);
    const view = await this.certificates.send({
      id,
      type: body.type,
      actor,
      requestId,
      ...(body.comment !== undefined ? { comment: body.comment } : {}),
      ...(body.reasons !== undefined ? { reasons: body.reasons } : {}),
      ...(body.data !== undefined ? { data: body.data } : {}),
      ...(body.year !== undefined ? { year: body.year } : {}),
      ...(body.ground !== undefined ? { ground: body.ground } : {}),
      ...(body.facts !== undefined ? { facts: body.facts } : {}),
      ...(body.report !== undefined ? { report: body.report } : {}),
      ...(expectedVersion !== undefined ? { expectedVersion } : {}),
    });
    return withEtag(reply, view);
  }
}
