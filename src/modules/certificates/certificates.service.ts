import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ActorRef } from '../../domain/access/roles';
import { chinaDateOf } from '../../domain/calendar/working-days';
import { CERTIFICATE_MACHINE_ID } from '../../domain/certification/certificate.machine';
import { certificateWorkflow, validityFrom } from '../../domain/certification/certificate.workflow';
import type { TitleRecord } from '../../domain/certification/prerequisites';
import type { Tier } from '../../domain/certification/tier';
import { insertRow } from '../../shared/persistence/insert-row';
import { select } from '../../shared/persistence/raw-sql';
import { AuditLogRepository } from '../audit/audit-log.repository';
import { TimersService } from '../timers/timers.service';
import { CertificateEntity } from './certificate.entity';

export type IssueCommand = {
  certificateId: string;
  applicationId: string;
  enterpriseId: string;
  regionCode: string;
  tier: Tier;
  at: string;
  actor: ActorRef;
  requestId: string | null;
};

@Injectable()
export class CertificatesService {
  constructor(
    private readonly audit: AuditLogRepository,
    private readonly timers: TimersService,
  ) {}

  /** Issues the title of a certified application, inside the certifying transaction. */
  async issue(em: EntityManager, command: IssueCommand): Promise<CertificateEntity> {
    const validity = validityFrom(command.at);
    const { snapshot, effects } = certificateWorkflow.start({
      certificateId: command.certificateId,
      tier: command.tier,
      ...validity,
    });
    const certificate: CertificateEntity = {
      id: command.certificateId,
      enterpriseId: command.enterpriseId,
      regionCode: command.regionCode,
      tier: command.tier,
      status: snapshot.value,
      version: 1,
      applicationId: command.applicationId,
      validFrom: validity.validFrom,
      validTo: validity.validTo,
      barUntil: null,
      machineId: CERTIFICATE_MACHINE_ID,
      machineVersion: certificateWorkflow.version,
      snapshot,
      createdAt: command.at,
      updatedAt: command.at,
    };
    await insertRow(em, CertificateEntity, certificate);
    await this.timers.applyEffects(
      em,
      { type: 'certificate', id: certificate.id },
      effects,
      command.at,
    );
    await this.audit.append(em, {
      at: command.at,
      actor: command.actor,
      subject: { type: 'certificate', id: certificate.id },
      enterpriseId: certificate.enterpriseId,
      regionCode: certificate.regionCode,
      event: 'certificate.issue',
      fromState: null,
      toState: certificate.status,
      data: {
        action: 'certificate.issued',
        tier: certificate.tier,
        applicationId: certificate.applicationId,
        validFrom: certificate.validFrom,
        validTo: certificate.validTo,
        machineId: certificate.machineId,
        machineVersion: certificate.machineVersion,
      },
      requestId: command.requestId,
    });
    return certificate;
  }

  /** Every title the enterprise holds or held, as the prerequisite rules read them. */
  async titlesOf(em: EntityManager, enterpriseId: string): Promise<TitleRecord[]> {
    const rows = await select<{
      tier: Tier;
      status: TitleRecord['state'];
      valid_from: string;
      valid_to: string;
      bar_until: string | null;
    }>(
      em,
      'SELECT tier, status, valid_from, valid_to, bar_until FROM certificates WHERE enterprise_id = $1',
      [enterpriseId],
    );
    return rows.map((r) => ({
      tier: r.tier,
      state: r.status,
      validFrom: r.valid_from,
      validTo: r.valid_to,
      barUntil: r.bar_until,
    }));
  }

  /** The China date of an instant, as titles are dated. */
  dateOf(at: string): string {
    return chinaDateOf(at);
  }
}
