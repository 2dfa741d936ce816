import { Injectable } from '@nestjs/common';
import { mayDecideClaim } from '../../domain/access/claim-access';
import { enterpriseScopeOf } from '../../domain/access/list-scope';
import { toActorRef, type Actor } from '../../domain/access/roles';
import { chinaDateOf } from '../../domain/calendar/working-days';
import { DomainError } from '../../domain/errors';
import { registrationProblems } from '../../domain/identity/registration';
import { Clock } from '../../infra/clock';
import { newId } from '../../infra/ids';
import {
  decodeCursor,
  DEFAULT_PAGE_SIZE,
  toPage,
  type Page,
} from '../../infra/pagination/pagination';
import { TransactionRunner } from '../../infra/persistence/transaction-runner';
import { isLeafRegionCode } from '../../infra/regions/region-registry';
import { AuditLogRepository } from '../audit-log/audit-log.repository';
import { toEnterpriseResponse, type EnterpriseResponse } from '../enterprises/dto/enterprise.dto';
import type { EnterpriseRecord } from '../enterprises/enterprise.record';
import { EnterpriseRepository } from '../enterprises/enterprise.repository';
import { PasswordHasher } from '../users/password-hasher';
import { UsersService } from '../users/users.service';
import type {
  ClaimEnterpriseDto,
  DecideClaimDto,
  ListClaimsQueryDto,
  RegisterEnterpriseDto,
} from './dto/register-enterprise.dto';
import type { EnterpriseClaimRecord } from './enterprise-claim.record';
import { EnterpriseClaimRepository } from './enterprise-claim.repository';

export type ClaimView = Omit<EnterpriseClaimRecord, 'passwordHash'>;
const toClaimView = ({ passwordHash: _hash, ...claim }: EnterpriseClaimRecord): ClaimView => claim;

const CLAIM_HINT =
  'If this credit code is your company’s, file a claim (POST /api/v1/enterprises/claims): the provincial authority verifies it and can hand the enterprise to you.';

/**
 * Self-registration (an enterprise and its first account, in one transaction) and the claims of a
 * credit code registered by someone else. Every cheap check runs before the password is hashed.
 */
@Injectable()
export class RegistrationService {
  constructor(
    private readonly enterprises: EnterpriseRepository,
    private readonly claims: EnterpriseClaimRepository,
    private readonly users: UsersService,
    private readonly hasher: PasswordHasher,
    private readonly tx: TransactionRunner,
    private readonly audit: AuditLogRepository,
    private readonly clock: Clock,
  ) {}

