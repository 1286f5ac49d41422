import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import {
  ReviewProcessDefinitionSchema,
  ReviewProcessSchema,
  ScheduleReviewMeetingSchema,
  UpdateReviewProcessDefinitionSchema,
  UpdateReviewStepSchema,
  type ScheduleReviewMeetingInput,
  type UpdateReviewProcessDefinitionInput,
  type UpdateReviewStepInput,
} from '@pm/contracts';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { ApiErrors } from '../../common/api-errors.js';
import { openApiInput, openApiSchema, UuidParam, ZodPipe } from '../../common/zod.js';
import { CurrentUser, RequirePermissions, type AuthUser } from '../auth/auth.decorators.js';
import { ReviewProcessService } from './review-process.service.js';

/** Review process of postmortems (steps, owners, due dates, review meeting) and its per-type settings. */
@ApiTags('review process')
@ApiBearerAuth()
@Controller()
export class ReviewProcessController {
  constructor(private readonly process: ReviewProcessService) {}

  @Get('postmortems/:id/review-process')
  @RequirePermissions('incidents_read')
  @ApiOkResponse({ schema: openApiSchema(ReviewProcessSchema) })
  @ApiErrors('POSTMORTEM_NOT_FOUND')
  get(@CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string) {
    return this.process.get(user, id);
  }

  /** Gives out the steps the incident's type and severity call for (again: refreshes open steps' owners / dates). */
  @Post('postmortems/:id/review-process/apply')
  @HttpCode(200)
  @RequirePermissions('incidents_write')
  @ApiOkResponse({ schema: openApiSchema(ReviewProcessSchema) })
  @ApiErrors('POSTMORTEM_NOT_FOUND')
  apply(@CurrentUser() user: AuthUser, @Param('id', UuidParam) id: string) {
    return this.process.apply(user, id);
  }

  /** Marks a step done, skipped (refused with REVIEW_STEP_REQUIRED for a required one) or open again. */
  @Patch('postmortems/:id/review-steps/:stepId')
  @RequirePermissions('incidents_write')
  @ApiBody({ schema: openApiInput(UpdateReviewStepSchema) })
  @ApiOkResponse({ schema: openApiSchema(ReviewProcessSchema) })
  @ApiErrors('POSTMORTEM_NOT_FOUND', 'REVIEW_STEP_NOT_FOUND', 'REVIEW_STEP_REQUIRED')
  updateStep(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParam) id: string,
    @Param('stepId', UuidParam) stepId: string,
    @Body(new ZodPipe(UpdateReviewStepSchema)) body: UpdateReviewStepInput,
  ) {
    return this.process.updateStep(user, id, stepId, body);
  }

  /**
   * Schedules (or moves) the review meeting: the responders are invited through the notification channel with an
   * RFC 5545 invite, and the "Schedule the review meeting" step is completed.
   */
  @Post('postmortems/:id/review-meeting')
  @HttpCode(200)
  @RequirePermissions('incidents_write')
  @ApiBody({ schema: openApiInput(ScheduleReviewMeetingSchema) })
  @ApiOkResponse({ schema: openApiSchema(ReviewProcessSchema) })
  @ApiErrors('POSTMORTEM_NOT_FOUND')
  schedule(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParam) id: string,
    @Body(new ZodPipe(ScheduleReviewMeetingSchema)) body: ScheduleReviewMeetingInput,
    @Req() req: Request,
  ) {
    // The browser's Origin (only an allowed one is used) makes the invite's postmortem link absolute.
    return this.process.schedule(user, id, body, req.headers.origin);
  }

  /** The review meeting's invite as an `.ics` file (text/calendar; method=REQUEST). */
  @Get('postmortems/:id/review-meeting.ics')
  @RequirePermissions('incidents_read')
  @ApiProduces('text/calendar')
  @ApiOkResponse({ description: 'The invite', schema: { type: 'string', format: 'binary' } })
  @ApiErrors('POSTMORTEM_NOT_FOUND', 'REVIEW_MEETING_NOT_FOUND')
  async ics(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParam) id: string,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const f = await this.process.ics(user, id, req.headers.origin);
    res
      .status(200)
      .set({
        'content-type': 'text/calendar; charset=utf-8; method=REQUEST',
        'content-disposition': `attachment; filename="${f.filename}"`,
        'x-content-type-options': 'nosniff',
        'cache-control': 'private, no-store',
      })
      .end(f.ics);
  }

  @Get('review-process-definitions')
  @RequirePermissions('incidents_read')
  @ApiOkResponse({ schema: openApiSchema(z.object({ items: z.array(ReviewProcessDefinitionSchema) })) })
  definitions() {
    return this.process.definitions();
  }

  @Put('review-process-definitions/:typeId')
  @RequirePermissions('incident_settings_manage')
  @ApiBody({ schema: openApiInput(UpdateReviewProcessDefinitionSchema) })
  @ApiOkResponse({ schema: openApiSchema(ReviewProcessDefinitionSchema) })
  @ApiErrors('INCIDENT_TYPE_NOT_FOUND')
  putDefinition(
    @Param('typeId', UuidParam) typeId: string,
    @Body(new ZodPipe(UpdateReviewProcessDefinitionSchema)) body: UpdateReviewProcessDefinitionInput,
  ) {
    return this.process.putDefinition(typeId, body.steps);
  }
}
