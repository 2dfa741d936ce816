import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  UseGuards,
} from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { SkipThrottle, ThrottlerGuard } from '@nestjs/throttler';
import { PageQueryDto } from '../../shared/pagination/pagination';
import { ApplicationsService } from '../applications/applications.service';
import { Public, RequestId } from '../auth/auth.decorators';
import { CertificatesService } from '../certificates/certificates.service';
import { PublicRegisterQueryDto } from '../certificates/dto/certificate.dto';
import { ObjectionDto } from '../public/dto/objection.dto';

/** What anyone may see and do without an account (rate limited per client address). */
@ApiTags('public')
@Public()
@UseGuards(ThrottlerGuard)
@SkipThrottle({ login: true, objections: true })
@Controller('public')
export class PublicController {
  constructor(
    private readonly applications: ApplicationsService,
    private readonly certificates: CertificatesService,
  ) {}

  @Get('notices')
  notices(@Query() query: PageQueryDto) {
    return this.applications.publicNotices(query);
  }

  @SkipThrottle({ public: true, login: true, objections: false })
  @Post('notices/:applicationId/objections')
  @HttpCode(202)
  object(
    @Param('applicationId', ParseUUIDPipe) applicationId: string,
    @Body() body: ObjectionDto,
    @RequestId() requestId: string,
  ) {
    return this.applications.fileObjection(applicationId, body, requestId);
  }

  @Get('certificates')
  register(@Query() query: PublicRegisterQueryDto) {
    return this.certificates.publicRegister(query.creditCode);
  }
}
