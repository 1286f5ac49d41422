import { Controller, Get, Header, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import {
  InsightsQuerySchema,
  InsightsSchema,
  SearchQuerySchema,
  SearchResultSchema,
  type InsightsQuery,
  type SearchQuery,
} from '@pm/contracts';
import { ApiErrors } from '../../common/api-errors.js';
import { ApiQueryFrom, openApiSchema, ZodPipe } from '../../common/zod.js';
import { CurrentUser, RequirePermissions, type AuthUser } from '../auth/auth.decorators.js';
import { SearchRateLimit } from './search-rate-limit.js';
import { SearchService } from './search.service.js';

/** Full-text search over postmortems and the review programme's insights; private incidents stay hidden. */
@ApiTags('search')
@ApiBearerAuth()
@Controller()
export class SearchController {
  constructor(
    private readonly search: SearchService,
    private readonly rateLimit: SearchRateLimit,
  ) {}

  /** Postmortems matching the words (title + document text) and facets, best first, with highlighted snippets. */
  @Get('search')
  @RequirePermissions('incidents_read')
  @ApiQueryFrom(SearchQuerySchema)
  @ApiOkResponse({ schema: openApiSchema(SearchResultSchema) })
  @ApiErrors('RATE_LIMITED')
  async find(@CurrentUser() user: AuthUser, @Query(new ZodPipe(SearchQuerySchema)) q: SearchQuery) {
    await this.rateLimit.check(user.id);
    return this.search.search(user, q);
  }

  @Get('insights')
  @RequirePermissions('incidents_read')
  @ApiQueryFrom(InsightsQuerySchema)
  @ApiOkResponse({ schema: openApiSchema(InsightsSchema) })
  insights(@CurrentUser() user: AuthUser, @Query(new ZodPipe(InsightsQuerySchema)) q: InsightsQuery) {
    return this.search.insights(user, q);
  }

  /** The same figures as CSV (one line per group, then the total). */
  @Get('insights.csv')
  @RequirePermissions('incidents_read')
  @ApiQueryFrom(InsightsQuerySchema)
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'CSV, one line per group then the total', schema: { type: 'string' } })
  @Header('content-type', 'text/csv; charset=utf-8')
  @Header('content-disposition', 'attachment; filename="insights.csv"')
  @Header('cache-control', 'private, no-store')
  insightsCsv(@CurrentUser() user: AuthUser, @Query(new ZodPipe(InsightsQuerySchema)) q: InsightsQuery) {
    return this.search.insightsCsv(user, q);
  }
}
