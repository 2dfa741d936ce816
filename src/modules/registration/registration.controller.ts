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
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { SkipThrottle, ThrottlerGuard } from '@nestjs/throttler';
import type { Actor } from '../../domain/access/roles';
import { CurrentActor, Public, RequestId, Roles } from '../auth/auth.decorators';
import {
  ClaimEnterpriseDto,
  DecideClaimDto,
  ListClaimsQueryDto,
  RegisterEnterpriseDto,
} from './dto/register-enterprise.dto';
import { RegistrationService } from './registration.service';
import { ApiJson, ApiOp, ApiPage } from '../../infra/http/openapi/api-docs';
import { ClaimReceiptSchema, ClaimSchema } from './claim.schema';
import { EnterpriseSchema } from '../enterprises/enterprise.schema';

/** Self-registration, throttled per client address like the other public routes. */
@ApiTags('enterprises')
@Controller('enterprises')
export class RegistrationController {
  constructor(private readonly registration: RegistrationService) {}

  /** Self-registration (no account yet): the enterprise and its first user. */
  @ApiOp({
    id: 'registerEnterprise',
    summary: 'Registers an enterprise and its first account',
    problems: ['DUPLICATE'],
  })
  @ApiJson(EnterpriseSchema, { status: 201 })
  @Public()
  @UseGuards(ThrottlerGuard)
  @SkipThrottle({ public: true, login: true, objections: true, registration: false })
  @Post()
  register(@Body() body: RegisterEnterpriseDto, @RequestId() requestId: string) {
    return this.registration.register(body, requestId);
  }

  /** A company claims its credit code, registered by an account it does not recognise. */
  @ApiOp({
    id: 'fileEnterpriseClaim',
    summary: 'Claims a credit code registered by an account the company does not recognise',
    problems: ['DUPLICATE'],
  })
  @ApiJson(ClaimReceiptSchema, { status: 202 })
  @Public()
  @UseGuards(ThrottlerGuard)
  @SkipThrottle({ public: true, login: true, objections: true, registration: false })
  @Post('claims')
  @HttpCode(202)
  claim(@Body() body: ClaimEnterpriseDto, @RequestId() requestId: string) {
    return this.registration.fileClaim(body, requestId);
  }

  @ApiOp({ id: 'listEnterpriseClaims', summary: "Claims in the caller's region" })
  @ApiPage(ClaimSchema)
  @ApiBearerAuth()
  @Roles('reviewer', 'auditor', 'admin')
  @Get('claims')
  claims(@Query() query: ListClaimsQueryDto, @CurrentActor() actor: Actor) {
    return this.registration.listClaims(query, actor);
  }

  @ApiOp({
    id: 'decideEnterpriseClaim',
    summary: 'Grants or refuses a claim',
    problems: ['INVALID_TRANSITION', 'VERSION_CONFLICT', 'DUPLICATE'],
  })
  @ApiJson(ClaimSchema)
  @ApiBearerAuth()
  @Roles('reviewer', 'admin')
  @Post('claims/:id/decision')
  @HttpCode(200)
  decide(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: DecideClaimDto,
    @CurrentActor() actor: Actor,
    @RequestId() requestId: string,
  ) {
    return this.registration.decideClaim(id, body, actor, requestId);
  }
}
