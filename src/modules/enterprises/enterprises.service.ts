import { Injectable } from '@nestjs/common';
import { admits, enterpriseScopeOf } from '../../domain/access/list-scope';
import type { Actor } from '../../domain/access/roles';
import { DomainError } from '../../domain/errors';
import {
  DEFAULT_PAGE_SIZE,
  decodeCursor,
  toPage,
  type Page,
} from '../../infra/pagination/pagination';
import {
  toEnterpriseResponse,
  type EnterpriseResponse,
  type ListEnterprisesQueryDto,
} from './dto/enterprise.dto';
import type { EnterpriseRecord } from './enterprise.record';
import { EnterpriseRepository } from './enterprise.repository';
import { msg } from '../../domain/i18n/message';

const visibleTo = (actor: Actor, enterprise: EnterpriseRecord): boolean =>
  admits(enterpriseScopeOf(actor), {
    enterpriseId: enterprise.id,
    regionCode: enterprise.regionCode,
  });

@Injectable()
export class EnterprisesService {
  constructor(private readonly enterprises: EnterpriseRepository) {}

  /** The enterprise if the actor may see it; otherwise NOT_FOUND (existence is not leaked). */
  async getVisible(id: string, actor: Actor): Promise<EnterpriseRecord> {
    const enterprise = await this.enterprises.findById(id);
    if (!enterprise || !visibleTo(actor, enterprise)) {
      throw new DomainError(
        'NOT_FOUND',
        msg('problem.notFound', { what: msg('subject.enterprise'), id }),
      );
    }
    return enterprise;
  }

  async get(id: string, actor: Actor): Promise<EnterpriseResponse> {
    return toEnterpriseResponse(await this.getVisible(id, actor));
  }

  async list(query: ListEnterprisesQueryDto, actor: Actor): Promise<Page<EnterpriseResponse>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const after = decodeCursor(query.cursor);
    const scope = enterpriseScopeOf(actor);
    if (scope === null) return { items: [], nextCursor: null };
    const rows = await this.enterprises.page(
      scope,
      {
        ...(query.regionCode ? { regionCode: query.regionCode } : {}),
        ...(query.q ? { q: query.q } : {}),
        ...(after ? { after } : {}),
      },
      limit + 1,
    );
    return toPage(rows, limit, (e) => e.id, toEnterpriseResponse);
  }
}
