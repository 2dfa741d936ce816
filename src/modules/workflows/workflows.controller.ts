import { Controller, Get, Inject, Param, ParseIntPipe, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import {
  APPLICATION_WORKFLOWS,
  configuredMachineVersions,
  workflowById,
  workflowForTier,
  workflowVersion,
  workflowVersions,
  type ApplicationWorkflow,
  type MachineVersions,
} from '../../domain/certification/application.machines';
import { diffWorkflows, migrationPlan } from '../../domain/certification/application.migrations';
import { msg } from '../../domain/i18n/message';
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
import { WorkflowDiffSchema, WorkflowVersionsSchema } from './workflow-versions.schema';

const notFound = (what: string, id: string) =>
  new DomainError('NOT_FOUND', msg('problem.notFound', { what: msg(`subject.${what}`), id }));

/** Introspection of the machines: states, events, transitions with roles, and a Mermaid diagram. */
@ApiTags('workflows')
@ApiBearerAuth()
@Controller('workflows')
export class WorkflowsController {
  private readonly machineVersions: MachineVersions;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.machineVersions = configuredMachineVersions(config.workflow.machineVersions);
  }

  private versionsOf(id: string): readonly ApplicationWorkflow[] {
    const versions = workflowVersions(id);
    if (versions.length === 0) throw notFound('workflow', id);
    return versions;
  }

  @ApiOp({
    id: 'listWorkflowVersions',
    summary: 'Every version of a pathway, with its states, events and diagram',
  })
  @ApiJson(WorkflowVersionsSchema)
  @Get(':id/versions')
  versions(@Param('id') id: string) {
    const versions = this.versionsOf(id);
    const current = workflowForTier(versions[0]!.tier, this.machineVersions).version;
    return {
      items: versions.map((w) => {
        const d = describeWorkflow(w);
        return {
          version: w.version,
          current: w.version === current,
          states: d.states,
          events: d.events,
          mermaid: d.mermaid,
        };
      }),
    };
  }

  @ApiOp({
    id: 'diffWorkflowVersions',
    summary: 'What changed between two versions of a pathway (states, events, transitions)',
  })
  @ApiJson(WorkflowDiffSchema)
  @Get(':id/versions/:from/diff/:to')
  diff(
    @Param('id') id: string,
    @Param('from', ParseIntPipe) from: number,
    @Param('to', ParseIntPipe) to: number,
  ) {
    this.versionsOf(id);
    const a = workflowVersion(id, from);
    const b = workflowVersion(id, to);
    if (!a) throw notFound('workflow', `${id}@${from}`);
    if (!b) throw notFound('workflow', `${id}@${to}`);
    return diffWorkflows(a, b, migrationPlan(id, from, to));
  }
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
    if (!workflow) throw notFound('workflow', id);
    return describeWorkflow(workflow);
  }
}
