import { Inject, Injectable } from '@nestjs/common';
import { canViewCertificate } from '../../domain/access/certificate-access';
import { certificateScopeOf } from '../../domain/access/list-scope';
import type { Actor } from '../../domain/access/roles';
import { chinaDateOf } from '../../domain/calendar/working-days';
import {
  allowedCertificateEvents,
  type CertificatePolicy,
} from '../../domain/certification/certificate.decide';
import { isValidTitleOn } from '../../domain/certification/certificate.workflow';
import type { CertificateRecord } from '../../domain/certification/records';
import { DomainError } from '../../domain/errors';
import { Clock } from '../../infra/clock';
import {
  DEFAULT_PAGE_SIZE,
  decodeCursor,
  toPage,
  type Page,
} from '../../infra/pagination/pagination';
import { EnterpriseRepository } from '../enterprises/enterprise.repository';
import { CertificateRepository } from './certificate.repository';
import { toCertificateView, type CertificateView } from './certificate.view';
import type { ListCertificatesQueryDto } from './dto/certificate.dto';
import { msg } from '../../domain/i18n/message';

/** Injection token of the certificate lifecycle's settings (annual update date, bar years). */
export const CERTIFICATE_POLICY = Symbol('CERTIFICATE_POLICY');

const notFound = (id: string) =>
  new DomainError('NOT_FOUND', msg('problem.notFound', { what: msg('subject.certificate'), id }));

/** What callers may read of certificates, and the public register. */
@Injectable()
export class CertificatesQueries {
  constructor(
    private readonly certificates: CertificateRepository,
    private readonly enterprises: EnterpriseRepository,
    @Inject(CERTIFICATE_POLICY) private readonly policy: CertificatePolicy,
    private readonly clock: Clock,
  ) {}

  view(record: CertificateRecord, actor: Actor, at: string): CertificateView {
    return toCertificateView(record, allowedCertificateEvents(record, actor, at, this.policy));
  }

  async get(id: string, actor: Actor): Promise<CertificateView> {
    const record = await this.certificates.find(id);
    if (!record || !canViewCertificate(actor, record)) throw notFound(id);
    return this.view(record, actor, this.clock.nowIso());
  }

  async list(query: ListCertificatesQueryDto, actor: Actor): Promise<Page<CertificateView>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const after = decodeCursor(query.cursor);
    const scope = certificateScopeOf(actor);
    if (scope === null) return { items: [], nextCursor: null };
    const rows = await this.certificates.page(
      scope,
      {
        ...(query.enterpriseId ? { enterpriseId: query.enterpriseId } : {}),
        ...(query.tier ? { tier: query.tier } : {}),
        ...(query.status ? { status: query.status } : {}),
        ...(query.regionCode ? { regionCode: query.regionCode } : {}),
        ...(after ? { after } : {}),
      },
      limit + 1,
    );
    const at = this.clock.nowIso();
    return toPage(
      rows,
      limit,
      (c) => c.id,
      (c) => this.view(c, actor, at),
    );
  }

  /** The public register entry of an enterprise: its titles, valid or not, without internals. */
  async publicRegister(creditCode: string) {
    const enterprise = await this.enterprises.findByCreditCode(creditCode);
    const titles = enterprise ? await this.certificates.ofEnterprise(enterprise.id) : [];
    const today = chinaDateOf(this.clock.nowIso());
    return {
      items: titles.map((c) => ({
        certificateId: c.id,
        enterpriseName: enterprise!.name,
        creditCode: enterprise!.creditCode,
        regionCode: enterprise!.regionCode,
        tier: c.tier,
        status: c.status,
        validFrom: c.validFrom,
        validTo: c.validTo,
        validToday: isValidTitleOn(
          { state: c.status, validFrom: c.validFrom, validTo: c.validTo },
          today,
        ),
      })),
      nextCursor: null,
    };
  }
}
