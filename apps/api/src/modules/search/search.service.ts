import { MikroORM } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import type { Insights, InsightsQuery, SearchQuery, SearchResult } from '@pm/contracts';
import { insightsCsv, loadInsights, searchPostmortems, type SearchViewer } from '@pm/db';
import type { AuthUser } from '../auth/auth.decorators.js';

const list = <T>(v: T | T[] | undefined): T[] | undefined =>
  v === undefined ? undefined : Array.isArray(v) ? v : [v];
const viewerOf = (user: AuthUser): SearchViewer => ({ userId: user.id, permissions: user.permissions });

/** Search and insights: thin over @pm/db, which filters private incidents in SQL for the viewer. */
@Injectable()
export class SearchService {
  constructor(private readonly orm: MikroORM) {}

  search(user: AuthUser, q: SearchQuery): Promise<SearchResult> {
    return searchPostmortems(this.orm.em.fork(), {
      q: q.q,
      viewer: viewerOf(user),
      offset: q.cursor ? Number(q.cursor) : 0,
      limit: q.limit ?? 20,
      facets: {
        severity: list(q.severity),
        incidentStatus: list(q.incidentStatus),
        status: list(q.status),
        incidentTypeId: list(q.incidentTypeId),
        ownerId: list(q.ownerId),
        fields: list(q.field)?.map((f) => {
          const i = f.indexOf(':');
          return { name: f.slice(0, i), value: f.slice(i + 1) };
        }),
        from: q.from ? new Date(q.from) : undefined,
        to: q.to ? new Date(q.to) : undefined,
      },
    });
  }

  insights(user: AuthUser, q: InsightsQuery, now = new Date()): Promise<Insights> {
    return loadInsights(this.orm.em.fork(), {
      viewer: viewerOf(user),
      groupBy: q.groupBy,
      from: q.from ? new Date(q.from) : undefined,
      to: q.to ? new Date(q.to) : undefined,
      now,
    });
  }

  async insightsCsv(user: AuthUser, q: InsightsQuery): Promise<string> {
    return insightsCsv(await this.insights(user, q));
  }
}
