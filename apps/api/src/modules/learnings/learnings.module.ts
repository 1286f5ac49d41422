import { Module } from '@nestjs/common';
import { PostmortemsModule } from '../postmortems/postmortems.module.js';
import { ContributingFactorsController } from './contributing-factors.controller.js';
import { ContributingFactorsService } from './contributing-factors.service.js';

/** Structured learnings: contributing factors of postmortems and their category list. */
@Module({
  imports: [PostmortemsModule],
  controllers: [ContributingFactorsController],
  providers: [ContributingFactorsService],
})
export class LearningsModule {}
