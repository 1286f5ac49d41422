import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiBody,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import {
  WebhookDeliveryListSchema,
  WebhookDeliverySchema,
  WebhookEndpointInputSchema,
  WebhookEndpointListSchema,
  WebhookEndpointPatchSchema,
  WebhookEndpointSchema,
  WebhookEndpointWithSecretSchema,
  WebhookRotateInputSchema,
} from '@pm/contracts';
import { z } from 'zod';
import { ApiErrors } from '../../common/api-errors.js';
import { openApiInput, openApiSchema, UuidParam, ZodPipe } from '../../common/zod.js';
import { RequirePermissions } from '../auth/auth.decorators.js';
import { WebhookEndpointsService } from './webhook-endpoints.service.js';

/**
 * `/webhook-endpoints`: outbound webhooks (Standard Webhooks), Integrations Manage only — an endpoint may be allowed
 * to receive private incidents' events, so managing endpoints is an admin decision. Secrets are answered once.
 */
@ApiTags('webhooks')
@ApiBearerAuth()
@Controller('webhook-endpoints')
@RequirePermissions('integrations_manage')
export class WebhookEndpointsController {
  constructor(private readonly endpoints: WebhookEndpointsService) {}

  @Get()
  @ApiOkResponse({ schema: openApiSchema(WebhookEndpointListSchema) })
  list() {
    return this.endpoints.list();
  }

  /** Creates the endpoint and answers its signing secret (`whsec_…`), this once. */
  @Post()
  @HttpCode(201)
  @ApiBody({ schema: openApiInput(WebhookEndpointInputSchema) })
  @ApiCreatedResponse({ schema: openApiSchema(WebhookEndpointWithSecretSchema) })
  @ApiErrors('URL_ADDRESS_FORBIDDEN', 'URL_UNRESOLVABLE')
  create(@Body(new ZodPipe(WebhookEndpointInputSchema)) body: z.output<typeof WebhookEndpointInputSchema>) {
    return this.endpoints.create(body);
  }

  @Get(':endpointId')
  @ApiOkResponse({ schema: openApiSchema(WebhookEndpointSchema) })
  @ApiErrors('WEBHOOK_ENDPOINT_NOT_FOUND')
  get(@Param('endpointId', UuidParam) id: string) {
    return this.endpoints.get(id);
  }

  @Patch(':endpointId')
  @ApiBody({ schema: openApiInput(WebhookEndpointPatchSchema) })
  @ApiOkResponse({ schema: openApiSchema(WebhookEndpointSchema) })
  @ApiErrors('WEBHOOK_ENDPOINT_NOT_FOUND', 'URL_ADDRESS_FORBIDDEN', 'URL_UNRESOLVABLE')
  update(
    @Param('endpointId', UuidParam) id: string,
    @Body(new ZodPipe(WebhookEndpointPatchSchema)) body: z.output<typeof WebhookEndpointPatchSchema>,
  ) {
    return this.endpoints.update(id, body);
  }

  @Delete(':endpointId')
  @HttpCode(204)
  @ApiErrors('WEBHOOK_ENDPOINT_NOT_FOUND')
  remove(@Param('endpointId', UuidParam) id: string) {
    return this.endpoints.remove(id);
  }

  /** A new secret; the previous one keeps signing alongside it for `previousSecretTtlSeconds` (default 24 h). */
  @Post(':endpointId/rotate-secret')
  @HttpCode(200)
  @ApiBody({ schema: openApiInput(WebhookRotateInputSchema) })
  @ApiOkResponse({ schema: openApiSchema(WebhookEndpointWithSecretSchema) })
  @ApiErrors('WEBHOOK_ENDPOINT_NOT_FOUND')
  rotate(
    @Param('endpointId', UuidParam) id: string,
    @Body(new ZodPipe(WebhookRotateInputSchema)) body: z.output<typeof WebhookRotateInputSchema>,
  ) {
    return this.endpoints.rotate(id, body.previousSecretTtlSeconds);
  }

  /** The latest 100 deliveries, newest first. */
  @Get(':endpointId/deliveries')
  @ApiOkResponse({ schema: openApiSchema(WebhookDeliveryListSchema) })
  @ApiErrors('WEBHOOK_ENDPOINT_NOT_FOUND')
  deliveries(@Param('endpointId', UuidParam) id: string) {
    return this.endpoints.deliveries(id);
  }

  @Post(':endpointId/deliveries/:deliveryId/redeliver')
  @HttpCode(202)
  @ApiAcceptedResponse({ schema: openApiSchema(WebhookDeliverySchema) })
  @ApiErrors('WEBHOOK_ENDPOINT_NOT_FOUND', 'WEBHOOK_DELIVERY_NOT_FOUND')
  redeliver(@Param('endpointId', UuidParam) id: string, @Param('deliveryId', UuidParam) deliveryId: string) {
    return this.endpoints.redeliver(id, deliveryId);
  }

  /** Sends a `webhook.test` event to the endpoint (shows up in its delivery log). */
  @Post(':endpointId/test')
  @HttpCode(202)
  @ApiAcceptedResponse({ schema: openApiSchema(WebhookDeliverySchema) })
  @ApiErrors('WEBHOOK_ENDPOINT_NOT_FOUND')
  test(@Param('endpointId', UuidParam) id: string) {
    return this.endpoints.sendTest(id);
  }
}
