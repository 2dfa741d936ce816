import { Body, Controller, Get, HttpCode, Post, UseGuards } from '@nestjs/common';
import { SkipThrottle, ThrottlerGuard } from '@nestjs/throttler';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../../domain/access/roles';
import { DomainError } from '../../domain/errors';
import { UsersService } from '../users/users.service';
import { NoIdempotency } from '../../infra/idempotency/idempotency.interceptor';
import { CurrentActor, Public } from './auth.decorators';
import { AuthService, type TokenResponse } from './auth.service';
import { TokenRequestDto } from './dto/token.dto';
import { ApiJson, ApiOp } from '../../infra/http/openapi/api-docs';
import { MeSchema, TokenSchema } from '../users/user.schema';
import { msg } from '../../domain/i18n/message';

@ApiTags('auth')
@Controller()
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
  ) {}

  @ApiOp({
    id: 'issueToken',
    summary: 'Signs in: a short-lived bearer token',
    problems: ['UNAUTHENTICATED'],
  })
  @ApiJson(TokenSchema)
  @Public()
  // Per client address, on top of the per-username lockout.
  @UseGuards(ThrottlerGuard)
  @SkipThrottle({ public: true, objections: true, registration: true })
  // Its response is an access token: never stored for replay.
  @NoIdempotency()
  @Post('auth/token')
  @HttpCode(200)
  token(@Body() body: TokenRequestDto): Promise<TokenResponse> {
    return this.auth.issueToken(body.username, body.password);
  }

  @ApiOp({ id: 'getMe', summary: 'The signed-in user' })
  @ApiJson(MeSchema)
  @ApiBearerAuth()
  @Get('me')
  async me(@CurrentActor() actor: Actor) {
    const user = await this.users.findById(actor.id);
    if (!user) throw new DomainError('UNAUTHENTICATED', msg('problem.tokenRequired'));
    return {
      id: user.id,
      username: user.username,
      role: user.role,
      ...(actor.kind === 'user' && actor.enterpriseId ? { enterpriseId: actor.enterpriseId } : {}),
      ...(actor.kind === 'user' && actor.jurisdiction ? { jurisdiction: actor.jurisdiction } : {}),
    };
  }
}
