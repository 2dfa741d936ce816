// Targets (new titles a region should reach in a year, per tier) and industrial clusters (named
// groups of enterprises within a region, with their leader enterprises): who may set and decide
// what, and the decisions, as pure functions. Both change through the command pipeline.
import { regionContains, regionLevelOf } from '../access/region';
import { toActorRef, type Actor } from '../access/roles';
import type { CreateCluster, JoinCluster, SetTarget } from '../certification/commands';
import type { Decision } from '../certification/decision';
import type { Tier } from '../certification/tier';
import { DomainError } from '../errors';

export type TargetRecord = {
  /** `<year>/<tier>/<regionCode>`. */
  id: string;
  year: number;
  tier: Tier;
  regionCode: string;
  count: number;
  setBy: string;
  setAt: string;
  version: number;
};

export type ClusterRecord = {
  id: string;
  name: string;
  regionCode: string;
  industry: string | null;
  createdBy: string;
  createdAt: string;
};

export type ClusterMemberRecord = {
  /** `<clusterId>:<enterpriseId>`. */
  id: string;
  clusterId: string;
  enterpriseId: string;
  leader: boolean;
  decidedBy: string;
  joinedAt: string;
};

export const targetIdOf = (year: number, tier: Tier, regionCode: string): string =>
  `${year}/${tier}/${regionCode}`;

export const memberIdOf = (clusterId: string, enterpriseId: string): string =>
  `${clusterId}:${enterpriseId}`;

/**
 * A region's target is set by a reviewer of that region's level over that very region (the
 * province's department for the province, a city's bureau for the city…), or by an operator.
 */
export const maySetTarget = (actor: Actor, regionCode: string): boolean => {
  if (actor.kind !== 'user') return false;
  if (actor.role === 'admin') return true;
  return (
    actor.role === 'reviewer' &&
    actor.jurisdiction?.level === regionLevelOf(regionCode) &&
    actor.jurisdiction.regionCode === regionCode
  );
};

/** A reviewer over the region (national: all). */
const reviewerOver = (actor: Actor, regionCode: string): boolean =>
  actor.kind === 'user' &&
  actor.role === 'reviewer' &&
  (actor.jurisdiction?.level === 'national' ||
    (actor.jurisdiction?.regionCode !== undefined &&
      regionContains(actor.jurisdiction.regionCode, regionCode)));

/** Clusters are set up by a reviewer over their region, or by an operator. */
export const mayCreateCluster = (actor: Actor, regionCode: string): boolean =>
  (actor.kind === 'user' && actor.role === 'admin') || reviewerOver(actor, regionCode);

/** Enterprises join a cluster by a reviewer's decision (operators make no review decisions). */
export const mayDecideMembership = (actor: Actor, cluster: ClusterRecord): boolean =>
  reviewerOver(actor, cluster.regionCode);

/** Who sees a cluster: authorities and auditors over its region, operators. */
export const mayViewCluster = (actor: Actor, cluster: ClusterRecord): boolean => {
  if (actor.kind !== 'user') return false;
  if (actor.role === 'admin') return true;
  if (actor.role !== 'reviewer' && actor.role !== 'auditor') return false;
  if (actor.jurisdiction?.level === 'national') return true;
  const own = actor.jurisdiction?.regionCode;
  return own !== undefined && regionContains(own, cluster.regionCode);
};

