import { PollLoop } from '../../infra/polling/poll-loop';
import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { Clock } from '../../infra/clock';
import { TransactionRunner } from '../../infra/persistence/transaction-runner';
import { NotificationsService } from '../notifications/notifications.service';
import { OutboxRepository } from '../outbox/outbox.repository';
import { WebhookDispatcher, type DeliveryReport } from '../webhooks/webhook-dispatcher';
import { EventBroker } from './event-broker';

export type RelayReport = { dispatched: number; deliveries: DeliveryReport };

/**
 * The outbox relay, run by every instance. Each poll dispatches committed events in order — per
 * event, in one transaction with marking it dispatched: a delivery per admitting webhook
 * subscription, the enterprise's notification, and (when configured) the JetStream publish — then
 * sends the webhook deliveries that are due. A crash anywhere leaves the event or the delivery
 * undispatched or unsent, to be taken up again: at-least-once, never for a rolled-back change.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private running: Promise<RelayReport> | undefined;
  private readonly loop: PollLoop;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly tx: TransactionRunner,
    private readonly outbox: OutboxRepository,
    private readonly webhooks: WebhookDispatcher,
    private readonly notifications: NotificationsService,
    private readonly broker: EventBroker,
    private readonly clock: Clock,
  ) {
    this.loop = new PollLoop(
      () => this.runOnce(),
      config.outbox.pollMs,
      (error: unknown) => this.logger.error({ err: error }, 'Outbox relay run failed'),
    );
  }

  onApplicationBootstrap(): void {
    if (this.config.outbox.relayEnabled) this.loop.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.loop.stop();
    await this.running?.catch(() => undefined);
  }

  /** One pass: dispatch every committed event, then send the due deliveries (until none is due). */
  runOnce(): Promise<RelayReport> {
    this.running ??= this.pass().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async pass(): Promise<RelayReport> {
    const dispatched = await this.dispatchAll();
    const deliveries: DeliveryReport = { attempted: 0, delivered: 0, failed: 0, dead: 0 };
    for (;;) {
      if (this.loop.stopped) break;
      const report = await this.webhooks.deliverDue();
      for (const key of Object.keys(deliveries) as (keyof DeliveryReport)[]) {
        deliveries[key] += report[key];
      }
      if (report.attempted === 0) break;
    }
    return { dispatched, deliveries };
  }

  /** Dispatches committed events in batches until none is left. */
  async dispatchAll(batchSize = 100): Promise<number> {
    let total = 0;
    for (;;) {
      if (this.loop.stopped) return total;
      const n = await this.tx.run(async (em) => {
        const events = await this.outbox.claim(em, batchSize);
        if (events.length === 0) return 0;
        const at = this.clock.nowIso();
        const subscriptions = await this.webhooks.subscriptions(em);
        for (const { event, idx } of events) {
          await this.webhooks.enqueue(em, subscriptions, event, idx, at);
          await this.notifications.record(em, event, at);
          // Before the commit: a failed publish leaves the events undispatched, to retry.
          if (this.broker.enabled) await this.broker.publish(event);
        }
        await this.outbox.markDispatched(em, events, at);
        return events.length;
      });
      total += n;
      if (n < batchSize) return total;
    }
  }
}
