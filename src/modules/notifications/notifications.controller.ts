import { Controller, Get, Headers, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../../domain/access/roles';
import { languageOf } from '../../domain/events/notifications';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { ListNotificationsQueryDto } from './dto/notification.dto';
import { NotificationsService } from './notifications.service';
import { ApiJson, ApiOp } from '../../infra/http/openapi/api-docs';
import { NotificationPageSchema } from './notification.schema';

@ApiTags('notifications')
@ApiBearerAuth()
@Roles('enterprise')
@Controller('me/notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @ApiOp({
    id: 'listMyNotifications',
    summary: "The enterprise's inbox, newest first, with the unread count",
  })
  @ApiJson(NotificationPageSchema)
  @Get()
  list(
    @CurrentActor() actor: Actor,
    @Query() query: ListNotificationsQueryDto,
    @Headers('accept-language') language?: string,
  ) {
    return this.notifications.list(actor, query, languageOf(language));
  }

  @ApiOp({ id: 'markNotificationRead', summary: 'Marks a notification read' })
  @ApiResponse({ status: 204, description: 'Read' })
  @Post(':id/read')
  @HttpCode(204)
  async read(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<void> {
    await this.notifications.markRead(actor, id);
  }
}
