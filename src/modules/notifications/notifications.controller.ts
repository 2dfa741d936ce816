import { Controller, Get, Headers, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../../domain/access/roles';
import { languageOf } from '../../domain/events/notifications';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { ListNotificationsQueryDto } from './dto/notification.dto';
import { NotificationsService } from './notifications.service';

@ApiTags('notifications')
@ApiBearerAuth()
@Roles('enterprise')
@Controller('me/notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  list(
    @CurrentActor() actor: Actor,
    @Query() query: ListNotificationsQueryDto,
    @Headers('accept-language') language?: string,
  ) {
    return this.notifications.list(actor, query, languageOf(language));
  }

  @Post(':id/read')
  @HttpCode(204)
  async read(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<void> {
    await this.notifications.markRead(actor, id);
  }
}
