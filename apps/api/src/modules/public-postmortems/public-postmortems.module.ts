import { Module } from '@nestjs/common';
import { PublicPageController, PublicPostmortemsController } from './public-postmortems.controller.js';
import { PublicPageRateLimit } from './public-rate-limit.js';
import { PublicPostmortemsService } from './public-postmortems.service.js';

/** Public, read-only postmortems: preview / publish / unpublish, and the page behind the unguessable link. */
@Module({
  controllers: [PublicPostmortemsController, PublicPageController],
  providers: [PublicPostmortemsService, PublicPageRateLimit],
})
export class PublicPostmortemsModule {}
