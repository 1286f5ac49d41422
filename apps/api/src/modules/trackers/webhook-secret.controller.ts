import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { WebhookSecretSchema } from '@pm/contracts';
import { ApiErrors } from '../../common/api-errors.js';
import { openApiSchema, UuidParam } from '../../common/zod.js';
import { RequirePermissions } from '../auth/auth.decorators.js';
import { WebhookSecretService } from './webhook-secret.service.js';

/** Webhook secrets of Jira / GitHub accounts (whoever manages the accounts). */
@ApiTags('connected accounts')
@ApiBearerAuth()
@Controller('connected-accounts/:accountId/webhook-secret')
export class WebhookSecretController {
  constructor(private readonly secrets: WebhookSecretService) {}

  /** Generates (or replaces) the secret and shows it once, with the path to register on the tracker. */
  @Post()
  @HttpCode(201)
  @RequirePermissions('integrations_manage')
  @ApiCreatedResponse({ schema: openApiSchema(WebhookSecretSchema) })
  @ApiErrors('CONNECTED_ACCOUNT_NOT_FOUND')
  rotate(@Param('accountId', UuidParam) accountId: string) {
    return this.secrets.rotate(accountId);
  }
}
