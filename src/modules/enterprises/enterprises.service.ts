import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, type DataSource } from 'typeorm';
import { regionContains, regionPrefix } from '../../domain/access/region';
import { toActorRef, type Actor } from '../../domain/access/roles';
import { DomainError } from '../../domain/errors';
import { Clock } from '../../shared/clock';
import { newId } from '../../shared/ids';
import {
  DEFAULT_PAGE_SIZE,
  decodeCursor,
  toPage,
  type Page,
} from '../../shared/pagination/pagination';
import { TransactionRunner } from '../../shared/persistence/transaction-runner';
import { AuditLogRepository } from '../audit/audit-log.repository';
import { PasswordHasher } from '../auth/password-hasher';
import { UsersService } from '../users/users.service';
import {
  toEnterpriseResponse,
  type EnterpriseResponse,
  type ListEnterprisesQueryDto,
  type RegisterEnterpriseDto,
} from './dto/enterprise.dto';
import { EnterpriseEntity } from './enterprise.entity';

/** Region scope of an actor for enterprise data: null = everything, undefined = nothing. */
const regionScopeOf = (actor: Actor): string | null | undefined => {
  if (actor.kind !== 'user') return undefined;
  if (actor.role === 'admin') return null;
  if (actor.role === 'reviewer' || actor.role === 'auditor' || actor.role === 'expert') {
    if (actor.jurisdiction?.level === 'national') return null;
    return actor.jurisdiction?.regionCode;
  }
  return undefined;
};

@Injectable()
export class EnterprisesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
    private readonly audit: AuditLogRepository,
    private readonly users: UsersService,
    private readonly hasher: PasswordHasher,
    private readonly clock: Clock,
  ) {}

  /** Self-registration: the enterprise and its first account, in one transaction. */
  async register(input: RegisterEnterpriseDto, requestId: string): Promise<EnterpriseResponse> {
    const passwordHash = await this.hasher.hash(input.account.password);
    const enterprise = await this.tx.run(async (em) => {
      if (await em.existsBy(EnterpriseEntity, { creditCode: input.creditCode })) {
        throw new DomainError('DUPLICATE', 'An enterprise with this credit code is registered', {
          errors: [{ field: 'creditCode', message: 'already registered' }],
        });
      }
      const now = this.clock.nowIso();
      const enterprise: EnterpriseEntity = {
        id: newId(),
        creditCode: input.creditCode,
        name: input.name,
        regionCode: input.regionCode,
        sector: input.sector,
        establishedOn: input.establishedOn,
        createdAt: now,
        updatedAt: now,
      };
      await em.insert(EnterpriseEntity, enterprise);
      const actor: Actor = { kind: 'public', id: `enterprise:${enterprise.id}`, role: 'public' };
      await this.audit.append(em, {
        at: now,
        actor: toActorRef(actor),
        subject: { type: 'enterprise', id: enterprise.id },
        enterpriseId: enterprise.id,
        regionCode: enterprise.regionCode,
        event: 'enterprise.registered',
        data: { ...toEnterpriseResponse(enterprise), username: input.account.username },
        requestId,
      });
      await this.users.insert(
        em,
        {
          username: input.account.username,
          password: input.account.password,
          role: 'enterprise',
          enterpriseId: enterprise.id,
        },
        passwordHash,
        { actor, requestId },
      );
      return enterprise;
    });
    return toEnterpriseResponse(enterprise);
  }

  /** The enterprise if the actor may see it; otherwise NOT_FOUND (existence is not leaked). */
  async getVisible(id: string, actor: Actor): Promise<EnterpriseEntity> {
    const enterprise = await this.dataSource.getRepository(EnterpriseEntity).findOneBy({ id });
    if (!enterprise || !this.canView(actor, enterprise)) {
      throw new DomainError('NOT_FOUND', `enterprise ${id} not found`);
    }
    return enterprise;
  }

  async get(id: string, actor: Actor): Promise<EnterpriseResponse> {
    return toEnterpriseResponse(await this.getVisible(id, actor));
  }

  canView(actor: Actor, enterprise: EnterpriseEntity): boolean {
    if (actor.kind === 'user' && actor.role === 'enterprise')
      return actor.enterpriseId === enterprise.id;
    const scope = regionScopeOf(actor);
    if (scope === undefined) return false;
    return scope === null || regionContains(scope, enterprise.regionCode);
  }

  async list(query: ListEnterprisesQueryDto, actor: Actor): Promise<Page<EnterpriseResponse>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const after = decodeCursor(query.cursor);
    const qb = this.dataSource.getRepository(EnterpriseEntity).createQueryBuilder('e');
    if (actor.kind === 'user' && actor.role === 'enterprise') {
      qb.andWhere('e.id = :own', { own: actor.enterpriseId ?? '' });
    } else {
      const scope = regionScopeOf(actor);
      if (scope === undefined) return { items: [], nextCursor: null };
      if (scope !== null)
        qb.andWhere('e.region_code LIKE :scope', { scope: `${regionPrefix(scope)}%` });
    }
    if (query.regionCode) {
      qb.andWhere('e.region_code LIKE :region', { region: `${regionPrefix(query.regionCode)}%` });
    }
    if (query.q) {
      const q = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      qb.andWhere(
        new Brackets((w) =>
          w
            .where("e.name LIKE :q ESCAPE '\\'", { q })
            .orWhere("e.credit_code LIKE :q ESCAPE '\\'", { q }),
        ),
      );
    }
    if (after) qb.andWhere('e.id > :after', { after });
    const rows = await qb
      .orderBy('e.id', 'ASC')
      .limit(limit + 1)
      .getMany();
    return toPage(rows, limit, (e) => e.id, toEnterpriseResponse);
  }
}
