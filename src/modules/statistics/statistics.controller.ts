import { Controller, Get, Headers, Param, ParseUUIDPipe, Query, Res } from '@nestjs/common';
import {
  ApiExtraModels,
  ApiBearerAuth,
  ApiProduces,
  ApiResponse,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../../domain/access/roles';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { ProgressQueryDto } from './dto/statistics.dto';
import {
  ClusterStatisticsQueryDto,
  ListClustersQueryDto,
  ListTargetsQueryDto,
} from './dto/targets-and-clusters.dto';
import { clusterCsv, progressCsv, StatisticsService } from './statistics.service';
import { ApiJson, ApiOp, ApiPage } from '../../infra/http/openapi/api-docs';
import {
  ClusterDetailSchema,
  ClusterSchema,
  ClusterStatisticsSchema,
  ProgressSchema,
  TargetSchema,
} from './statistics.schema';

/** Whether the client asked for CSV (`Accept: text/csv`) rather than JSON. */
export const wantsCsv = (accept: string | undefined): boolean =>
  accept !== undefined && /(^|,)\s*text\/csv\b/i.test(accept);

@ApiTags('statistics')
@ApiBearerAuth()
@Roles('reviewer', 'auditor', 'admin')
@Controller('statistics')
export class StatisticsController {
  constructor(private readonly statistics: StatisticsService) {}

  /** Progress against the targets per tier, for a region and each region directly under it. */
  @ApiOp({
    id: 'getProgress',
    summary:
      "A year's progress against the targets per tier, with the funnel, stage times and drill-down",
  })
  @ApiResponse({
    status: 200,
    description: 'JSON, or one CSV table with Accept: text/csv',
    content: {
      'application/json': { schema: { $ref: getSchemaPath(ProgressSchema) } },
      'text/csv': { schema: { type: 'string' } },
    },
  })
  @ApiExtraModels(ProgressSchema)
  @Get('progress')
  @ApiProduces('application/json', 'text/csv')
  async progress(
    @Query() query: ProgressQueryDto,
    @CurrentActor() actor: Actor,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const progress = await this.statistics.progress(actor, query.year, query.regionCode);
    if (!wantsCsv(accept)) return progress;
    void reply
      .header('Content-Type', 'text/csv; charset=utf-8')
      .header(
        'Content-Disposition',
        `attachment; filename="progress-${progress.year}-${progress.regionCode ?? 'national'}.csv"`,
      );
    return progressCsv(progress);
  }

  /** A cluster in a year: members per tier, leaders and their titles, progression. */
  @ApiOp({
    id: 'getClusterStatistics',
    summary: 'A cluster in a year: members by title, leaders, progressions',
  })
  @ApiResponse({
    status: 200,
    description: 'JSON, or one CSV table with Accept: text/csv',
    content: {
      'application/json': { schema: { $ref: getSchemaPath(ClusterStatisticsSchema) } },
      'text/csv': { schema: { type: 'string' } },
    },
  })
  @ApiExtraModels(ClusterStatisticsSchema)
  @Get('clusters/:id')
  @ApiProduces('application/json', 'text/csv')
  async cluster(
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: ClusterStatisticsQueryDto,
    @CurrentActor() actor: Actor,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const stats = await this.statistics.clusterStatistics(actor, id, query.year);
    if (!wantsCsv(accept)) return stats;
    void reply
      .header('Content-Type', 'text/csv; charset=utf-8')
      .header('Content-Disposition', `attachment; filename="cluster-${id}-${query.year}.csv"`);
    return clusterCsv(stats);
  }
}

@ApiTags('statistics')
@ApiBearerAuth()
@Roles('reviewer', 'auditor', 'admin')
@Controller('targets')
export class TargetsController {
  constructor(private readonly statistics: StatisticsService) {}

  @ApiOp({ id: 'listTargets', summary: 'Targets per year, tier and region' })
  @ApiPage(TargetSchema)
  @Get()
  list(@Query() query: ListTargetsQueryDto, @CurrentActor() actor: Actor) {
    return this.statistics.listTargets(actor, query);
  }
}

@ApiTags('statistics')
@ApiBearerAuth()
@Roles('reviewer', 'auditor', 'admin')
@Controller('clusters')
export class ClustersController {
  constructor(private readonly statistics: StatisticsService) {}

  @ApiOp({ id: 'listClusters', summary: "Industrial clusters in the caller's region" })
  @ApiPage(ClusterSchema)
  @Get()
  list(@Query() query: ListClustersQueryDto, @CurrentActor() actor: Actor) {
    return this.statistics.listClusters(actor, query);
  }

  @ApiOp({ id: 'getCluster', summary: 'A cluster with its members and leaders' })
  @ApiJson(ClusterDetailSchema)
  @Get(':id')
  get(@Param('id', ParseUUIDPipe) id: string, @CurrentActor() actor: Actor) {
    return this.statistics.cluster(actor, id);
  }
}
