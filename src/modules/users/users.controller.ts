import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../../domain/access/roles';
import { CurrentActor, RequestId, Roles } from '../auth/auth.decorators';
import { CreateUserDto, ListUsersQueryDto, UpdateUserDto } from './dto/user.dto';
import { UsersService } from './users.service';
import { ApiJson, ApiOp, ApiPage } from '../../infra/http/openapi/api-docs';
import { UserSchema } from './user.schema';

@ApiTags('users')
@ApiBearerAuth()
@Roles('admin')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @ApiOp({
    id: 'createUser',
    summary:
      'Creates a user (reviewers, experts and auditors need a jurisdiction; enterprise users an enterpriseId)',
    problems: ['DUPLICATE'],
  })
  @ApiJson(UserSchema, { status: 201 })
  @Post()
  create(
    @Body() body: CreateUserDto,
    @CurrentActor() actor: Actor,
    @RequestId() requestId: string,
  ) {
    return this.users.create(body, { actor, requestId });
  }

  @ApiOp({ id: 'listUsers', summary: 'Users' })
  @ApiPage(UserSchema)
  @Get()
  list(@Query() query: ListUsersQueryDto) {
    return this.users.list(query);
  }

  @ApiOp({ id: 'getUser', summary: 'One user' })
  @ApiJson(UserSchema)
  @Get(':id')
  get(@Param('id', ParseUUIDPipe) id: string) {
    return this.users.get(id);
  }

  @ApiOp({
    id: 'updateUser',
    summary: 'Changes a user (password, disabled, jurisdiction)',
    problems: ['DUPLICATE', 'VERSION_CONFLICT'],
  })
  @ApiJson(UserSchema)
  @Patch(':id')
  update(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateUserDto,
    @CurrentActor() actor: Actor,
    @RequestId() requestId: string,
  ) {
    return this.users.update(id, body, { actor, requestId });
  }
}
