import {
  Controller,
  Delete,
  Get,
  Headers,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiResponse, ApiTags } from '@nestjs/swagger';
import { DOCUMENT_KINDS } from '../../domain/documents/documents';
import { ApiJson, ApiOp, ApiPage } from '../../infra/http/openapi/api-docs';
import { ChecklistSchema, DocumentSchema } from './document.schema';

const DOCUMENT_MEDIA_TYPES = ['application/pdf', 'image/jpeg', 'image/png', 'application/ofd'];
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../../domain/access/roles';
import { DomainError } from '../../domain/errors';
import { PageQueryDto } from '../../infra/pagination/pagination';
import { CurrentActor, RequestId, Roles } from '../auth/auth.decorators';
import { parseByteRange } from './byte-range';
import { DocumentsService } from './documents.service';

/** `Content-Disposition` with an ASCII fallback and the UTF-8 name (RFC 6266, RFC 8187). */
export const contentDisposition = (fileName: string): string => {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
};

/** Evidence documents of an application (API.md Wave 2, Documents). */
@ApiTags('documents')
@ApiBearerAuth()
@Controller('applications/:id/documents')
export class DocumentsController {
  constructor(private readonly documents: DocumentsService) {}

  @ApiOp({
    id: 'uploadDocument',
    summary:
      'Uploads an evidence document (multipart: file, kind, year, note), streamed and hashed',
    problems: ['DOCUMENTS_FROZEN', 'INVALID_TRANSITION', 'VERSION_CONFLICT'],
  })
  @ApiJson(DocumentSchema, { status: 201 })
  @Roles('enterprise')
  @Post()
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file', 'kind'],
      properties: {
        file: { type: 'string', format: 'binary', description: 'PDF, JPEG, PNG or OFD' },
        kind: { type: 'string', enum: [...DOCUMENT_KINDS] },
        year: { type: 'integer', description: 'The data year it evidences' },
        note: { type: 'string', maxLength: 1000 },
      },
    },
  })
  upload(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentActor() actor: Actor,
    @RequestId() requestId: string,
    @Req() request: FastifyRequest,
  ) {
    return this.documents.upload(id, actor, request, requestId);
  }

  @ApiOp({ id: 'listDocuments', summary: "The application's documents" })
  @ApiPage(DocumentSchema)
  @Get()
  list(
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: PageQueryDto,
    @CurrentActor() actor: Actor,
  ) {
    return this.documents.list(id, actor, query);
  }

  @ApiOp({
    id: 'getDocumentChecklist',
    summary: 'Which documents the tier and the facts require, met or missing, and why',
  })
  @ApiJson(ChecklistSchema)
  @Get('checklist')
  checklist(@Param('id', ParseUUIDPipe) id: string, @CurrentActor() actor: Actor) {
    return this.documents.checklist(id, actor);
  }

  @ApiOp({ id: 'getDocument', summary: "A document's metadata" })
  @ApiJson(DocumentSchema)
  @Get(':docId')
  get(
    @Param('id', ParseUUIDPipe) id: string,
    @Param('docId', ParseUUIDPipe) docId: string,
    @CurrentActor() actor: Actor,
  ) {
    return this.documents.get(id, docId, actor);
  }

  @ApiOp({
    id: 'downloadDocument',
    summary: "A document's bytes (Range requests, ETag = its sha256); reviewers' reads are audited",
    problems: ['VERSION_CONFLICT'],
  })
  @ApiResponse({
    status: 200,
    description: 'The whole document',
    content: Object.fromEntries(
      DOCUMENT_MEDIA_TYPES.map((t) => [t, { schema: { type: 'string', format: 'binary' } }]),
    ),
  })
  @ApiResponse({
    status: 206,
    description: 'The range asked for (Content-Range)',
    content: Object.fromEntries(
      DOCUMENT_MEDIA_TYPES.map((t) => [t, { schema: { type: 'string', format: 'binary' } }]),
    ),
  })
  @ApiResponse({ status: 304, description: 'Not modified (If-None-Match)' })
  @ApiResponse({
    status: 416,
    description: 'Range not satisfiable',
    content: {
      'application/problem+json': {
        schema: {
          type: 'object',
          required: ['type', 'title', 'status', 'detail'],
          properties: {
            type: { type: 'string' },
            title: { type: 'string' },
            status: { type: 'integer', enum: [416] },
            detail: { type: 'string' },
          },
        },
      },
    },
  })
  @Get(':docId/content')
  async content(
    @Param('id', ParseUUIDPipe) id: string,
    @Param('docId', ParseUUIDPipe) docId: string,
    @CurrentActor() actor: Actor,
    @RequestId() requestId: string,
    @Headers('range') rangeHeader: string | undefined,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res() reply: FastifyReply,
  ) {
    const meta = await this.documents.metadata(id, docId, actor);
    const etag = `"${meta.sha256}"`;
    const range = parseByteRange(rangeHeader, meta.size);
    void reply
      .header('ETag', etag)
      .header('Accept-Ranges', 'bytes')
      .header('Cache-Control', 'private, no-store')
      .header('X-Content-Type-Options', 'nosniff');
    if (ifNoneMatch !== undefined && ifNoneMatch.split(',').some((t) => t.trim() === etag)) {
      return reply.status(304).send();
    }
    if (range === null) {
      return reply
        .status(416)
        .header('Content-Range', `bytes */${meta.size}`)
        .type('application/problem+json')
        .send({
          type: 'about:blank',
          title: 'Range Not Satisfiable',
          status: 416,
          detail: `The document has ${meta.size} bytes`,
        });
    }
    const { document, body } = await this.documents.content(id, docId, actor, range, requestId);
    if (document.sha256 !== meta.sha256) {
      throw new DomainError('VERSION_CONFLICT', 'The document changed while it was read');
    }
    void reply
      .type(document.mediaType)
      .header('Content-Disposition', contentDisposition(document.fileName));
    if (range) {
      return reply
        .status(206)
        .header('Content-Range', `bytes ${range.start}-${range.end}/${document.size}`)
        .header('Content-Length', String(range.end - range.start + 1))
        .send(body);
    }
    return reply.status(200).header('Content-Length', String(document.size)).send(body);
  }

  @ApiOp({
    id: 'deleteDocument',
    summary: 'Deletes a document while the application is a draft or returned',
    problems: ['DOCUMENTS_FROZEN', 'INVALID_TRANSITION', 'VERSION_CONFLICT'],
  })
  @ApiResponse({ status: 204, description: 'Deleted' })
  @Roles('enterprise')
  @Delete(':docId')
  @HttpCode(204)
  async delete(
    @Param('id', ParseUUIDPipe) id: string,
    @Param('docId', ParseUUIDPipe) docId: string,
    @CurrentActor() actor: Actor,
    @RequestId() requestId: string,
  ): Promise<void> {
    await this.documents.delete(id, docId, actor, requestId);
  }
}
