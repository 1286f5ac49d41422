import { MikroORM } from '@mikro-orm/core';
import { Controller, Get, Module } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { UserSchema } from '@pm/contracts';
import { User } from '@pm/db';
import { z } from 'zod';
import { openApiSchema } from '../../common/zod.js';
import { RequirePermissions } from '../auth/auth.decorators.js';

@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
export class UsersController {
  constructor(private readonly orm: MikroORM) {}

  /** Everyone in the organisation (owner pickers, responder pickers). */
  @Get()
  @RequirePermissions('incidents_read')
  @ApiOkResponse({ schema: openApiSchema(z.object({ items: z.array(UserSchema) })) })
  async list() {
    const users = await this.orm.em.find(User, {}, { orderBy: { name: 'asc' } });
    return {
      items: users.map((u) => ({ id: u.id, email: u.email, name: u.name, handle: u.handle, role: u.role })),
    };
  }
}

@Module({ controllers: [UsersController] })
export class UsersModule {}
