import { Injectable } from '@nestjs/common';
import type { Actor } from '../../domain/access/roles';
import type { Tier } from '../../domain/certification/tier';
import { memberIdOf, targetIdOf } from '../../domain/statistics/targets-and-clusters';
import { newId } from '../../infra/ids';
import {
  toClusterView,
  toMemberView,
  toTargetView,
  type ClusterMemberView,
  type ClusterView,
  type TargetView,
} from '../statistics/dto/targets-and-clusters.dto';
import { CommandPipeline } from './command-pipeline';

/** Targets set, clusters set up and joined: commands, each audited in its transaction. */
@Injectable()
export class StatisticsCommands {
  constructor(private readonly pipeline: CommandPipeline) {}

  async setTarget(
    target: { year: number; tier: Tier; regionCode: string },
    count: number,
    actor: Actor,
    requestId: string,
  ): Promise<TargetView> {
    const { row } = await this.pipeline.run({
      subject: 'target',
      kind: 'set',
      id: targetIdOf(target.year, target.tier, target.regionCode),
      ...target,
      count,
      actor,
      requestId,
    });
    return toTargetView(row);
  }

  async createCluster(
    input: { name: string; regionCode: string; industry?: string },
    actor: Actor,
    requestId: string,
  ): Promise<ClusterView> {
    const { row } = await this.pipeline.run({
      subject: 'cluster',
      kind: 'create',
      id: newId(),
      name: input.name.trim(),
      regionCode: input.regionCode,
      ...(input.industry !== undefined ? { industry: input.industry.trim() } : {}),
      actor,
      requestId,
    });
    return toClusterView(row);
  }

  async join(
    clusterId: string,
    input: { enterpriseId: string; leader?: boolean },
    actor: Actor,
    requestId: string,
  ): Promise<ClusterMemberView> {
    const { row } = await this.pipeline.run({
      subject: 'clusterMember',
      kind: 'join',
      id: memberIdOf(clusterId, input.enterpriseId),
      clusterId,
      enterpriseId: input.enterpriseId,
      leader: input.leader ?? false,
      actor,
      requestId,
    });
    return toMemberView(row);
  }
}
