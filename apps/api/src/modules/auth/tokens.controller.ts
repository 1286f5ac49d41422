import { MikroORM } from '@mikro-orm/core';
import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { newOpaqueToken } from '@pm/auth';
import {
  ApiTokenSchema,
  CreateApiTokenSchema,
  CreatedApiTokenSchema,
  type ApiToken,
  type CreateApiTokenInput,
  type CreatedApiToken,
} from '@pm/contracts';
import { Session, User } from '@pm/db';
import { z } from 'zod';
import { AppError } from '../../common/errors.js';
import { ApiErrors } from '../../common/api-errors.js';
import { openApiInput, openApiSchema, UuidParam, ZodPipe } from '../../common/zod.js';
import { CurrentUser, type AuthUser } from './auth.decorators.js';
import { AuthService } from './auth.service.js';

const toDto = (s: Session): ApiToken => ({
  id: s.id,
  name: s.name ?? '',
  createdAt: s.createdAt.toISOString(),
  expiresAt: s.expiresAt?.toISOString() ?? null,
});

/**
 * Personal API tokens for integrators: they authenticate exactly like a login session (`Authorization: Bearer`),
 * with the owner's role. Only the SHA-256 is stored; the secret is shown once, at creation.
 */
@ApiTags('auth')
@ApiBearerAuth()
@Controller('me/tokens')
export class TokensController {
  constructor(
    private readonly orm: MikroORM,
    private readonly auth: AuthService,
  ) {}

  @Get()
  @ApiOkResponse({ schema: openApiSchema(z.object({ items: z.array(ApiTokenSchema) })) })
  async list(@CurrentUser() user: AuthUser) {
    const rows = await this.orm.em.find(
      Session,
      { user: user.id, kind: 'api_token' },
      { orderBy: { createdAt: 'desc' } },
    );
    return { items: rows.map(toDto) };
  }

  @Post()
  @HttpCode(201)
  @ApiBody({ schema: openApiInput(CreateApiTokenSchema) })
  @ApiCreatedResponse({ schema: openApiSchema(CreatedApiTokenSchema) })
  async create(
    @CurrentUser() user: AuthUser,
    @Body(new ZodPipe(CreateApiTokenSchema)) body: CreateApiTokenInput,
  ): Promise<CreatedApiToken> {
    const em = this.orm.em;
    const { token, tokenHash } = newOpaqueToken();
    const expiresAt = body.expiresInDays ? new Date(Date.now() + body.expiresInDays * 86_400_000) : null;
    const row = em.create(Session, {
      tokenHash,
      user: em.getReference(User, user.id),
      kind: 'api_token',
      name: body.name,
      expiresAt,
    });
    await em.flush();
    return { ...toDto(row), token };
  }

  /** Revokes one of the caller's tokens (others' tokens answer 404). */
  @Delete(':tokenId')
  @HttpCode(204)
  @ApiErrors('API_TOKEN_NOT_FOUND')
  async revoke(@CurrentUser() user: AuthUser, @Param('tokenId', UuidParam) id: string) {
    if (!(await this.auth.revokeToken(user.id, id)))
      throw new AppError('API_TOKEN_NOT_FOUND', `API token ${id} was not found`);
  }
}
