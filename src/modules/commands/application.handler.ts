import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { canViewApplication } from '../../domain/access/application-access';
import type { Actor } from '../../domain/access/roles';
import {
  decideApplicationEvent,
  decideCreateApplication,
  decideCreateReReview,
  decideUpdateFacts,
  eventNeedsCall,
  eventNeedsDocuments,
  eventNeedsSector,
  eventNeedsTitles,
  type ApplicationPolicy,
  type CreationReads,
  type EventReads,
  type ReReviewReads,
} from '../../domain/certification/application.decide';
import type {
  ApplicationCommand,
  CreateApplication,
  CreateReReview,
  SendApplicationEvent,
} from '../../domain/certification/commands';
import { decideMigration } from '../../domain/certification/application.migrations';
import type { Decision, Write } from '../../domain/certification/decision';
import type { ApplicationRecord } from '../../domain/certification/records';
import type { Sector } from '../../domain/certification/sectors';
import { newId } from '../../infra/ids';
import { ApplicationRepository } from '../applications/application.repository';
import { ApplicationsQueries } from '../applications/applications.queries';
import { DocumentRepository } from '../documents/document.repository';
import { CallsService } from '../calls/calls.service';
import { CertificateRepository } from '../certificates/certificate.repository';
import { EnterpriseRepository } from '../enterprises/enterprise.repository';
import { TimerRepository } from '../timers/timer.repository';
import { APPLICATION_POLICY } from './policies';
import type { SubjectHandler } from './subject-handler';

/** Applications in the command pipeline: the reads each decision needs, and the writes. */
@Injectable()
export class ApplicationHandler implements SubjectHandler<ApplicationCommand, ApplicationRecord> {
  constructor(
    private readonly applications: ApplicationRepository,
    private readonly enterprises: EnterpriseRepository,
    private readonly certificates: CertificateRepository,
    private readonly calls: CallsService,
    private readonly documents: DocumentRepository,
    private readonly queries: ApplicationsQueries,
    private readonly timers: TimerRepository,
    @Inject(APPLICATION_POLICY) private readonly policy: ApplicationPolicy,
  ) {}

  load(em: EntityManager, id: string): Promise<ApplicationRecord | undefined> {
    return this.applications.load(em, id);
  }

  visibleTo(actor: Actor, row: ApplicationRecord): boolean {
    return canViewApplication(actor, row);
  }

  versionOf(row: ApplicationRecord): number {
    return row.version;
  }

  stateOf(row: ApplicationRecord): string {
    return row.state;
  }

  async decide(
    em: EntityManager,
    command: ApplicationCommand,
    row: ApplicationRecord | undefined,
    at: string,
  ): Promise<Decision<ApplicationRecord>> {
    const policy = this.policy;
    switch (command.kind) {
      case 'create':
        return decideCreateApplication({
          command,
          reads: await this.creationReads(em, command),
          at,
          policy,
        });
      case 'createReReview':
        return decideCreateReReview({
          command,
          reads: await this.reReviewReads(em, command),
          at,
          policy,
        });
      case 'updateFacts':
        return decideUpdateFacts({ record: row!, command, at });
      case 'migrate':
        return decideMigration({
          record: row!,
          command,
          pending: (await this.timers.pendingFor({ type: 'application', id: row!.id }, em)).map(
            (d) => ({ purpose: d.purpose, dueAt: d.dueAt }),
          ),
          at,
        });
      case 'event':
        return decideApplicationEvent({
          record: row!,
          command,
          reads: await this.eventReads(em, command, row!),
          at,
          policy,
        });
    }
  }

  write(
    em: EntityManager,
    row: ApplicationRecord | undefined,
    write: Write<ApplicationRecord>,
  ): Promise<ApplicationRecord> {
    return 'insert' in write
      ? this.applications.insert(em, write.insert)
      : this.applications.write(em, row!, write.update);
  }

  private async creationReads(
    em: EntityManager,
    command: CreateApplication,
  ): Promise<CreationReads> {
    const enterprise = await this.enterprises.findById(command.enterpriseId, em);
    if (!enterprise) return { enterprise, calls: [], titles: [], openApplicationIds: [] };
    return {
      enterprise,
      calls: await this.calls.ofTier(em, command.tier),
      titles: await this.certificates.titlesOf(em, enterprise.id),
      openApplicationIds: await this.applications.openIdsOf(em, enterprise.id, command.tier),
      rejectedInCalls: await this.applications.rejectedCallIdsOf(em, enterprise.id, command.tier),
    };
  }

  private async reReviewReads(em: EntityManager, command: CreateReReview): Promise<ReReviewReads> {
    const certificate = await this.certificates.load(em, command.certificateId);
    if (!certificate) {
      return { certificate, enterprise: undefined, originalRuleSet: undefined, calls: [] };
    }
    return {
      certificate,
      enterprise: await this.enterprises.findById(certificate.enterpriseId, em),
      originalRuleSet: await this.applications.ruleSetOf(em, certificate.applicationId),
      calls: await this.calls.ofTier(em, certificate.tier),
    };
  }

  private async eventReads(
    em: EntityManager,
    command: SendApplicationEvent,
    row: ApplicationRecord,
  ): Promise<EventReads> {
    const sector = eventNeedsSector(command.type)
      ? ((await this.enterprises.findById(row.enterpriseId, em))?.sector as Sector | undefined)
      : undefined;
    const call =
      eventNeedsCall(command.type) && row.callId ? await this.calls.get(row.callId, em) : undefined;
    // Submissions: the row is locked first, so that an upload either lands before the manifest
    // is read or finds the application frozen after it.
    const documents = eventNeedsDocuments(command.type)
      ? {
          documents: await this.applications
            .loadForUpdate(em, row.id)
            .then(() => this.documents.allOf(row.id, em)),
          documentRequest:
            command.type === 'resubmit' ? await this.queries.documentRequestOf(em, row) : null,
        }
      : {};
    return {
      ...documents,
      ...(eventNeedsTitles(command.type)
        ? { titles: await this.certificates.titlesOf(em, row.enterpriseId) }
        : {}),
      enterpriseSector: sector,
      callNoticeWorkingDays: call?.noticeWorkingDays ?? null,
      newCertificateId: newId(),
    };
  }
}
