import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { SkipThrottle, ThrottlerGuard } from '@nestjs/throttler';
import { Public, RequestId } from '../auth/auth.decorators';
import { ObjectionDto } from '../objections/dto/objection.dto';
import { ApplicationCommands } from './application-commands.service';
import { ApiJson, ApiOp } from '../../infra/http/openapi/api-docs';
import { ObjectionReceiptSchema } from '../public/notice.schema';

/** Anyone may object to an application on public notice (no account; rate limited). */
@ApiTags('public')
@Public()
@UseGuards(ThrottlerGuard)
@SkipThrottle({ public: true, login: true, objections: false, registration: true })
@Controller('public')
export class ObjectionsController {
  constructor(private readonly applications: ApplicationCommands) {}

  @ApiOp({
    id: 'fileObjection',
    summary: 'Files a real-name objection to an application under public notice',
    problems: ['INVALID_TRANSITION', 'VERSION_CONFLICT'],
  })
  @ApiJson(ObjectionReceiptSchema, { status: 202 })
  @Post('notices/:applicationId/objections')
  @HttpCode(202)
  object(
    @Param('applicationId', ParseUUIDPipe) applicationId: string,
    @Body() body: ObjectionDto,
    @RequestId() requestId: string,
  ) {
    return this.applications.fileObjection(applicationId, body, requestId);
  }
}
