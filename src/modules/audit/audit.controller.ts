import { Controller, Get, Header, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiExtraModels,
  ApiResponse,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../../domain/access/roles';
import { PageQueryDto } from '../../infra/pagination/pagination';
import { CurrentActor, RequestId, Roles } from '../auth/auth.decorators';
import { AuditService } from './audit.service';
import { CaseFilesService } from './case-files.service';
import {
  AuditExportQueryDto,
  AuditListQueryDto,
  BundleQueryDto,
  VerifyQueryDto,
} from './dto/audit.dto';
import { ApiJson, ApiOp, ApiPage } from '../../infra/http/openapi/api-docs';
import { AuditEventSchema } from '../applications/application.schema';
import {
  CaseBundleSchema,
  CheckpointSchema,
  PublicKeySchema,
  ReplayReportSchema,
  VerifyReportSchema,
} from './audit.schema';

@ApiTags('audit')
@ApiBearerAuth()
@Roles('auditor', 'admin')
@Controller('audit')
export class AuditController {
  constructor(
    private readonly audit: AuditService,
    private readonly caseFiles: CaseFilesService,
  ) {}

  @ApiOp({ id: 'listAuditEvents', summary: "Audit events in the caller's region, filtered" })
  @ApiPage(AuditEventSchema)
  @Get('events')
  list(@Query() query: AuditListQueryDto, @CurrentActor() actor: Actor) {
    return this.audit.list(query, actor);
  }

  /** Streams every matching event: NDJSON (one event a line) or CSV. */
  @ApiOp({
    id: 'exportAuditEvents',
    summary: 'Every matching audit event, streamed as NDJSON or CSV',
  })
  @ApiResponse({
    status: 200,
    description: 'NDJSON (one AuditEventSchema a line; format=ndjson, the default) or CSV',
    content: {
      'application/x-ndjson': { schema: { type: 'string' } },
      'text/csv': { schema: { type: 'string' } },
    },
  })
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
  @ApiOp({
    id: 'verifyAuditChain',
    summary: 'Recomputes the whole chain and checks every signed checkpoint',
  })
  @ApiJson(VerifyReportSchema)
  @Get('verify')
  verify(@Query() query: VerifyQueryDto) {
    return this.audit.verify(query.from ?? 'genesis');
  }

  @ApiOp({
    id: 'getAuditPublicKey',
    summary: 'The Ed25519 key that signs checkpoints and case bundles',
  })
  @ApiJson(PublicKeySchema)
  @Get('public-key')
  publicKey() {
    return this.audit.publicKey();
  }

  @ApiOp({ id: 'listAuditCheckpoints', summary: 'The newest signed checkpoints' })
  @ApiPage(CheckpointSchema)
  @Get('checkpoints')
  checkpoints(@Query() query: PageQueryDto) {
    return this.audit.checkpoints(query);
  }

  /** Signs the current head of the chain now (admins; the scheduler does it periodically). */
  @ApiOp({ id: 'createAuditCheckpoint', summary: 'Signs the current head of the chain now' })
  @ApiJson(CheckpointSchema, { status: 201 })
  @Roles('admin')
  @Post('checkpoints')
  @Header('Cache-Control', 'no-store')
  checkpoint() {
    return this.audit.checkpoint(true);
  }

  /**
   * The signed case bundle, streamed (format sme-ladder-case-bundle/2); `format=zip` adds every
   * document's file (the downloads are audited).
   */
  @ApiOp({
    id: 'getCaseBundle',
    summary: 'The signed case bundle of an application (verify offline with npm run verify-bundle)',
    description:
      'format=zip: a zip of bundle.json (the signed bundle) and documents/<kind>/<sha256>.<ext>, one ' +
      'entry per file of every listed document, streamed; each document is recorded as downloaded ' +
      '(document.download, via case-bundle). Verify with npm run verify-bundle -- case.zip --key <keyId>.',
  })
  @ApiExtraModels(CaseBundleSchema)
  @ApiResponse({
    status: 200,
    description: 'The signed bundle (JSON), or with format=zip the bundle and the files (zip)',
    content: {
      'application/json': { schema: { $ref: getSchemaPath(CaseBundleSchema) } },
      'application/zip': { schema: { type: 'string', format: 'binary' } },
    },
  })
  @Get('applications/:id/bundle')
  async bundle(
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: BundleQueryDto,
    @CurrentActor() actor: Actor,
    @RequestId() requestId: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    if (query.format === 'zip') {
      const zip = await this.caseFiles.bundleZip(id, actor, requestId);
      await reply
        .header('Content-Type', 'application/zip')
        .header('Content-Disposition', `attachment; filename="case-${id}.zip"`)
        .header('Cache-Control', 'private, no-store')
        .send(zip);
      return;
    }
    const stream = await this.caseFiles.bundle(id, actor);
    await reply.header('Content-Type', 'application/json; charset=utf-8').send(stream);
  }

  @ApiOp({
    id: 'replayApplication',
    summary: "Replays the application's history through its pinned machine",
  })
  @ApiJson(ReplayReportSchema)
  @Get('applications/:id/replay')
  replay(@Param('id', ParseUUIDPipe) id: string, @CurrentActor() actor: Actor) {
    return this.caseFiles.replay(id, actor);
  }
}
