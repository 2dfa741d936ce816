import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { connect, headers, type JetStreamClient, type NatsConnection } from 'nats';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import type { DomainEvent } from '../../domain/events/domain-event';

/** The NATS subject an event is published on: `<prefix>.<type>` (`ladder.events.application.submit`). */
export const natsSubjectOf = (prefix: string, event: DomainEvent): string =>
  `${prefix}.${event.type}`;

/**
 * Publishes outbox events to NATS JetStream when EVENTS_BROKER_URL is set. Each publish waits for
 * the stream's acknowledgement; the message id is the event id, so a republish after a crash
 * (at-least-once) is dropped by JetStream's duplicate window. The stream is created if missing.
 */
@Injectable()
export class EventBroker implements OnModuleDestroy {
  private readonly logger = new Logger(EventBroker.name);
  private connection: Promise<{ nc: NatsConnection; js: JetStreamClient }> | undefined;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  get enabled(): boolean {
    return this.config.outbox.brokerUrl !== null;
  }

  private connect(): Promise<{ nc: NatsConnection; js: JetStreamClient }> {
    this.connection ??= (async () => {
      const url = new URL(this.config.outbox.brokerUrl!);
      const nc = await connect({
        servers: `${url.hostname}:${url.port || '4222'}`,
        ...(url.username ? { user: decodeURIComponent(url.username) } : {}),
        ...(url.password ? { pass: decodeURIComponent(url.password) } : {}),
        name: 'sme-ladder-relay',
        timeout: 5000,
      });
      const jsm = await nc.jetstreamManager();
      const stream = this.config.outbox.brokerStream;
      try {
        await jsm.streams.info(stream);
      } catch {
        await jsm.streams.add({
          name: stream,
          subjects: [`${this.config.outbox.brokerSubject}.>`],
        });
      }
      this.logger.log({ stream }, 'Connected to NATS JetStream');
      return { nc, js: nc.jetstream() };
    })().catch((error: unknown) => {
      this.connection = undefined;
      throw error;
    });
    return this.connection;
  }

  /** Publishes one event and waits for JetStream to store it. */
  async publish(event: DomainEvent): Promise<void> {
    const { js } = await this.connect();
    const h = headers();
    h.set('Ladder-Subject-Id', event.subject.id);
    await js.publish(
      natsSubjectOf(this.config.outbox.brokerSubject, event),
      JSON.stringify(event),
      {
        msgID: event.id,
        headers: h,
        timeout: 5000,
      },
    );
  }

  async onModuleDestroy(): Promise<void> {
    const connection = this.connection;
    this.connection = undefined;
    if (!connection) return;
    try {
      const { nc } = await connection;
      await nc.drain();
    } catch {
      // Never connected: nothing to close.
    }
  }
}
