import { Module } from '@nestjs/common';
import { IncidentsModule } from '../incidents/incidents.module.js';
import { FollowUpEvents } from './follow-up-events.js';
import { FollowUpsController } from './follow-ups.controller.js';
import { FollowUpExportService } from '../trackers/follow-up-export.service.js';
import { FollowUpsService } from './follow-ups.service.js';

/** Follow-ups of incidents and the Redis announcement that feeds the live block in open documents. */
@Module({
  imports: [IncidentsModule],
  controllers: [FollowUpsController],
  // The export service lives here (not in TrackersModule) so the two modules do not import each other.
  providers: [FollowUpsService, FollowUpEvents, FollowUpExportService],
  exports: [FollowUpsService, FollowUpEvents, FollowUpExportService],
})
export class FollowUpsModule {}
