import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import {
  CreateTimelineEntrySchema,
  SetTimelineTagsSchema,
  TimelineEntrySchema,
  TimelineQuerySchema,
  UpdateTimelineEntrySchema,
  type CreateTimelineEntryInput,
  type SetTimelineTagsInput,
  type UpdateTimelineEntryInput,
} from '@pm/contracts';
import { z } from 'zod';
import { ApiErrors } from '../../common/api-errors.js';
import { ApiQueryFrom, openApiInput, openApiSchema, UuidParam, ZodPipe } from '../../common/zod.js';
import { CurrentUser, RequirePermissions, type AuthUser } from '../auth/auth.decorators.js';
import { TimelineService } from './timeline.service.js';

@ApiTags('timeline')
@ApiBearerAuth()
@Controller('incidents/:id/timeline')
export class TimelineController {
  constructor(private readonly timeline: TimelineService) {}

  @Get()
  @RequirePermissions('incidents_read')
  @ApiQueryFrom(TimelineQuerySchema)
  @ApiErrors('INCIDENT_NOT_FOUND')
  @ApiOkResponse({ schema: openApiSchema(z.object({ items: z.array(TimelineEntrySchema) })) })
  list(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParam) id: string,
    @Query(new ZodPipe(TimelineQuerySchema)) q: z.infer<typeof TimelineQuerySchema>,
  ) {
    return this.timeline.list(user, id, q);
  }

  /** A responder note; `occurredAt` back-dates it. The author joins the response team. */
  @Post()
  @HttpCode(201)
  @RequirePermissions('incidents_write')
  @ApiBody({ schema: openApiInput(CreateTimelineEntrySchema) })
  @ApiCreatedResponse({ schema: openApiSchema(TimelineEntrySchema) })
  @ApiErrors('INCIDENT_NOT_FOUND', 'TIMESTAMPS_INCONSISTENT')
  add(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParam) id: string,
    @Body(new ZodPipe(CreateTimelineEntrySchema)) body: CreateTimelineEntryInput,
  ) {
    return this.timeline.add(user, id, body);
  }

  /** `important` by anyone who may write; `content` / `occurredAt` by the note's author only. */
  @Patch(':entryId')
  @RequirePermissions('incidents_write')
  @ApiBody({ schema: openApiInput(UpdateTimelineEntrySchema) })
  @ApiOkResponse({ schema: openApiSchema(TimelineEntrySchema) })
  @ApiErrors(
    'INCIDENT_NOT_FOUND',
    'TIMELINE_ENTRY_NOT_FOUND',
    'TIMELINE_ENTRY_NOT_AUTHOR',
    'TIMELINE_ENTRY_NOT_EDITABLE',
    'TIMESTAMPS_INCONSISTENT',
  )
  update(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParam) id: string,
    @Param('entryId', UuidParam) entryId: string,
    @Body(new ZodPipe(UpdateTimelineEntrySchema)) body: UpdateTimelineEntryInput,
  ) {
    return this.timeline.update(user, id, entryId, body);
  }

  /**
   * Replaces the entry's curation tags (built-in or custom slugs), on notes and incident updates alike: tagging
   * curates the record without changing it. Recorded as a `timeline.tags_changed` domain event.
   */
  @Put(':entryId/tags')
  @RequirePermissions('incidents_write')
  @ApiBody({ schema: openApiInput(SetTimelineTagsSchema) })
  @ApiOkResponse({ schema: openApiSchema(TimelineEntrySchema) })
  @ApiErrors('INCIDENT_NOT_FOUND', 'TIMELINE_ENTRY_NOT_FOUND')
  setTags(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParam) id: string,
    @Param('entryId', UuidParam) entryId: string,
    @Body(new ZodPipe(SetTimelineTagsSchema)) body: SetTimelineTagsInput,
  ) {
    return this.timeline.setTags(user, id, entryId, body.tags);
  }

  @Delete(':entryId')
  @HttpCode(204)
  @RequirePermissions('incidents_write')
  @ApiErrors(
    'INCIDENT_NOT_FOUND',
    'TIMELINE_ENTRY_NOT_FOUND',
    'TIMELINE_ENTRY_NOT_AUTHOR',
    'TIMELINE_ENTRY_NOT_EDITABLE',
  )
  remove(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParam) id: string,
    @Param('entryId', UuidParam) entryId: string,
  ) {
    return this.timeline.remove(user, id, entryId);
  }
}
