import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../../domain/access/roles';
import { CurrentActor, RequestId, Roles } from '../auth/auth.decorators';
import {
  CreateClusterDto,
  JoinClusterDto,
  SetTargetDto,
  TargetPathDto,
} from '../statistics/dto/targets-and-clusters.dto';
import { StatisticsCommands } from './statistics-commands.service';
import { ApiJson, ApiOp } from '../../infra/http/openapi/api-docs';
import { ClusterMemberSchema, ClusterSchema, TargetSchema } from '../statistics/statistics.schema';

@ApiTags('statistics')
@ApiBearerAuth()
@Roles('reviewer', 'admin')
@Controller()
export class StatisticsCommandsController {
  constructor(private readonly commands: StatisticsCommands) {}

  /** Sets a region's target of new titles for a year and tier (audited as target.set). */
  @ApiOp({
    id: 'setTarget',
    summary: 'Sets the target of a year, tier and region (audited)',
    problems: ['VERSION_CONFLICT', 'DUPLICATE', 'INVALID_TRANSITION', 'RULE_NOT_MET'],
  })
  @ApiJson(TargetSchema)
  @Put('targets/:year/:tier/:regionCode')
  @HttpCode(200)
  setTarget(
    @Param() path: TargetPathDto,
    @Body() body: SetTargetDto,
    @CurrentActor() actor: Actor,
    @RequestId() requestId: string,
  ) {
    return this.commands.setTarget(path, body.count, actor, requestId);
  }

  @ApiOp({
    id: 'createCluster',
    summary: 'Creates an industrial cluster in a region (audited)',
    problems: ['DUPLICATE', 'VERSION_CONFLICT', 'RULE_NOT_MET'],
  })
  @ApiJson(ClusterSchema, { status: 201 })
  @Post('clusters')
  createCluster(
    @Body() body: CreateClusterDto,
    @CurrentActor() actor: Actor,
    @RequestId() requestId: string,
  ) {
    return this.commands.createCluster(body, actor, requestId);
  }

  /** An enterprise joins the cluster (or becomes or stops being a leader) by a reviewer's decision. */
  @ApiOp({
    id: 'addClusterMember',
    summary: "A reviewer's decision: an enterprise joins a cluster (or becomes a leader)",
    problems: ['DUPLICATE', 'VERSION_CONFLICT', 'RULE_NOT_MET'],
  })
  @ApiJson(ClusterMemberSchema, { status: 201 })
  @Post('clusters/:id/members')
  join(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: JoinClusterDto,
    @CurrentActor() actor: Actor,
    @RequestId() requestId: string,
  ) {
    return this.commands.join(id, body, actor, requestId);
  }
}
