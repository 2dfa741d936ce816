import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../../domain/access/roles';
import { PageQueryDto } from '../../infra/pagination/pagination';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { CreateWebhookDto, ListDeliveriesQueryDto, UpdateWebhookDto } from './dto/webhook.dto';
import { WebhooksService } from './webhooks.service';
import { ApiJson, ApiOp, ApiPage } from '../../infra/http/openapi/api-docs';
import { DeliverySchema, WebhookSchema } from './webhook.schema';

@ApiTags('webhooks')
@ApiBearerAuth()
@Roles('admin', 'reviewer')
@Controller('webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @ApiOp({
    id: 'createWebhook',
    summary: 'Subscribes a URL to events (its signing secret is in this answer only)',
    problems: ['DUPLICATE'],
  })
  @ApiJson(WebhookSchema, { status: 201 })
  @Post()
  create(@CurrentActor() actor: Actor, @Body() dto: CreateWebhookDto) {
    return this.webhooks.create(actor, dto);
  }

  @ApiOp({ id: 'listWebhooks', summary: 'Webhook subscriptions the caller manages' })
  @ApiPage(WebhookSchema)
  @Get()
  list(@CurrentActor() actor: Actor, @Query() query: PageQueryDto) {
    return this.webhooks.list(actor, query);
  }

  @ApiOp({ id: 'getWebhook', summary: 'One webhook subscription' })
  @ApiJson(WebhookSchema)
  @Get(':id')
  get(@CurrentActor() actor: Actor, @Param('id') id: string) {
    return this.webhooks.get(actor, id);
  }

  @ApiOp({ id: 'updateWebhook', summary: 'Changes a subscription (URL, filters, disabled)' })
  @ApiJson(WebhookSchema)
  @Patch(':id')
  update(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() dto: UpdateWebhookDto) {
    return this.webhooks.update(actor, id, dto);
  }

  @ApiOp({ id: 'deleteWebhook', summary: 'Removes a subscription' })
  @ApiResponse({ status: 204, description: 'Removed' })
  @Delete(':id')
  @HttpCode(204)
  remove(@CurrentActor() actor: Actor, @Param('id') id: string) {
    return this.webhooks.remove(actor, id);
  }

  @ApiOp({
    id: 'listWebhookDeliveries',
    summary: "A subscription's deliveries, with every attempt",
  })
  @ApiPage(DeliverySchema)
  @Get(':id/deliveries')
  deliveries(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Query() query: ListDeliveriesQueryDto,
  ) {
    return this.webhooks.deliveries(actor, id, query);
  }

  @ApiOp({
    id: 'redeliverWebhookDelivery',
    summary: 'Sends a delivery again (a dead one too)',
    problems: ['INVALID_TRANSITION'],
  })
  @ApiResponse({ status: 202, description: 'Queued' })
  @Post(':id/deliveries/:deliveryId/redeliver')
  @HttpCode(202)
  async redeliver(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Param('deliveryId') deliveryId: string,
  ): Promise<void> {
    await this.webhooks.redeliver(actor, id, deliveryId);
  }
}