export const decideSetTarget = (input: {
  command: SetTarget;
  current: TargetRecord | undefined;
  at: string;
}): Decision<TargetRecord> => {
  const { command, current, at } = input;
  if (!maySetTarget(command.actor, command.regionCode)) {
    throw new DomainError(
      'FORBIDDEN',
      `Only a ${regionLevelOf(command.regionCode)} reviewer of ${command.regionCode} or an operator may set its targets`,
    );
  }
  const record: TargetRecord = {
    id: targetIdOf(command.year, command.tier, command.regionCode),
    year: command.year,
    tier: command.tier,
    regionCode: command.regionCode,
    count: command.count,
    setBy: command.actor.id,
    setAt: at,
    version: (current?.version ?? 0) + 1,
  };
  return {
    // A change names the whole row: the write checks the version it replaces (one of two
    // concurrent changes wins, the other is a conflict).
    write: current ? { update: record } : { insert: record },
    effects: [],
    audit: {
      at,
      actor: toActorRef(command.actor),
      subject: { type: 'target', id: record.id },
      regionCode: command.regionCode,
      event: 'target.set',
      data: {
        year: command.year,
        tier: command.tier,
        regionCode: command.regionCode,
        count: command.count,
        previous: current?.count ?? null,
      },
      requestId: command.requestId,
    },
    followUps: [],
  };
};

export const decideCreateCluster = (input: {
  command: CreateCluster;
  at: string;
}): Decision<ClusterRecord> => {
  const { command, at } = input;
  if (!mayCreateCluster(command.actor, command.regionCode)) {
    throw new DomainError(
      'FORBIDDEN',
      `Only a reviewer over ${command.regionCode} or an operator may set up its clusters`,
    );
  }
  const record: ClusterRecord = {
    id: command.id,
    name: command.name,
    regionCode: command.regionCode,
    industry: command.industry ?? null,
    createdBy: command.actor.id,
    createdAt: at,
  };
  return {
    write: { insert: record },
    effects: [],
    audit: {
      at,
      actor: toActorRef(command.actor),
      subject: { type: 'cluster', id: record.id },
      regionCode: record.regionCode,
      event: 'cluster.create',
      data: { name: record.name, regionCode: record.regionCode, industry: record.industry },
      requestId: command.requestId,
    },
    followUps: [],
  };
};

/**
 * An enterprise joins a cluster (or a member's leader flag changes) by a reviewer's decision: the
 * enterprise must be registered inside the cluster's region.
 */
export const decideJoinCluster = (input: {
  command: JoinCluster;
  cluster: ClusterRecord | undefined;
  enterprise: { id: string; regionCode: string } | undefined;
  current: ClusterMemberRecord | undefined;
  at: string;
}): Decision<ClusterMemberRecord> => {
  const { command, cluster, enterprise, current, at } = input;
  if (!cluster || !mayViewCluster(command.actor, cluster)) {
    throw new DomainError('NOT_FOUND', `cluster ${command.clusterId} not found`);
  }
  if (!mayDecideMembership(command.actor, cluster)) {
    throw new DomainError(
      'FORBIDDEN',
      'Only a reviewer over the cluster region decides its members',
    );
  }
  if (!enterprise || !regionContains(cluster.regionCode, enterprise.regionCode)) {
    throw new DomainError('RULE_NOT_MET', 'The enterprise cannot join this cluster', {
      reasons: [`The enterprise is not registered in the cluster's region ${cluster.regionCode}.`],
    });
  }
  if (current && current.leader === command.leader) {
    throw new DomainError('DUPLICATE', 'The enterprise is already a member of the cluster');
  }
  const record: ClusterMemberRecord = {
    id: memberIdOf(cluster.id, enterprise.id),
    clusterId: cluster.id,
    enterpriseId: enterprise.id,
    leader: command.leader,
    decidedBy: command.actor.id,
    joinedAt: current?.joinedAt ?? at,
  };
  return {
    write: current ? { update: record } : { insert: record },
    effects: [],
    audit: {
      at,
      actor: toActorRef(command.actor),
      subject: { type: 'cluster', id: cluster.id },
      enterpriseId: enterprise.id,
      regionCode: enterprise.regionCode,
      event: current ? 'cluster.member.leader' : 'cluster.member.join',
      data: { enterpriseId: enterprise.id, leader: command.leader },
      requestId: command.requestId,
    },
    followUps: [],
  };
};
