import { Module } from '@nestjs/common';
import { PostmortemsModule } from '../postmortems/postmortems.module.js';
import { ReviewProcessController } from './review-process.controller.js';
import { ReviewProcessService } from './review-process.service.js';
import { TimeZoneController } from './time-zone.controller.js';

/** Review process per severity / incident type (issue 15.4). */
@Module({
  imports: [PostmortemsModule],
  controllers: [ReviewProcessController, TimeZoneController],
  providers: [ReviewProcessService],
})
export class ReviewProcessModule {}
