import { Injectable } from '@nestjs/common';
import { toActorRef, type Actor } from '../../domain/access/roles';
import { DomainError } from '../../domain/errors';
import { Clock } from '../../shared/clock';
import { newId } from '../../shared/ids';
import { TransactionRunner } from '../../shared/persistence/transaction-runner';
import { AuditLogRepository } from '../audit-log/audit-log.repository';
import { toEnterpriseResponse, type EnterpriseResponse } from '../enterprises/dto/enterprise.dto';
import type { EnterpriseRecord } from '../enterprises/enterprise.record';
import { EnterpriseRepository } from '../enterprises/enterprise.repository';
import { PasswordHasher } from '../users/password-hasher';
import { UsersService } from '../users/users.service';
import type { RegisterEnterpriseDto } from './dto/register-enterprise.dto';

/** Self-registration: an enterprise and its first account, in one transaction. */
@Injectable()
export class RegistrationService {
  constructor(
    private readonly enterprises: EnterpriseRepository,
    private readonly users: UsersService,
    private readonly hasher: PasswordHasher,
    private readonly tx: TransactionRunner,
    private readonly audit: AuditLogRepository,
    private readonly clock: Clock,
  ) {}

  async register(input: RegisterEnterpriseDto, requestId: string): Promise<EnterpriseResponse> {
    const passwordHash = await this.hasher.hash(input.account.password);
    const enterprise = await this.tx.run(async (em) => {
      if (await this.enterprises.existsByCreditCode(em, input.creditCode)) {
        throw new DomainError('DUPLICATE', 'An enterprise with this credit code is registered', {
          errors: [{ field: 'creditCode', message: 'already registered' }],
        });
      }
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
}
