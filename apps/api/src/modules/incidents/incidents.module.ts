import { Module } from '@nestjs/common';
import { IncidentAccessEvents } from './incident-access-events.js';
import { IncidentsController } from './incidents.controller.js';
import { IncidentsService } from './incidents.service.js';
import { SettingsController } from './settings.controller.js';
import { SettingsService } from './settings.service.js';
import { TeamController } from './team.controller.js';
import { TeamService } from './team.service.js';
import { TimelineController } from './timeline.controller.js';
import { TimelineService } from './timeline.service.js';

@Module({
  controllers: [IncidentsController, TimelineController, TeamController, SettingsController],
  providers: [IncidentsService, TimelineService, TeamService, SettingsService, IncidentAccessEvents],
  exports: [IncidentsService, IncidentAccessEvents],
})
export class IncidentsModule {}
