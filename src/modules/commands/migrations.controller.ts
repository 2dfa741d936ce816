import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../../domain/access/roles';
import { DomainError } from '../../domain/errors';
import { msg } from '../../domain/i18n/message';
import { ApiJson, ApiOp } from '../../infra/http/openapi/api-docs';
import { CurrentActor, RequestId, Roles } from '../auth/auth.decorators';
import { BatchRepository } from '../batches/batch.repository';
import { BatchSchema } from '../batches/batch.schema';
import { toBatchView } from '../batches/batch.view';
import { MigrationDto } from '../workflows/dto/migration.dto';
import { DryRunSchema, MigrationStartedSchema } from '../workflows/workflow-versions.schema';
import { MigrationCommands } from './migration-commands.service';

/** Moving running applications to another version of their machine (administrators). */
@ApiTags('workflows')
@ApiBearerAuth()
@Controller()
export class MigrationsController {
  constructor(
    private readonly migrations: MigrationCommands,
    private readonly batches: BatchRepository,
  ) {}

  @ApiOp({
    id: 'dryRunMigration',
    summary: 'What a migration would do to every running application; changes nothing',
  })
  @ApiJson(DryRunSchema)
  @Roles('admin')
  @Post('workflows/:id/migrations/dry-run')
  @HttpCode(200)
  dryRun(@Param('id') id: string, @Body() body: MigrationDto) {
    return this.migrations.dryRun(id, body.from, body.to);
  }

  @ApiOp({
    id: 'startMigration',
    summary: 'Migrates the running applications, in batches; follow it at GET /migrations/{id}',
  })
  @ApiJson(MigrationStartedSchema, { status: 202 })
  @Roles('admin')
  @Post('workflows/:id/migrations')
  @HttpCode(202)
  start(
    @Param('id') id: string,
    @Body() body: MigrationDto,
    @CurrentActor() actor: Actor,
    @RequestId() requestId: string,
  ) {
    return this.migrations.start(id, body.from, body.to, actor, requestId);
  }

  @ApiOp({ id: 'getMigration', summary: "A migration's progress, and the applications it left" })
  @ApiJson(BatchSchema)
  @Roles('admin')
  @Get('migrations/:id')
  async get(@Param('id', ParseUUIDPipe) id: string) {
    const batch = await this.batches.find(id);
    if (!batch || batch.kind !== 'migration') {
      throw new DomainError(
        'NOT_FOUND',
        msg('problem.notFound', { what: msg('subject.migration'), id }),
      );
    }
    return toBatchView(batch);
  }
}
