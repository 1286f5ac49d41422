import { Controller, Headers, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBody, ApiTags } from '@nestjs/swagger';
import { WebhookAcceptedSchema } from '@pm/contracts';
import type { Request } from 'express';
import { ApiErrors } from '../../common/api-errors.js';
import { openApiSchema, UuidParam } from '../../common/zod.js';
import { Public } from '../auth/auth.decorators.js';
import { WebhooksService } from './webhooks.service.js';

/** Signed issue events from GitHub and Jira, per connected account. No session: the signature is the credential. */
@ApiTags('webhooks')
@Controller('webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Post('github/:accountId')
  @Public()
  @HttpCode(202)
  @ApiBody({ description: 'A GitHub `issues` event, signed in X-Hub-Signature-256', required: true })
  @ApiAcceptedResponse({ schema: openApiSchema(WebhookAcceptedSchema) })
  @ApiErrors('WEBHOOK_REJECTED')
  github(
    @Param('accountId', UuidParam) accountId: string,
    @Req() req: Request,
    @Headers() headers: Record<string, string | string[] | undefined>,
  ) {
    return this.webhooks.receive('github', accountId, req.body, headers);
  }

  @Post('jira/:accountId')
  @Public()
  @HttpCode(202)
  @ApiBody({ description: 'A Jira issue event, signed in X-Hub-Signature', required: true })
  @ApiAcceptedResponse({ schema: openApiSchema(WebhookAcceptedSchema) })
  @ApiErrors('WEBHOOK_REJECTED')
  jira(
    @Param('accountId', UuidParam) accountId: string,
    @Req() req: Request,
    @Headers() headers: Record<string, string | string[] | undefined>,
  ) {
    return this.webhooks.receive('jira', accountId, req.body, headers);
  }
}
