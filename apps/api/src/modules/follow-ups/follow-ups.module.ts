import { Module } from '@nestjs/common';
import { IncidentsModule } from '../incidents/incidents.module.js';
import { FollowUpEvents } from './follow-up-events.js';
import { FollowUpsController } from './follow-ups.controller.js';
import { FollowUpsService } from './follow-ups.service.js';

/** Follow-ups of incidents and the Redis announcement that feeds the live block in open documents. */
@Module({
  imports: [IncidentsModule],
  controllers: [FollowUpsController],
  providers: [FollowUpsService, FollowUpEvents],
  exports: [FollowUpsService, FollowUpEvents],
})
export class FollowUpsModule {}
