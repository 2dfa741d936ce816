import { Injectable } from '@nestjs/common';
import type { Actor } from '../../domain/access/roles';
import type { SendApplicationEvent } from '../../domain/certification/commands';
import type { Facts } from '../../domain/certification/facts';
import type { Tier } from '../../domain/certification/tier';
import { newId } from '../../infra/ids';
import { ApplicationRepository } from '../applications/application.repository';
import type { ApplicationView } from '../applications/application.view';
import { ApplicationsQueries } from '../applications/applications.queries';
import { CommandPipeline } from './command-pipeline';

export type ObjectionFiling = { name: string; contact: string; reason: string; evidence?: string };

/** The application commands of the API, each one run through the pipeline and answered as a view. */
@Injectable()
export class ApplicationCommands {
  constructor(
    private readonly pipeline: CommandPipeline,
    private readonly views: ApplicationsQueries,
    private readonly applications: ApplicationRepository,
  ) {}

  create(
    input: { enterpriseId: string; tier: Tier; facts: Facts; callId?: string },
    actor: Actor,
    requestId: string | null,
  ): Promise<ApplicationView> {
    return this.pipeline.run(
      {
        subject: 'application',
        kind: 'create',
        id: newId(),
        enterpriseId: input.enterpriseId,
        tier: input.tier,
        facts: input.facts,
        ...(input.callId ? { callId: input.callId } : {}),
        actor,
        requestId,
      },
      (em, { row }, at) => this.views.viewIn(em, row, actor, at),
    );
  }

  /** §5.5: the enterprise files the figures of its re-review; the application is submitted at once. */
  createReReview(
    certificateId: string,
    facts: Facts,
    actor: Actor,
    requestId: string | null,
  ): Promise<ApplicationView> {
    return this.pipeline.run(
      {
        subject: 'application',
        kind: 'createReReview',
        id: newId(),
        certificateId,
        facts,
        actor,
        requestId,
      },
      // The answer shows the application as its follow-ups left it (submitted).
      async (em, { row }, at) =>
        this.views.viewIn(em, (await this.applications.load(em, row.id)) ?? row, actor, at),
    );
  }

  /** Edits figures while the application is with the enterprise (draft or returned). */
  updateFacts(
    id: string,
    facts: Facts,
    actor: Actor,
    requestId: string | null,
    expectedVersion?: number,
  ): Promise<ApplicationView> {
    return this.pipeline.run(
      {
        subject: 'application',
        kind: 'updateFacts',
        id,
        facts,
        actor,
        requestId,
        ...(expectedVersion !== undefined ? { expectedVersion } : {}),
      },
      (em, { row }, at) => this.views.viewIn(em, row, actor, at),
    );
  }

  send(command: Omit<SendApplicationEvent, 'subject' | 'kind'>): Promise<ApplicationView> {
    return this.pipeline.run(
      { ...command, subject: 'application', kind: 'event' },
      (em, { row }, at) => this.views.viewIn(em, row, command.actor, at),
    );
  }

  /**
   * A real-name objection during a public notice (no account needed): stored with the contact
   * details and sent as objection.file, which suspends the notice.
   */
  async fileObjection(
    applicationId: string,
    input: ObjectionFiling,
    requestId: string,
  ): Promise<{ objectionId: string; applicationId: string; state: string }> {
    const objectionId = newId();
    const { row } = await this.pipeline.run({
      subject: 'application',
      kind: 'event',
      id: applicationId,
      type: 'objection.file',
      actor: { kind: 'public', id: `objection:${objectionId}`, role: 'public' },
      requestId,
      comment: input.reason,
      data: { objectionId, name: input.name, hasEvidence: input.evidence !== undefined },
      objection: { id: objectionId, ...input },
    });
    return { objectionId, applicationId, state: row.state };
  }
}
