import { Inject, Injectable, Optional } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { filterAdmits, retryDelayMs, type DomainEvent } from '../../domain/events/domain-event';
import { regionPrefix } from '../../domain/access/region';
import { Clock } from '../../infra/clock';
import { Metrics } from '../../infra/metrics/metrics';
import { TransactionRunner } from '../../infra/persistence/transaction-runner';
import { WebhookRepository, type Delivery, type Subscription } from './webhook.repository';
import { WebhookSender } from './webhook-sender';

export type DeliveryReport = { attempted: number; delivered: number; failed: number; dead: number };

/**
 * Turns outbox events into deliveries (in the relay's transaction) and sends the due ones:
 * at-least-once, in order per subject and subscription, with exponential backoff and jitter, dead
 * after WEBHOOK_MAX_ATTEMPTS attempts.
 */
@Injectable()
export class WebhookDispatcher {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repository: WebhookRepository,
    private readonly sender: WebhookSender,
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
    @Optional() private readonly metrics?: Metrics,
  ) {}

  /** The subscriptions to fan a batch of events out to (read once per batch). */
  subscriptions(em: EntityManager): Promise<Subscription[]> {
    return this.repository.enabledSubscriptions(em);
  }

  /** A pending delivery per subscription that admits the event, in the caller's transaction. */
  async enqueue(
    em: EntityManager,
    subscriptions: readonly Subscription[],
    event: DomainEvent,
    idx: number,
    at: string,
  ): Promise<number> {
    let n = 0;
    for (const s of subscriptions) {
      const filter = {
        events: s.events,
        tiers: s.tiers,
        regionPrefix: s.regionCode ? regionPrefix(s.regionCode) : null,
      };
      if (!filterAdmits(filter, event)) continue;
      await this.repository.enqueue(em, s.id, event, idx, at);
      n++;
    }
    return n;
  }

  /** Claims the due deliveries and sends them (one per subject lane at a time), recording each. */
  async deliverDue(batchSize = 50): Promise<DeliveryReport> {
    const report: DeliveryReport = { attempted: 0, delivered: 0, failed: 0, dead: 0 };
    const now = this.clock.now();
    const batch = await this.tx.run((em) =>
      this.repository.claimDue(em, {
        now: now.toISOString(),
        // Long enough for the request and its record: a crashed sender's claim expires after it.
        leaseUntil: new Date(
          now.getTime() + this.config.outbox.webhookTimeoutMs * 2 + 5000,
        ).toISOString(),
        limit: batchSize,
      }),
    );
    const subscriptions = new Map<string, Subscription | undefined>();
    for (const id of new Set(batch.map((d) => d.subscriptionId))) {
      subscriptions.set(id, await this.repository.getSubscription(id));
    }
    await Promise.all(
      batch.map(async (delivery) => {
        const outcome = await this.attempt(delivery, subscriptions.get(delivery.subscriptionId));
        report.attempted++;
        report[outcome]++;
      }),
    );
    return report;
  }

  private async attempt(
    delivery: Delivery,
    subscription: Subscription | undefined,
  ): Promise<'delivered' | 'failed' | 'dead'> {
    const attempt = delivery.attempt + 1;
    const sentAt = this.clock.now();
    const result =
      subscription && !subscription.disabled
        ? await this.sender.send(subscription, {
            id: delivery.eventId,
            body: delivery.payload,
            timestampSeconds: Math.floor(sentAt.getTime() / 1000),
          })
        : { ok: false, latencyMs: 0, error: 'subscription disabled' };
    const max = this.config.outbox.webhookMaxAttempts;
    const status = result.ok ? 'delivered' : attempt >= max ? 'dead' : 'failed';
    const nextAttemptAt =
      status === 'failed'
        ? new Date(
            sentAt.getTime() +
              retryDelayMs(attempt, this.config.outbox.webhookRetryBaseMs, Math.random()),
          ).toISOString()
        : null;
    await this.tx.run((em) =>
      this.repository.recordAttempt(em, delivery, {
        status,
        attempt: {
          attempt,
          at: sentAt.toISOString(),
          latencyMs: result.latencyMs,
          ...(result.responseStatus !== undefined ? { responseStatus: result.responseStatus } : {}),
          ...(result.error !== undefined ? { error: result.error } : {}),
        },
        nextAttemptAt,
        deliveredAt: result.ok ? this.clock.nowIso() : null,
      }),
    );
    if (status !== 'delivered') this.metrics?.webhookFailure(status);
    return status;
  }
}
