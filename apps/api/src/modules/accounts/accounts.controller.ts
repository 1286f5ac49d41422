import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import {
  ConnectedAccountListSchema,
  ConnectedAccountSchema,
  ConnectionTestResultSchema,
  CreateConnectedAccountSchema,
  TestConnectedAccountSchema,
  UpdateConnectedAccountSchema,
  type TestConnectedAccountInput,
} from '@pm/contracts';
import { z } from 'zod';
import { ApiErrors } from '../../common/api-errors.js';
import { AppError } from '../../common/errors.js';
import { openApiInput, openApiSchema, UuidParam, ZodPipe } from '../../common/zod.js';
import { CurrentUser, RequirePermissions, type AuthUser } from '../auth/auth.decorators.js';
import { AccountsService } from './accounts.service.js';

type CreateBody = z.output<typeof CreateConnectedAccountSchema>;
type UpdateBody = z.output<typeof UpdateConnectedAccountSchema>;

/**
 * `/connected-accounts`. Everything needs Integrations Manage except the list, which Templates Manage holders may
 * also read to pick a template's save location; they get id, kind and name only (see `toAccountChoice`).
 * No answer ever contains a secret.
 */
@ApiTags('connected accounts')
@ApiBearerAuth()
@Controller('connected-accounts')
export class AccountsController {
  constructor(private readonly accounts: AccountsService) {}

  @Get()
  @ApiOkResponse({ schema: openApiSchema(ConnectedAccountListSchema) })
  @ApiErrors('FORBIDDEN')
  list(@CurrentUser() user: AuthUser) {
    const full = user.permissions.has('integrations_manage');
    if (!full && !user.permissions.has('templates_manage')) {
      throw new AppError('FORBIDDEN', 'Requires permission integrations_manage or templates_manage');
    }
    return this.accounts.list(full);
  }

  @Post()
  @HttpCode(201)
  @RequirePermissions('integrations_manage')
  @ApiBody({ schema: openApiInput(CreateConnectedAccountSchema) })
  @ApiCreatedResponse({ schema: openApiSchema(ConnectedAccountSchema) })
  @ApiErrors('CONNECTED_ACCOUNT_NAME_TAKEN', 'URL_ADDRESS_FORBIDDEN', 'URL_UNRESOLVABLE')
  create(@Body(new ZodPipe(CreateConnectedAccountSchema)) body: CreateBody, @CurrentUser() user: AuthUser) {
    return this.accounts.create(body, user);
  }

  @Get(':accountId')
  @RequirePermissions('integrations_manage')
  @ApiOkResponse({ schema: openApiSchema(ConnectedAccountSchema) })
  @ApiErrors('CONNECTED_ACCOUNT_NOT_FOUND')
  get(@Param('accountId', UuidParam) id: string) {
    return this.accounts.get(id);
  }

  /** Rename and/or replace credentials; fields left out keep their stored values. */
  @Patch(':accountId')
  @RequirePermissions('integrations_manage')
  @ApiBody({ schema: openApiInput(UpdateConnectedAccountSchema) })
  @ApiOkResponse({ schema: openApiSchema(ConnectedAccountSchema) })
  @ApiErrors(
    'CONNECTED_ACCOUNT_NOT_FOUND',
    'CONNECTED_ACCOUNT_NAME_TAKEN',
    'CONNECTED_ACCOUNT_KIND_MISMATCH',
    'URL_ADDRESS_FORBIDDEN',
    'URL_UNRESOLVABLE',
  )
  update(
    @Param('accountId', UuidParam) id: string,
    @Body(new ZodPipe(UpdateConnectedAccountSchema)) body: UpdateBody,
  ) {
    return this.accounts.update(id, body);
  }

  @Delete(':accountId')
  @HttpCode(204)
  @RequirePermissions('integrations_manage')
  @ApiErrors('CONNECTED_ACCOUNT_NOT_FOUND', 'CONNECTED_ACCOUNT_IN_USE')
  remove(@Param('accountId', UuidParam) id: string) {
    return this.accounts.remove(id);
  }

  /**
   * Calls the service with the stored credentials and records the outcome. A refusal by the service is a 200
   * with `ok: false` and its reason; a URL the guard refuses is a 422.
   */
  @Post(':accountId/test')
  @HttpCode(200)
  @RequirePermissions('integrations_manage')
  @ApiBody({ schema: openApiInput(TestConnectedAccountSchema), required: false })
  @ApiOkResponse({ schema: openApiSchema(ConnectionTestResultSchema) })
  @ApiErrors('CONNECTED_ACCOUNT_NOT_FOUND', 'URL_ADDRESS_FORBIDDEN', 'URL_UNRESOLVABLE')
  test(
    @Param('accountId', UuidParam) id: string,
    @Body(new ZodPipe(TestConnectedAccountSchema.default({}))) body: TestConnectedAccountInput,
  ) {
    return this.accounts.test(id, body);
  }
}
