import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import {
  NotificationListQuerySchema,
  NotificationListSchema,
  NotificationSchema,
  NotificationSettingsSchema,
  type NotificationSettings,
} from '@pm/contracts';
import type { Response } from 'express';
import { z } from 'zod';
import { ApiErrors } from '../../common/api-errors.js';
import { ApiQueryFrom, openApiInput, openApiSchema, UuidParam, ZodPipe } from '../../common/zod.js';
import { CurrentUser, Public, type AuthUser } from '../auth/auth.decorators.js';
import { NotificationsService } from './notifications.service.js';
import { unsubscribePage } from './unsubscribe-page.js';

/** The signed-in user's in-app notifications (the bell) and notification settings: every user, own rows only. */
@ApiTags('notifications')
@ApiBearerAuth()
@Controller()
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  /** Mine, newest first, with the total unread count. */
  @Get('notifications')
  @ApiQueryFrom(NotificationListQuerySchema)
  @ApiOkResponse({ schema: openApiSchema(NotificationListSchema) })
  list(
    @CurrentUser() user: AuthUser,
    @Query(new ZodPipe(NotificationListQuerySchema)) q: z.infer<typeof NotificationListQuerySchema>,
  ) {
    return this.notifications.list(user, q.limit);
  }

  @Post('notifications/read-all')
  @HttpCode(200)
  @ApiOkResponse({ schema: openApiSchema(z.object({ updated: z.number().int() })) })
  readAll(@CurrentUser() user: AuthUser) {
    return this.notifications.readAll(user);
  }

  @Post('notifications/:id/read')
  @HttpCode(200)
  @ApiOkResponse({ schema: openApiSchema(NotificationSchema) })
  @ApiErrors('NOTIFICATION_NOT_FOUND')
  read(@CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string) {
    return this.notifications.markRead(user, id);
  }

  @Get('me/notification-settings')
  @ApiOkResponse({ schema: openApiSchema(NotificationSettingsSchema) })
  settings(@CurrentUser() user: AuthUser) {
    return this.notifications.settings(user);
  }

  /** Quiet hours (HH:MM–HH:MM in `timeZone`, both or neither) and reminder / notification e-mails on or off. */
  @Put('me/notification-settings')
  @ApiBody({ schema: openApiInput(NotificationSettingsSchema) })
  @ApiOkResponse({ schema: openApiSchema(NotificationSettingsSchema) })
  saveSettings(
    @CurrentUser() user: AuthUser,
    @Body(new ZodPipe(NotificationSettingsSchema)) body: NotificationSettings,
  ) {
    return this.notifications.saveSettings(user, body);
  }
}

/**
 * The e-mails' unsubscribe link: no login, the signed token names the user. GET only shows a confirmation page
 * (mail scanners prefetch links; a GET must change nothing); POST turns e-mails off (also RFC 8058 one-click).
 */
@ApiTags('notifications')
@Controller('unsubscribe')
export class UnsubscribeController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @Public()
  @ApiProduces('text/html')
  @ApiErrors('UNSUBSCRIBE_TOKEN_INVALID')
  async confirm(@Query('token') token: string | undefined, @Res() res: Response) {
    const user = await this.notifications.unsubscribeTarget(String(token ?? ''));
    this.html(res, unsubscribePage({ email: user.email, token: String(token), done: false }));
  }

  @Post()
  @Public()
  @HttpCode(200)
  @ApiProduces('text/html')
  @ApiErrors('UNSUBSCRIBE_TOKEN_INVALID')
  async unsubscribe(@Query('token') token: string | undefined, @Res() res: Response) {
    const r = await this.notifications.unsubscribe(String(token ?? ''));
    this.html(res, unsubscribePage({ email: r.email, token: String(token), done: true }));
  }

  private html(res: Response, body: string) {
    res
      .status(200)
      .set({
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'no-store',
        'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'",
        'referrer-policy': 'no-referrer',
      })
      .send(body);
  }
}
