import { ApiError } from './errors.js';
import { call, type Http, type QueryOf, type ResponseOf } from './http.js';

/** Full-text search over postmortems and the review programme's insights (private incidents filtered out). */
export interface SearchApi {
  /** Postmortems matching the words and facets; RATE_LIMITED (429) when searching too fast. */
  find(query: QueryOf<'/search', 'get'>, signal?: AbortSignal): Promise<ResponseOf<'/search', 'get'>>;
  insights(query: QueryOf<'/insights', 'get'>, signal?: AbortSignal): Promise<ResponseOf<'/insights', 'get'>>;
  /** The insights as a CSV file (fetched with the bearer token: a plain link would carry none). */
  insightsCsv(query: QueryOf<'/insights.csv', 'get'>, signal?: AbortSignal): Promise<Blob>;
}

/** Search endpoints over `http`. */
export function searchApi(http: Http): SearchApi {
  return {
    find: (query, signal) => call(http.GET('/search', { params: { query }, signal })),
    insights: (query, signal) => call(http.GET('/insights', { params: { query }, signal })),
    async insightsCsv(query, signal) {
      const res = await http.GET('/insights.csv', {
        params: { query },
        headers: { accept: 'text/csv' },
        parseAs: 'blob',
        signal,
      });
      const blob = await call(Promise.resolve(res));
      if (!(blob instanceof Blob)) throw new ApiError(0, 'BAD_RESPONSE', 'the CSV was not a file');
      return blob;
    },
  };
}
