import { Module } from '@nestjs/common';
import { IncidentsModule } from '../incidents/incidents.module.js';
import { TemplatesModule } from '../templates/templates.module.js';
import { PostmortemChanges } from './postmortem-changes.js';
import { PostmortemEvents } from './postmortem-events.js';
import { PostmortemLifecycleService } from './postmortem-lifecycle.service.js';
import { PostmortemsController } from './postmortems.controller.js';
import { PostmortemsService } from './postmortems.service.js';
import { QualityController } from '../quality/quality.controller.js';
import { QualityService } from '../quality/quality.service.js';
import { ReviewsController } from '../reviews/reviews.controller.js';
import { ReviewsService } from '../reviews/reviews.service.js';

@Module({
  imports: [IncidentsModule, TemplatesModule],
  controllers: [PostmortemsController, QualityController, ReviewsController],
  providers: [
    PostmortemsService,
    PostmortemEvents,
    PostmortemChanges,
    PostmortemLifecycleService,
    QualityService,
    ReviewsService,
  ],
  exports: [PostmortemLifecycleService, PostmortemsService, PostmortemChanges],
})
export class PostmortemsModule {}
