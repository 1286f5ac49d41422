import { Body, Controller, Get, Headers, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiBody,
  ApiHeader,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import {
  CollabGrantSchema,
  GeneratePostmortemSchema,
  IDEMPOTENCY_HEADER,
  IdempotencyKeySchema,
  PostmortemSchema,
  type GeneratePostmortemInput,
} from '@pm/contracts';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { openApiSchema, UuidParam, ZodPipe } from '../../common/zod.js';
import { CurrentUser, RequirePermissions, type AuthUser } from '../auth/auth.decorators.js';
import { PostmortemEvents } from './postmortem-events.js';
import { PostmortemsService } from './postmortems.service.js';
import { toPostmortemDto } from './postmortem.mapper.js';

@ApiTags('postmortems')
@ApiBearerAuth()
@Controller()
export class PostmortemsController {
  constructor(
    private readonly postmortems: PostmortemsService,
    private readonly eventStream: PostmortemEvents,
  ) {}

  @Get('incidents/:id/postmortems')
  @RequirePermissions('incidents_read')
  @ApiOkResponse({ schema: openApiSchema(z.object({ items: z.array(PostmortemSchema) })) })
  list(@CurrentUser() user: AuthUser, @Param('id', UuidParam) incidentId: string) {
    return this.postmortems.listForIncident(user, incidentId);
  }

  /** Starts generation; answers 202 with the row. Repeat with the same Idempotency-Key → the same postmortem. */
  @Post('incidents/:id/postmortems')
  @HttpCode(202)
  @RequirePermissions('incidents_write')
  @ApiHeader({
    name: IDEMPOTENCY_HEADER,
    required: false,
    description: 'Client-chosen key; retries with it return the same postmortem',
  })
  @ApiBody({ schema: openApiSchema(GeneratePostmortemSchema) })
  @ApiAcceptedResponse({ schema: openApiSchema(PostmortemSchema) })
  generate(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParam) incidentId: string,
    @Body(new ZodPipe(GeneratePostmortemSchema)) body: GeneratePostmortemInput,
    @Headers(IDEMPOTENCY_HEADER) key: string | undefined,
  ) {
    const idem = key === undefined ? undefined : new ZodPipe(IdempotencyKeySchema).transform(key);
    return this.postmortems.generate(user, incidentId, body, idem);
  }

  @Get('postmortems/:id')
  @RequirePermissions('incidents_read')
  @ApiOkResponse({ schema: openApiSchema(PostmortemSchema) })
  async get(@CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string) {
    return toPostmortemDto(await this.postmortems.getVisible(user, id));
  }

  /** `text/event-stream` of the postmortem's state until it is ready or failed. */
  @Get('postmortems/:id/events')
  @RequirePermissions('incidents_read')
  events(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParam) id: string,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    return this.eventStream.stream(user, id, req, res);
  }

  @Post('postmortems/:id/collab-token')
  @HttpCode(200)
  @RequirePermissions('incidents_read', 'notebooks_read')
  @ApiOkResponse({ schema: openApiSchema(CollabGrantSchema) })
  collabToken(@CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string) {
    return this.postmortems.collabGrant(user, id);
  }
}
