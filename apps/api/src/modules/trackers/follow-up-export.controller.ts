import { MikroORM } from '@mikro-orm/core';
import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { FollowUpTrackerSchema, type FollowUpTracker } from '@pm/contracts';
import { FollowUp } from '@pm/db';
import { ApiErrors } from '../../common/api-errors.js';
import { AppError } from '../../common/errors.js';
import { openApiSchema, UuidParam } from '../../common/zod.js';
import { CurrentUser, RequirePermissions, type AuthUser } from '../auth/auth.decorators.js';
import { FollowUpEvents } from '../follow-ups/follow-up-events.js';
import { canSeeIncident } from '../incidents/incident-access.js';
import { FollowUpExportService } from './follow-up-export.service.js';
import { recordEvent } from '../audit/record-event.js';

/** The tracker part of a follow-up as the API shows it. */
export function trackerDto(item: FollowUp): FollowUpTracker | null {
  if (!item.trackerKind || !item.trackerState) return null;
  return {
    kind: item.trackerKind,
    key: item.trackerKey,
    url: item.trackerUrl,
    state: item.trackerState,
    error: item.trackerError,
  };
}

/** Export of one follow-up to its incident type's tracker. */
@ApiTags('follow-ups')
@ApiBearerAuth()
@Controller('follow-ups/:id/export')
export class FollowUpExportController {
  constructor(
    private readonly orm: MikroORM,
    private readonly exports: FollowUpExportService,
    private readonly events: FollowUpEvents,
  ) {}

  /** Queues the export and answers the item's tracker state (`exporting`, or `linked` when already exported). */
  @Post()
  @HttpCode(202)
  @RequirePermissions('incidents_write')
  @ApiAcceptedResponse({ schema: openApiSchema(FollowUpTrackerSchema) })
  @ApiErrors('FOLLOW_UP_NOT_FOUND', 'TRACKER_NOT_CONFIGURED')
  async export(@Param('id', UuidParam) id: string, @CurrentUser() user: AuthUser) {
    const em = this.orm.em;
    const item = await em.findOne(FollowUp, { id }, { populate: ['incident'] });
    // A follow-up of an incident the user cannot see does not exist for them.
    if (!item || !canSeeIncident(user, item.incident)) {
      throw new AppError('FOLLOW_UP_NOT_FOUND', `Follow-up ${id} was not found`);
    }
    const was = item.trackerState;
    // Recorded before the export's flush (same transaction); an already linked / exporting item changes nothing.
    if (was !== 'linked' && was !== 'exporting')
      await recordEvent(em, user, {
        type: 'follow_up.exported',
        incidentId: item.incident.id,
        followUpId: item.id,
        before: { trackerState: was ?? null },
        after: { trackerState: 'exporting' },
        data: { content: item.content },
      });
    await this.exports.requestExport(em, item);
    await this.events.publish(item.incident.id);
    return trackerDto(item);
  }
}
