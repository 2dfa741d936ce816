import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
} from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../../domain/access/roles';
import { DomainError } from '../../domain/errors';
import { parseIfMatch } from '../applications/applications.controller';
import { ApplicationsService } from '../applications/applications.service';
import { CurrentActor, RequestId } from '../auth/auth.decorators';
import { CertificatesService } from '../certificates/certificates.service';
import { CertificateEventDto, ListCertificatesQueryDto } from '../certificates/dto/certificate.dto';

@ApiTags('certificates')
@ApiBearerAuth()
@Controller('certificates')
export class CertificatesController {
  constructor(
    private readonly certificates: CertificatesService,
    private readonly applications: ApplicationsService,
  ) {}

  @Get()
  list(@Query() query: ListCertificatesQueryDto, @CurrentActor() actor: Actor) {
    return this.certificates.list(query, actor);
  }

  @Get(':id')
  get(@Param('id', ParseUUIDPipe) id: string, @CurrentActor() actor: Actor) {
    return this.certificates.get(id, actor);
  }

  @Post(':id/events')
  @HttpCode(200)
  async event(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: CertificateEventDto,
    @CurrentActor() actor: Actor,
    @RequestId() requestId: string,
    @Headers('if-match') ifMatch: string | undefined,
  ) {
    if (body.type === 'reReview.submit') {
      if (!body.facts) {
        throw new DomainError('VALIDATION_FAILED', 'reReview.submit needs facts', {
          errors: [{ field: 'facts', message: 'the re-review is judged on figures: give facts' }],
        });
      }
      const application = await this.applications.createReReview(id, body.facts, actor, requestId);
      return { ...(await this.certificates.get(id, actor)), reReviewApplication: application };
    }
    const expectedVersion = parseIfMatch(ifMatch);
    return this.certificates.send({
      certificateId: id,
      type: body.type,
      actor,
      requestId,
      ...(body.comment !== undefined ? { comment: body.comment } : {}),
      ...(body.reasons !== undefined ? { reasons: body.reasons } : {}),
      ...(body.data !== undefined ? { data: body.data } : {}),
      ...(body.year !== undefined ? { year: body.year } : {}),
      ...(body.ground !== undefined ? { ground: body.ground } : {}),
      ...(expectedVersion !== undefined ? { expectedVersion } : {}),
    });
  }
}
