import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { canViewCertificate } from '../../domain/access/certificate-access';
import type { Actor } from '../../domain/access/roles';
import {
  cascadesRevocation,
  decideCertificateEvent,
  decideIssueCertificate,
  revocationEndsApplications,
  type CertificatePolicy,
} from '../../domain/certification/certificate.decide';
import type { CertificateCommand } from '../../domain/certification/commands';
import type { Decision, Write } from '../../domain/certification/decision';
import type { CertificateRecord } from '../../domain/certification/records';
import { ApplicationRepository } from '../applications/application.repository';
import { CertificateRepository } from '../certificates/certificate.repository';
import { CERTIFICATE_POLICY } from '../certificates/certificates.queries';
import type { SubjectHandler } from './subject-handler';

/** Certificates in the command pipeline. */
@Injectable()
export class CertificateHandler implements SubjectHandler<CertificateCommand, CertificateRecord> {
  constructor(
    private readonly certificates: CertificateRepository,
    private readonly applications: ApplicationRepository,
    @Inject(CERTIFICATE_POLICY) private readonly policy: CertificatePolicy,
  ) {}

  load(em: EntityManager, id: string): Promise<CertificateRecord | undefined> {
    return this.certificates.load(em, id);
  }

  visibleTo(actor: Actor, row: CertificateRecord): boolean {
    return canViewCertificate(actor, row);
  }

  versionOf(row: CertificateRecord): number {
    return row.version;
  }

  stateOf(row: CertificateRecord): string {
    return row.status;
  }

  async decide(
    em: EntityManager,
    command: CertificateCommand,
    row: CertificateRecord | undefined,
    at: string,
  ): Promise<Decision<CertificateRecord>> {
    if (command.kind === 'issue')
      return decideIssueCertificate({ command, at, policy: this.policy });
    const record = row!;
    return decideCertificateEvent({
      record,
      command,
      reads: {
        otherLiveTitleIds: cascadesRevocation(command)
          ? await this.certificates.liveIdsOf(em, record.enterpriseId, record.id)
          : [],
        ...(revocationEndsApplications(command)
          ? { openApplications: await this.applications.openOf(em, record.enterpriseId) }
          : {}),
      },
      at,
      policy: this.policy,
    });
  }

  write(
    em: EntityManager,
    row: CertificateRecord | undefined,
    write: Write<CertificateRecord>,
  ): Promise<CertificateRecord> {
    if ('insert' in write) return this.certificates.insert(em, write.insert);
    const next = { ...row!, ...write.update };
    return this.certificates.write(em, row!, {
      status: next.status,
      snapshot: next.snapshot,
      validTo: next.validTo,
      barUntil: next.barUntil,
      updatedAt: next.updatedAt,
    });
  }
}
