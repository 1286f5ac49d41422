import { Module } from '@nestjs/common';
import { SearchController } from './search.controller.js';
import { SearchRateLimit } from './search-rate-limit.js';
import { SearchService } from './search.service.js';

/** `GET /search`, `GET /insights`, `GET /insights.csv`. */
@Module({
  controllers: [SearchController],
  providers: [SearchService, SearchRateLimit],
})
export class SearchModule {}
