import { Controller, Get, Query, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { SkipThrottle, ThrottlerGuard } from '@nestjs/throttler';
import { PageQueryDto } from '../../infra/pagination/pagination';
import { ApplicationsQueries } from '../applications/applications.queries';
import { Public } from '../auth/auth.decorators';
import { CertificatesQueries } from '../certificates/certificates.queries';
import { PublicRegisterQueryDto } from '../certificates/dto/certificate.dto';
import { ApiOp, ApiPage } from '../../infra/http/openapi/api-docs';
import { PublicCertificateSchema } from '../certificates/certificate.schema';
import { PublicNoticeSchema } from './notice.schema';

/** What anyone may read without an account (rate limited per client address). */
@ApiTags('public')
@Public()
@UseGuards(ThrottlerGuard)
@SkipThrottle({ login: true, objections: true, registration: true })
@Controller('public')
export class PublicController {
  constructor(
    private readonly applications: ApplicationsQueries,
    private readonly certificates: CertificatesQueries,
  ) {}

  @ApiOp({
    id: 'listPublicNotices',
    summary: 'Applications under public notice (open to objections)',
  })
  @ApiPage(PublicNoticeSchema)
  @Get('notices')
  notices(@Query() query: PageQueryDto) {
    return this.applications.publicNotices(query);
  }

  @ApiOp({ id: 'listPublicCertificates', summary: 'The public register of titles, by credit code' })
  @ApiPage(PublicCertificateSchema, {
    description: "All of the enterprise's titles, in one page (nextCursor is null)",
  })
  @Get('certificates')
  register(@Query() query: PublicRegisterQueryDto) {
    return this.certificates.publicRegister(query.creditCode);
  }
}