  async register(input: RegisterEnterpriseDto, requestId: string): Promise<EnterpriseResponse> {
    const problems = registrationProblems(input, {
      today: chinaDateOf(this.clock.nowIso()),
      isLeafRegion: isLeafRegionCode,
    });
    if (problems.length > 0) {
      throw new DomainError('VALIDATION_FAILED', `${problems[0]!.field}: ${problems[0]!.message}`, {
        errors: problems,
      });
    }
    if (await this.enterprises.findByCreditCode(input.creditCode)) throw this.registered();
    await this.users.assertUsernameAvailable(input.account.username, { selfRegistration: true });
    const passwordHash = await this.hasher.hash(input.account.password);
    const enterprise = await this.tx.run(async (em) => {
      if (await this.enterprises.existsByCreditCode(em, input.creditCode)) throw this.registered();
      const now = this.clock.nowIso();
      const enterprise: EnterpriseRecord = {
        id: newId(),
        creditCode: input.creditCode,
        name: input.name,
        regionCode: input.regionCode,
        sector: input.sector,
        establishedOn: input.establishedOn,
        createdAt: now,
        updatedAt: now,
      };
      await this.enterprises.insert(em, enterprise);
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

  /** A registered credit code: refused without a word about the account that holds it. */
  private registered(): DomainError {
    return new DomainError('DUPLICATE', 'An enterprise with this credit code is registered', {
      errors: [{ field: 'creditCode', message: 'already registered' }],
      reasons: [CLAIM_HINT],
    });
  }

  /** A company claims its credit code; the provincial authority decides. */
  async fileClaim(
    input: ClaimEnterpriseDto,
    requestId: string,
  ): Promise<{ claimId: string; status: 'pending' }> {
    const enterprise = await this.enterprises.findByCreditCode(input.creditCode);
    if (!enterprise) {
      throw new DomainError('NOT_FOUND', 'No enterprise with this credit code is registered', {
        reasons: ['Register the enterprise instead (POST /api/v1/enterprises).'],
      });
    }
    await this.users.assertUsernameAvailable(input.account.username, { selfRegistration: true });
    const passwordHash = await this.hasher.hash(input.account.password);
    const at = this.clock.nowIso();
    const claim: EnterpriseClaimRecord = {
      id: newId(),
      enterpriseId: enterprise.id,
      regionCode: enterprise.regionCode,
      creditCode: enterprise.creditCode,
      claimantName: input.claimant.name,
      claimantContact: input.claimant.contact,
      statement: input.statement,
      username: input.account.username,
      passwordHash,
      status: 'pending',
      createdAt: at,
      decidedAt: null,
      decidedBy: null,
      reasons: null,
    };
    await this.tx.run(async (em) => {
      await this.claims.insert(em, claim);
      await this.audit.append(em, {
        at,
        actor: { id: `claim:${claim.id}`, role: 'public' },
        subject: { type: 'enterprise', id: enterprise.id },
        enterpriseId: enterprise.id,
        regionCode: enterprise.regionCode,
        event: 'enterprise.claim.filed',
        // The claimant's contact is personal data: kept in the claim, not in the permanent log.
        data: { claimId: claim.id, creditCode: claim.creditCode, username: claim.username },
        requestId,
      });
    });
    return { claimId: claim.id, status: 'pending' };
  }

  async listClaims(query: ListClaimsQueryDto, actor: Actor): Promise<Page<ClaimView>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const after = decodeCursor(query.cursor);
    const scope =
      actor.kind === 'user' && actor.role === 'enterprise' ? null : enterpriseScopeOf(actor);
    if (scope === null) return { items: [], nextCursor: null };
    const rows = await this.claims.page(
      scope,
      { ...(query.status ? { status: query.status } : {}), ...(after ? { after } : {}) },
      limit + 1,
    );
    return toPage(rows, limit, (c) => c.id, toClaimView);
  }

  /**
   * Granted: the enterprise's accounts are disabled (their tokens end) and the claimant's account
   * is created; refused: nothing else changes. Both audited with the reasons.
   */
  async decideClaim(
    id: string,
    input: DecideClaimDto,
    actor: Actor,
    requestId: string,
  ): Promise<ClaimView> {
    const at = this.clock.nowIso();
    const decided = await this.tx.run(async (em) => {
      const claim = await this.claims.load(id, em);
      const visible = claim && enterpriseScopeOf(actor) !== null;
      if (!claim || !visible || !mayDecideClaim(actor, claim.regionCode)) {
        throw new DomainError('NOT_FOUND', `claim ${id} not found`);
      }
      if (claim.status !== 'pending') {
        throw new DomainError('INVALID_TRANSITION', `claim ${id} is already ${claim.status}`);
      }
      const decided = await this.claims.decide(em, claim, {
        status: input.outcome,
        at,
        by: actor.id,
        reasons: input.reasons,
      });
      let disabledAccounts: string[] = [];
      let newAccount: string | null = null;
      if (input.outcome === 'granted') {
        const ctx = { actor, requestId, reason: `claim ${claim.id} granted` };
        disabledAccounts = await this.users.disableEnterpriseAccounts(em, claim.enterpriseId, ctx);
        newAccount = (
          await this.users.insert(
            em,
            {
              username: claim.username,
              password: '',
              role: 'enterprise',
              enterpriseId: claim.enterpriseId,
            },
            claim.passwordHash,
            { actor, requestId },
          )
        ).id;
      }
      await this.audit.append(em, {
        at,
        actor: toActorRef(actor),
        subject: { type: 'enterprise', id: claim.enterpriseId },
        enterpriseId: claim.enterpriseId,
        regionCode: claim.regionCode,
        event:
          input.outcome === 'granted' ? 'enterprise.claim.granted' : 'enterprise.claim.refused',
        data: { claimId: claim.id, reasons: input.reasons, disabledAccounts, newAccount },
        requestId,
      });
      return decided;
    });
    return toClaimView(decided);
  }
}
