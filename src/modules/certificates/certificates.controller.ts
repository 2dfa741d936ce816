import { Controller, Get, Param, ParseUUIDPipe, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../../domain/access/roles';
import { withEtag } from '../../infra/http/if-match';
import { CurrentActor } from '../auth/auth.decorators';
import { CertificatesQueries } from './certificates.queries';
import { ListCertificatesQueryDto } from './dto/certificate.dto';
import { ApiJson, ApiOp, ApiPage } from '../../infra/http/openapi/api-docs';
import { CertificateSchema } from './certificate.schema';

/** Reading certificates; their events go through the commands module's route. */
@ApiTags('certificates')
@ApiBearerAuth()
@Controller('certificates')
export class CertificatesController {
  constructor(private readonly certificates: CertificatesQueries) {}

  @ApiOp({ id: 'listCertificates', summary: 'Certificates the caller may see' })
  @ApiPage(CertificateSchema)
  @Get()
  list(@Query() query: ListCertificatesQueryDto, @CurrentActor() actor: Actor) {
    return this.certificates.list(query, actor);
  }

  @ApiOp({
    id: 'getCertificate',
    summary: 'One certificate, with the events the caller may send now',
    headers: ['etag'],
  })
  @ApiJson(CertificateSchema)
  @Get(':id')
  async get(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return withEtag(reply, await this.certificates.get(id, actor));
  }
}
