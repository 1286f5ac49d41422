import { call, type BodyOf, type Http, type ResponseOf } from './http.js';

/** "Refresh from incident" of a postmortem notebook. */
export interface RefreshApi {
  /** Every refreshable incident-data source rendered from the incident's current data (changes nothing). */
  preview(
    postmortemId: string,
    signal?: AbortSignal,
  ): Promise<ResponseOf<'/postmortems/{id}/refresh/preview', 'post'>>;
  /** Records a refresh applied to the live document (named version + event); answers the version. */
  record(
    postmortemId: string,
    body: BodyOf<'/postmortems/{id}/refresh', 'post'>,
  ): Promise<ResponseOf<'/postmortems/{id}/refresh', 'post'>>;
}

export function refreshApi(http: Http): RefreshApi {
  return {
    preview: (id, signal) =>
      call(http.POST('/postmortems/{id}/refresh/preview', { params: { path: { id } }, signal })),
    record: (id, body) => call(http.POST('/postmortems/{id}/refresh', { params: { path: { id } }, body })),
  };
}
