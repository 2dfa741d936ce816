import { Injectable, Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { userShapeProblems } from '../../domain/access/jurisdiction-rules';
import {
  SYSTEM_ACTOR,
  toActorRef,
  type Actor,
  type Jurisdiction,
  type Role,
} from '../../domain/access/roles';
import { DomainError } from '../../domain/errors';
import { isReservedUsername, usernameKeyOf } from '../../domain/identity/username';
import { Clock } from '../../infra/clock';
import { newId } from '../../infra/ids';
import {
  DEFAULT_PAGE_SIZE,
  decodeCursor,
  toPage,
  type Page,
} from '../../infra/pagination/pagination';
import { TransactionRunner } from '../../infra/persistence/transaction-runner';
import { AuditLogRepository } from '../audit-log/audit-log.repository';
import { EnterpriseRepository } from '../enterprises/enterprise.repository';
import { toUserResponse, type ListUsersQueryDto, type UserResponse } from './dto/user.dto';
import { PasswordHasher } from './password-hasher';
import type { UserRecord } from './user.record';
import { UserRepository } from './user.repository';
import { msg } from '../../domain/i18n/message';

export type NewUser = {
  username: string;
  password: string;
  role: Role;
  enterpriseId?: string;
  jurisdiction?: Jurisdiction;
};

export type CommandContext = { actor: Actor; requestId: string | null };

@Injectable()
export class UsersService {
  private readonly logger = new Logger(UsersService.name);

  constructor(
    private readonly users: UserRepository,
    private readonly enterprises: EnterpriseRepository,
    private readonly tx: TransactionRunner,
    private readonly audit: AuditLogRepository,
    private readonly hasher: PasswordHasher,
    private readonly clock: Clock,
  ) {}

  /** By id, on every authenticated request. */
  async findById(id: string): Promise<UserRecord | null> {
    return (await this.users.findById(id)) ?? null;
  }

  async findByUsername(username: string): Promise<UserRecord | null> {
    return (await this.users.findByUsername(username)) ?? null;
  }

  async create(input: NewUser, ctx: CommandContext): Promise<UserResponse> {
    const problems = userShapeProblems(input);
    if (problems.length > 0) {
      throw new DomainError('VALIDATION_FAILED', problems.map((p) => p.message).join('; '), {
        errors: problems,
      });
    }
    await this.assertUsernameAvailable(input.username, { selfRegistration: false });
    // Hash outside the transaction: it is slow on purpose and needs no lock.
    const passwordHash = await this.hasher.hash(input.password);
    const user = await this.tx.run((em) => this.insert(em, input, passwordHash, ctx));
    return toUserResponse(user);
  }

  /**
   * A username is available when no account has its skeleton (lookalikes collide) and, for a
   * self-registration, it is not reserved. One answer for every case, so that the refusal says
   * nothing about which accounts exist: a cheap check before any password is hashed.
   */
  async assertUsernameAvailable(
    username: string,
    options: { selfRegistration: boolean },
    em?: EntityManager,
  ): Promise<void> {
    const taken = await this.users.findByKey(usernameKeyOf(username), em);
    if (taken || (options.selfRegistration && isReservedUsername(username))) {
      throw new DomainError('DUPLICATE', 'This username is not available; choose another', {
        errors: [{ field: 'username', message: 'is not available' }],
      });
    }
  }

  /** Inserts a user inside the caller's transaction (enterprise self-registration uses it). */
  async insert(
    em: EntityManager,
    input: NewUser,
    passwordHash: string,
    ctx: CommandContext,
  ): Promise<UserRecord> {
    await this.assertUsernameAvailable(input.username, { selfRegistration: false }, em);
    let enterpriseRegion: string | null = null;
    if (input.enterpriseId) {
      const enterprise = await this.enterprises.findById(input.enterpriseId, em);
      if (!enterprise) {
        throw new DomainError('VALIDATION_FAILED', 'enterpriseId does not exist', {
          errors: [{ field: 'enterpriseId', message: 'no such enterprise' }],
        });
      }
      enterpriseRegion = enterprise.regionCode;
    }
    const now = this.clock.nowIso();
    const user: UserRecord = {
      id: newId(),
      username: input.username,
      usernameKey: usernameKeyOf(input.username),
      passwordHash,
      role: input.role,
      enterpriseId: input.enterpriseId ?? null,
      jurisdictionLevel: input.jurisdiction?.level ?? null,
      regionCode: input.jurisdiction?.regionCode ?? null,
      disabled: false,
      tokenVersion: 0,
      createdAt: now,
      updatedAt: now,
    };
    await this.users.insert(em, user);
    await this.audit.append(em, {
      at: now,
      actor: toActorRef(ctx.actor),
      subject: { type: 'user', id: user.id },
      enterpriseId: user.enterpriseId,
      regionCode: user.regionCode ?? enterpriseRegion,
      event: 'user.created',
      data: {
        username: user.username,
        role: user.role,
        enterpriseId: user.enterpriseId,
        jurisdiction: input.jurisdiction ?? null,
      },
      requestId: ctx.requestId,
    });
    return user;
  }

  /**
   * Stores a hash of the same password made at the current cost (after a sign-in that proved it):
   * not a credential change, so tokens stay valid and nothing is audited.
   */
  async rehash(id: string, passwordHash: string): Promise<void> {
    await this.tx.run(async (em) => {
      const user = await this.users.findById(id, em);
      if (!user) return;
      await this.users.update(em, id, {
        disabled: user.disabled,
        passwordHash,
        tokenVersion: user.tokenVersion,
        updatedAt: user.updatedAt,
      });
    });
  }

  /**
   * Disables every account of an enterprise and ends their tokens, inside the caller's transaction
   * (a granted claim of its credit code); audited.
   */
  async disableEnterpriseAccounts(
    em: EntityManager,
    enterpriseId: string,
    ctx: CommandContext & { reason: string },
  ): Promise<string[]> {
    const now = this.clock.nowIso();
    const disabled: string[] = [];
    for (const user of await this.users.ofEnterprise(em, enterpriseId)) {
      if (user.disabled) continue;
      await this.users.update(em, user.id, {
        disabled: true,
        passwordHash: user.passwordHash,
        tokenVersion: user.tokenVersion + 1,
        updatedAt: now,
      });
      await this.audit.append(em, {
        at: now,
        actor: toActorRef(ctx.actor),
        subject: { type: 'user', id: user.id },
        enterpriseId,
        event: 'user.updated',
        data: { changed: ['disabled'], disabled: true, reason: ctx.reason },
        requestId: ctx.requestId,
      });
      disabled.push(user.id);
    }
    return disabled;
  }

  async update(
    id: string,
    changes: { disabled?: boolean; password?: string },
    ctx: CommandContext,
  ): Promise<UserResponse> {
    const passwordHash = changes.password ? await this.hasher.hash(changes.password) : undefined;
    const user = await this.tx.run(async (em) => {
      const user = await this.users.findById(id, em);
      if (!user)
        throw new DomainError(
          'NOT_FOUND',
          msg('problem.notFound', { what: msg('subject.user'), id }),
        );
      const now = this.clock.nowIso();
      const changed: string[] = [];
      if (changes.disabled !== undefined && changes.disabled !== user.disabled) {
        user.disabled = changes.disabled;
        changed.push('disabled');
      }
      if (passwordHash) {
        user.passwordHash = passwordHash;
        changed.push('password');
      }
      if (changed.length === 0) return user;
      // Any credential or access change ends the user's existing tokens.
      user.tokenVersion += 1;
      user.updatedAt = now;
      await this.users.update(em, id, {
        disabled: user.disabled,
        passwordHash: user.passwordHash,
        tokenVersion: user.tokenVersion,
        updatedAt: now,
      });
      await this.audit.append(em, {
        at: now,
        actor: toActorRef(ctx.actor),
        subject: { type: 'user', id },
        enterpriseId: user.enterpriseId,
        regionCode: user.regionCode,
        event: 'user.updated',
        data: { changed, disabled: user.disabled },
        requestId: ctx.requestId,
      });
      return user;
    });
    return toUserResponse(user);
  }

  async get(id: string): Promise<UserResponse> {
    const user = await this.findById(id);
    if (!user)
      throw new DomainError(
        'NOT_FOUND',
        msg('problem.notFound', { what: msg('subject.user'), id }),
      );
    return toUserResponse(user);
  }

  async list(query: ListUsersQueryDto): Promise<Page<UserResponse>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const after = decodeCursor(query.cursor);
    const rows = await this.users.page(
      { ...(query.role ? { role: query.role } : {}), ...(after ? { after } : {}) },
      limit + 1,
    );
    return toPage(rows, limit, (u) => u.id, toUserResponse);
  }

  /** First start with an empty database: create the admin, printing a generated password once. */
  async ensureBootstrapAdmin(username: string, password: string | undefined): Promise<void> {
    if ((await this.users.count()) > 0) return;
    const generated = password === undefined;
    const secret = password ?? randomBytes(18).toString('base64url');
    const passwordHash = await this.hasher.hash(secret);
    await this.tx.run(async (em) => {
      if ((await this.users.count(em)) > 0) return;
      await this.insert(em, { username, password: secret, role: 'admin' }, passwordHash, {
        actor: SYSTEM_ACTOR,
        requestId: null,
      });
    });
    if (generated) {
      // Printed once, to the console only, so the operator can sign in and change it.
      process.stdout.write(
        `\nSME Ladder: created admin user "${username}" with generated password: ${secret}\n` +
          'Change it after signing in (PATCH /api/v1/users/{id}); it will not be shown again.\n\n',
      );
    } else {
      this.logger.log({ username }, 'Created the bootstrap admin user');
    }
  }
}
