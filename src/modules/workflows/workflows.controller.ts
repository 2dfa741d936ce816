import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  APPLICATION_WORKFLOWS,
  workflowById,
} from '../../domain/certification/application.machines';
import { describeWorkflow } from '../../domain/certification/workflow-description';
import { DomainError } from '../../domain/errors';
import {
  PageQueryDto,
  decodeCursor,
  toPage,
  DEFAULT_PAGE_SIZE,
} from '../../infra/pagination/pagination';
import { ApiJson, ApiOp, ApiPage } from '../../infra/http/openapi/api-docs';
import { WorkflowSchema, WorkflowSummarySchema } from './workflow.schema';

/** Introspection of the machines: states, events, transitions with roles, and a Mermaid diagram. */
@ApiTags('workflows')
@ApiBearerAuth()
@Controller('workflows')
export class WorkflowsController {
  @ApiOp({ id: 'listWorkflows', summary: "The tiers' pathways" })
  @ApiPage(WorkflowSummarySchema)
  @Get()
  list(@Query() query: PageQueryDto) {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const after = decodeCursor(query.cursor);
    const all = Object.values(APPLICATION_WORKFLOWS)
      .map((w) => ({ id: w.id, version: w.version, tier: w.tier }))
      .sort((a, b) => a.id.localeCompare(b.id))
      .filter((w) => after === undefined || w.id > after);
    return toPage(
      all.slice(0, limit + 1),
      limit,
      (w) => w.id,
      (w) => w,
    );
  }

  @ApiOp({
    id: 'getWorkflow',
    summary: 'A pathway: states, events, who may send each, and its diagram',
  })
  @ApiJson(WorkflowSchema)
  @Get(':id')
  get(@Param('id') id: string) {
    const workflow = workflowById(id);
    if (!workflow) throw new DomainError('NOT_FOUND', `workflow ${id} not found`);
    return describeWorkflow(workflow);
  }
}
