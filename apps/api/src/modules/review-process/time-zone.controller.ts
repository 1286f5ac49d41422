import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { UserTimeZoneSchema, type UserTimeZone } from '@pm/contracts';
import { MikroORM } from '@mikro-orm/core';
import { User } from '@pm/db';
import { openApiInput, openApiSchema, ZodPipe } from '../../common/zod.js';
import { CurrentUser, type AuthUser } from '../auth/auth.decorators.js';

/** The signed-in user's working time zone (review steps they own count business days there). */
@ApiTags('review process')
@ApiBearerAuth()
@Controller()
export class TimeZoneController {
  constructor(private readonly orm: MikroORM) {}

  @Get('me/time-zone')
  @ApiOkResponse({ schema: openApiSchema(UserTimeZoneSchema) })
  async get(@CurrentUser() user: AuthUser): Promise<UserTimeZone> {
    const u = await this.orm.em.findOneOrFail(User, user.id, { fields: ['timeZone'] });
    return { timeZone: u.timeZone };
  }

  /** Applies to steps given out (or refreshed with "Apply process") from now on. */
  @Put('me/time-zone')
  @ApiBody({ schema: openApiInput(UserTimeZoneSchema) })
  @ApiOkResponse({ schema: openApiSchema(UserTimeZoneSchema) })
  async put(
    @CurrentUser() user: AuthUser,
    @Body(new ZodPipe(UserTimeZoneSchema)) body: UserTimeZone,
  ): Promise<UserTimeZone> {
    await this.orm.em.nativeUpdate(User, { id: user.id }, { timeZone: body.timeZone });
    return { timeZone: body.timeZone };
  }
}
