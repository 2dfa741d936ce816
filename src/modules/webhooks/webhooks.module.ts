import { Module } from '@nestjs/common';
import { WebhookDispatcher } from './webhook-dispatcher';
import { WebhookRepository } from './webhook.repository';
import { WebhookSender } from './webhook-sender';
import { WebhooksController } from './webhooks.controller';
import { WebhooksService } from './webhooks.service';

/** Webhook subscriptions (managed by admins and province reviewers) and their deliveries. */
@Module({
  controllers: [WebhooksController],
  providers: [WebhookRepository, WebhookSender, WebhookDispatcher, WebhooksService],
  exports: [WebhookDispatcher, WebhookRepository],
})
export class WebhooksModule {}
