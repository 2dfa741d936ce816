// Targets and industrial clusters in the command pipeline (issue 17): a target set, a cluster set
// up, an enterprise joining one, each with its audit event in the command's transaction.
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../../domain/access/roles';
import type { CreateCluster, JoinCluster, SetTarget } from '../../domain/certification/commands';
import type { Decision, Write } from '../../domain/certification/decision';
import {
  decideCreateCluster,
  decideJoinCluster,
  decideSetTarget,
  memberIdOf,
  type ClusterMemberRecord,
  type ClusterRecord,
  type TargetRecord,
} from '../../domain/statistics/targets-and-clusters';
import { EnterpriseRepository } from '../enterprises/enterprise.repository';
import { StatisticsRepository } from '../statistics/statistics.repository';
import type { SubjectHandler } from './subject-handler';

@Injectable()
export class TargetHandler implements SubjectHandler<SetTarget, TargetRecord> {
  constructor(private readonly repository: StatisticsRepository) {}

  load(): Promise<TargetRecord | undefined> {
    throw new Error('a target is set, never loaded first');
  }

  visibleTo(): boolean {
    return true;
  }

  versionOf(row: TargetRecord): number {
    return row.version;
  }

  stateOf(): string {
    return 'set';
  }

  async decide(
    em: EntityManager,
    command: SetTarget,
    _: unknown,
    at: string,
  ): Promise<Decision<TargetRecord>> {
    const current = await this.repository.loadTarget(
      em,
      command.year,
      command.tier,
      command.regionCode,
    );
    return decideSetTarget({ command, current, at });
  }

  write(em: EntityManager, _: unknown, write: Write<TargetRecord>): Promise<TargetRecord> {
    return this.repository.writeTarget(em, write);
  }
}

@Injectable()
export class ClusterHandler implements SubjectHandler<CreateCluster, ClusterRecord> {
  constructor(private readonly repository: StatisticsRepository) {}

  load(em: EntityManager, id: string): Promise<ClusterRecord | undefined> {
    return this.repository.loadCluster(em, id);
  }

  visibleTo(): boolean {
    return true;
  }

  versionOf(): undefined {
    return undefined;
  }

  stateOf(): string {
    return 'open';
  }

  decide(
    _: EntityManager,
    command: CreateCluster,
    __: unknown,
    at: string,
  ): Promise<Decision<ClusterRecord>> {
    return Promise.resolve(decideCreateCluster({ command, at }));
  }

  async write(em: EntityManager, _: unknown, write: Write<ClusterRecord>): Promise<ClusterRecord> {
    if (!('insert' in write)) throw new Error('a cluster is only set up');
    await this.repository.insertCluster(em, write.insert);
    return write.insert;
  }
}

@Injectable()
export class ClusterMemberHandler implements SubjectHandler<JoinCluster, ClusterMemberRecord> {
  constructor(
    private readonly repository: StatisticsRepository,
    private readonly enterprises: EnterpriseRepository,
  ) {}

  load(): Promise<ClusterMemberRecord | undefined> {
    throw new Error('a membership is decided, never loaded first');
  }

  visibleTo(actor: Actor): boolean {
    void actor;
    return true;
  }

  versionOf(): undefined {
    return undefined;
  }

  stateOf(row: ClusterMemberRecord): string {
    return row.leader ? 'leader' : 'member';
  }

  async decide(
    em: EntityManager,
    command: JoinCluster,
    _: unknown,
    at: string,
  ): Promise<Decision<ClusterMemberRecord>> {
    const cluster = await this.repository.loadCluster(em, command.clusterId);
    const enterprise = await this.enterprises.findById(command.enterpriseId, em);
    const current = cluster
      ? await this.repository.loadMember(em, memberIdOf(cluster.id, command.enterpriseId))
      : undefined;
    return decideJoinCluster({ command, cluster, enterprise, current, at });
  }

  write(
    em: EntityManager,
    _: unknown,
    write: Write<ClusterMemberRecord>,
  ): Promise<ClusterMemberRecord> {
    return this.repository.writeMember(em, write);
  }
}
