import { Inject, Injectable } from '@nestjs/common';
import type { Actor } from '../../domain/access/roles';
import { regionContains, regionPrefix } from '../../domain/access/region';
import { DomainError } from '../../domain/errors';
import { Clock } from '../../infra/clock';
import { newId } from '../../infra/ids';
import {
  decodeCursor,
  DEFAULT_PAGE_SIZE,
  toPage,
  type Page,
} from '../../infra/pagination/pagination';
import { TransactionRunner } from '../../infra/persistence/transaction-runner';
import {
  toDeliveryView,
  toWebhookView,
  type CreateWebhookDto,
  type ListDeliveriesQueryDto,
  type UpdateWebhookDto,
  type WebhookView,
} from './dto/webhook.dto';
import { WebhookRepository, type Subscription } from './webhook.repository';
import { newWebhookSecret } from './webhook-signature';
import type { PageQueryDto } from '../../infra/pagination/pagination';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { specialTargetProblem } from './webhook-target';

/**
 * Who manages which subscriptions: an admin every one; a province-level reviewer those of its own
 * region (a subscription it creates is bound to its region). Nobody else.
 */
const regionOf = (actor: Actor): { all: true } | { region: string } => {
  if (actor.kind === 'user' && actor.role === 'admin') return { all: true };
  if (
    actor.kind === 'user' &&
    actor.role === 'reviewer' &&
    actor.jurisdiction?.level === 'province' &&
    actor.jurisdiction.regionCode
  ) {
    return { region: actor.jurisdiction.regionCode };
  }
  throw new DomainError('FORBIDDEN', 'only admins and province reviewers manage webhooks');
};

/** Webhook subscriptions and their deliveries, for their managers. */
@Injectable()
export class WebhooksService {
  constructor(
    private readonly repository: WebhookRepository,
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Refuses a URL that is, or resolves to, a loopback or private address (SSRF). */
  private async checkTarget(url: string): Promise<void> {
    if (this.config.outbox.webhookAllowPrivateNetworks) return;
    const problem = await specialTargetProblem(url);
    if (problem) {
      throw new DomainError('VALIDATION_FAILED', problem, {
        errors: [{ field: 'url', message: problem }],
      });
    }
  }

  async create(actor: Actor, dto: CreateWebhookDto): Promise<WebhookView> {
    const reach = regionOf(actor);
    let regionCode = dto.regionCode ?? null;
    if ('region' in reach) {
      regionCode ??= reach.region;
      if (!regionContains(reach.region, regionCode)) {
        throw new DomainError('FORBIDDEN', 'regionCode is outside your jurisdiction');
      }
    }
    await this.checkTarget(dto.url);
    const at = this.clock.nowIso();
    const subscription: Subscription = {
      id: newId(),
      url: dto.url,
      events: dto.events,
      tiers: dto.tiers && dto.tiers.length > 0 ? dto.tiers : null,
      regionCode,
      description: dto.description ?? null,
      secret: newWebhookSecret(),
      disabled: false,
      createdBy: actor.id,
      createdAt: at,
      updatedAt: at,
    };
    await this.tx.run((em) => this.repository.insertSubscription(em, subscription));
    return toWebhookView(subscription, true);
  }

  async list(actor: Actor, query: PageQueryDto): Promise<Page<WebhookView>> {
    const reach = regionOf(actor);
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const after = decodeCursor(query.cursor);
    const rows = await this.repository.listSubscriptions({
      ...('region' in reach ? { regionPrefix: regionPrefix(reach.region) } : {}),
      ...(after ? { after } : {}),
      limit: limit + 1,
    });
    return toPage(
      rows,
      limit,
      (s) => s.id,
      (s) => toWebhookView(s),
    );
  }

  /** A subscription the actor manages; any other is not found. */
  private async visible(actor: Actor, id: string): Promise<Subscription> {
    const reach = regionOf(actor);
    const found = /^[0-9a-f-]{36}$/i.test(id)
      ? await this.repository.getSubscription(id)
      : undefined;
    if (
      !found ||
      ('region' in reach && (!found.regionCode || !regionContains(reach.region, found.regionCode)))
    ) {
      throw new DomainError('NOT_FOUND', `webhook ${id} not found`);
    }
    return found;
  }

  async get(actor: Actor, id: string): Promise<WebhookView> {
    return toWebhookView(await this.visible(actor, id));
  }

  async update(actor: Actor, id: string, dto: UpdateWebhookDto): Promise<WebhookView> {
    await this.visible(actor, id);
    if (dto.url !== undefined) await this.checkTarget(dto.url);
    await this.tx.run((em) =>
      this.repository.updateSubscription(
        em,
        id,
        {
          ...(dto.url !== undefined ? { url: dto.url } : {}),
          ...(dto.events !== undefined ? { events: dto.events } : {}),
          ...(dto.disabled !== undefined ? { disabled: dto.disabled } : {}),
        },
        this.clock.nowIso(),
      ),
    );
    return this.get(actor, id);
  }

  async remove(actor: Actor, id: string): Promise<void> {
    await this.visible(actor, id);
    await this.tx.run((em) => this.repository.deleteSubscription(em, id));
  }

  async deliveries(actor: Actor, id: string, query: ListDeliveriesQueryDto) {
    await this.visible(actor, id);
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const after = decodeCursor(query.cursor);
    const rows = await this.repository.listDeliveries({
      subscriptionId: id,
      ...(query.status ? { status: query.status } : {}),
      ...(after ? { after } : {}),
      limit: limit + 1,
    });
    return toPage(rows, limit, (d) => d.id, toDeliveryView);
  }

  async redeliver(actor: Actor, id: string, deliveryId: string): Promise<void> {
    await this.visible(actor, id);
    const delivery = /^[0-9a-f-]{36}$/i.test(deliveryId)
      ? await this.repository.getDelivery(id, deliveryId)
      : undefined;
    if (!delivery) throw new DomainError('NOT_FOUND', `delivery ${deliveryId} not found`);
    await this.tx.run((em) => this.repository.redeliver(em, deliveryId, this.clock.nowIso()));
  }
}
