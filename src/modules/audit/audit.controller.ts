import { Controller, Get, Header, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../../domain/access/roles';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { AuditService } from './audit.service';
import { CaseFilesService } from './case-files.service';
import { AuditExportQueryDto, AuditListQueryDto, VerifyQueryDto } from './dto/audit.dto';

@ApiTags('audit')
@ApiBearerAuth()
@Roles('auditor', 'admin')
@Controller('audit')
export class AuditController {
  constructor(
    private readonly audit: AuditService,
    private readonly caseFiles: CaseFilesService,
  ) {}

  @Get('events')
  list(@Query() query: AuditListQueryDto, @CurrentActor() actor: Actor) {
    return this.audit.list(query, actor);
  }

  /** Streams every matching event: NDJSON (one event a line) or CSV. */
  @Get('events/export')
  async export(
    @Query() query: AuditExportQueryDto,
    @CurrentActor() actor: Actor,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const format = query.format ?? 'ndjson';
    const stream = await this.audit.export(query, actor, format);
    await reply
      .header('Content-Type', format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson')
      .header('Content-Disposition', `attachment; filename="audit-events.${format}"`)
      .send(stream);
  }

  /** Recomputes the hash chain and reports the first event that no longer matches. */
  @Get('verify')
  verify(@Query() query: VerifyQueryDto) {
    return this.audit.verify(query.from ?? 'genesis');
  }

  @Get('public-key')
  publicKey() {
    return this.audit.publicKey();
  }

  @Get('checkpoints')
  checkpoints() {
    return this.audit.checkpoints().then((items) => ({ items, nextCursor: null }));
  }

  /** Signs the current head of the chain now (admins; the scheduler does it periodically). */
  @Roles('admin')
  @Post('checkpoints')
  @Header('Cache-Control', 'no-store')
  checkpoint() {
    return this.audit.checkpoint(true);
  }

  /** The signed case bundle, streamed (format sme-ladder-case-bundle/2). */
  @Get('applications/:id/bundle')
  async bundle(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentActor() actor: Actor,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const stream = await this.caseFiles.bundle(id, actor);
    await reply.header('Content-Type', 'application/json; charset=utf-8').send(stream);
  }

  @Get('applications/:id/replay')
  replay(@Param('id', ParseUUIDPipe) id: string, @CurrentActor() actor: Actor) {
    return this.caseFiles.replay(id, actor);
  }
}
