import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module';
import { OutboxModule } from '../outbox/outbox.module';
import { WebhooksModule } from '../webhooks/webhooks.module';
import { EventBroker } from './event-broker';
import { OutboxRelay } from './outbox-relay.service';

/** The outbox relay: from the outbox to webhooks, inboxes and the broker. */
@Module({
  imports: [OutboxModule, WebhooksModule, NotificationsModule],
  providers: [OutboxRelay, EventBroker],
  exports: [OutboxRelay],
})
export class RelayModule {}
