import {
  Body,
  Controller,
  Delete,
  Get,
  Headers,
  HttpCode,
  Param,
  Patch,
  Post,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiBody,
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import {
  AttachPostmortemSchema,
  ListPostmortemsQuerySchema,
  PostmortemOwnerSchema,
  UpdatePostmortemSchema,
  type AttachPostmortemInput,
  type UpdatePostmortemInput,
  CollabGrantSchema,
  GeneratePostmortemSchema,
  IDEMPOTENCY_HEADER,
  IdempotencyKeySchema,
  PostmortemSchema,
  type GeneratePostmortemInput,
} from '@pm/contracts';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { ApiErrors } from '../../common/api-errors.js';
import { ApiQueryFrom, openApiInput, openApiSchema, UuidParam, ZodPipe } from '../../common/zod.js';
import { CurrentUser, RequirePermissions, type AuthUser } from '../auth/auth.decorators.js';
import { PostmortemEvents } from './postmortem-events.js';
import { PostmortemLifecycleService } from './postmortem-lifecycle.service.js';
import { PostmortemsService } from './postmortems.service.js';
import { toPostmortemDtoCounted } from './postmortem.mapper.js';

const IdempotencyKeyPipe = new ZodPipe(IdempotencyKeySchema, { in: 'header', name: IDEMPOTENCY_HEADER });

@ApiTags('postmortems')
@ApiBearerAuth()
@Controller()
export class PostmortemsController {
  constructor(
    private readonly postmortems: PostmortemsService,
    private readonly eventStream: PostmortemEvents,
    private readonly lifecycle: PostmortemLifecycleService,
  ) {}

  /** The incident's postmortems (generated and attached); `?includeRemoved=true` (admins) adds removed ones. */
  @Get('incidents/:id/postmortems')
  @RequirePermissions('incidents_read')
  @ApiQueryFrom(ListPostmortemsQuerySchema)
  @ApiErrors('INCIDENT_NOT_FOUND')
  @ApiOkResponse({ schema: openApiSchema(z.object({ items: z.array(PostmortemSchema) })) })
  list(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParam) incidentId: string,
    @Query(new ZodPipe(ListPostmortemsQuerySchema)) q: { includeRemoved: boolean },
  ) {
    return this.lifecycle.list(user, incidentId, q.includeRemoved);
  }

  /**
   * `text/event-stream` of the incident's postmortems: `event: postmortems` with `{ items }` (as the list answers)
   * whenever anything in the list changed. Ends after ten minutes; clients reconnect.
   */
  @Get('incidents/:id/postmortems/events')
  @RequirePermissions('incidents_read')
  @ApiProduces('text/event-stream')
  @ApiOkResponse({
    description: 'One `data:` line per change of the list, each `{ items: Postmortem[] }` as JSON',
    schema: { type: 'string' },
  })
  @ApiErrors('INCIDENT_NOT_FOUND')
  listEvents(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParam) incidentId: string,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    return this.eventStream.streamList(user, incidentId, req, res);
  }

  /** Attaches an existing postmortem (any http(s) URL; never fetched by the server). */
  @Post('incidents/:id/postmortems/attachments')
  @HttpCode(201)
  @RequirePermissions('incidents_write')
  @ApiBody({ schema: openApiInput(AttachPostmortemSchema) })
  @ApiCreatedResponse({ schema: openApiSchema(PostmortemSchema) })
  @ApiErrors('INCIDENT_NOT_FOUND', 'URL_NOT_ALLOWED')
  attach(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParam) incidentId: string,
    @Body(new ZodPipe(AttachPostmortemSchema)) body: AttachPostmortemInput,
  ) {
    return this.lifecycle.attach(user, incidentId, body);
  }

  /** Removes the postmortem's link from the incident; the document itself stays reachable by its own URL. */
  @Delete('incidents/:id/postmortems/:pmId')
  @HttpCode(204)
  @RequirePermissions('incidents_write')
  @ApiErrors('INCIDENT_NOT_FOUND', 'POSTMORTEM_NOT_FOUND')
  async remove(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParam) incidentId: string,
    @Param('pmId', UuidParam) id: string,
  ): Promise<void> {
    await this.lifecycle.remove(user, incidentId, id);
  }

  /** Owners of the incident's postmortems, with the Response Team system role "Postmortem owner". */
  @Get('incidents/:id/postmortem-owners')
  @RequirePermissions('incidents_read')
  @ApiOkResponse({ schema: openApiSchema(z.object({ items: z.array(PostmortemOwnerSchema) })) })
  @ApiErrors('INCIDENT_NOT_FOUND')
  owners(@CurrentUser() user: AuthUser, @Param('id', UuidParam) incidentId: string) {
    return this.lifecycle.owners(user, incidentId);
  }

  /** Renames, changes status (Draft / In Review / Completed) and/or owner; writes an incident timeline entry. */
  @Patch('postmortems/:id')
  @RequirePermissions('incidents_write')
  @ApiBody({ schema: openApiInput(UpdatePostmortemSchema) })
  @ApiOkResponse({ schema: openApiSchema(PostmortemSchema) })
  @ApiErrors('VALIDATION_FAILED', 'POSTMORTEM_NOT_FOUND', 'USER_NOT_FOUND', 'QUALITY_CHECKS_FAILED')
  update(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParam) id: string,
    @Body(new ZodPipe(UpdatePostmortemSchema)) body: UpdatePostmortemInput,
  ) {
    return this.lifecycle.update(user, id, body);
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
  @ApiBody({ schema: openApiInput(GeneratePostmortemSchema) })
  @ApiAcceptedResponse({ schema: openApiSchema(PostmortemSchema) })
  @ApiErrors('VALIDATION_FAILED', 'INCIDENT_NOT_FOUND', 'TEMPLATE_NOT_FOUND', 'CONFLICT', 'QUEUE_UNAVAILABLE')
  generate(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParam) incidentId: string,
    @Body(new ZodPipe(GeneratePostmortemSchema)) body: GeneratePostmortemInput,
    @Headers(IDEMPOTENCY_HEADER) key: string | undefined,
  ) {
    const idem = key === undefined ? undefined : IdempotencyKeyPipe.transform(key);
    return this.postmortems.generate(user, incidentId, body, idem);
  }

  @Get('postmortems/:id')
  @RequirePermissions('incidents_read')
  @ApiOkResponse({ schema: openApiSchema(PostmortemSchema) })
  @ApiErrors('POSTMORTEM_NOT_FOUND')
  async get(@CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string) {
    return toPostmortemDtoCounted(this.postmortems.em, await this.postmortems.getVisible(user, id));
  }

  /** `text/event-stream` of the postmortem's state until it is ready or failed. */
  @Get('postmortems/:id/events')
  @RequirePermissions('incidents_read')
  @ApiProduces('text/event-stream')
  @ApiOkResponse({
    description: 'One `data:` line per state change, each a Postmortem as JSON; `:` lines are keep-alives',
    schema: { type: 'string' },
  })
  @ApiErrors('POSTMORTEM_NOT_FOUND')
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
  @ApiErrors('POSTMORTEM_NOT_FOUND', 'DOCUMENT_NOT_FOUND')
  collabToken(@CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string) {
    return this.postmortems.collabGrant(user, id);
  }
}
