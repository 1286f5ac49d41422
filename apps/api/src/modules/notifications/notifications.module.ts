import { Module } from '@nestjs/common';
import { NotificationsController, UnsubscribeController } from './notifications.controller.js';
import { NotificationsService } from './notifications.service.js';

/** In-app notifications, notification settings and the e-mail unsubscribe link (delivery is the worker's). */
@Module({
  controllers: [NotificationsController, UnsubscribeController],
  providers: [NotificationsService],
})
export class NotificationsModule {}
