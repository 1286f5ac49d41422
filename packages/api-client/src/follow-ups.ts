import { call, type BodyOf, type Http, type QueryOf, type ResponseOf } from './http.js';

/** Follow-ups of an incident (Incidents Read to list, Incidents Write to change). */
export interface FollowUpsApi {
  listFollowUps(
    incidentId: string,
    query?: QueryOf<'/incidents/{id}/follow-ups', 'get'>,
    signal?: AbortSignal,
  ): Promise<ResponseOf<'/incidents/{id}/follow-ups', 'get'>>;
  /** A new open follow-up, placed last. */
  createFollowUp(
    incidentId: string,
    input: BodyOf<'/incidents/{id}/follow-ups', 'post'>,
  ): Promise<ResponseOf<'/incidents/{id}/follow-ups', 'post'>>;
  /** Edit, assign, date, complete (`status: 'done'`) or reopen (`status: 'open'`). */
  updateFollowUp(
    id: string,
    input: BodyOf<'/follow-ups/{id}', 'patch'>,
  ): Promise<ResponseOf<'/follow-ups/{id}', 'patch'>>;
  deleteFollowUp(id: string): Promise<void>;
  /** Queues the export to the incident type's tracker; answers the item's tracker state (`exporting` / `linked`). */
  exportFollowUp(id: string): Promise<ResponseOf<'/follow-ups/{id}/export', 'post'>>;
}

/** Follow-up endpoints over `http`. */
export function followUpsApi(http: Http): FollowUpsApi {
  return {
    listFollowUps: (id, query, signal) =>
      call(http.GET('/incidents/{id}/follow-ups', { params: { path: { id }, query }, signal })),
    createFollowUp: (id, body) =>
      call(http.POST('/incidents/{id}/follow-ups', { params: { path: { id } }, body })),
    updateFollowUp: (id, body) => call(http.PATCH('/follow-ups/{id}', { params: { path: { id } }, body })),
    deleteFollowUp: (id) => call(http.DELETE('/follow-ups/{id}', { params: { path: { id } } })),
    exportFollowUp: (id) => call(http.POST('/follow-ups/{id}/export', { params: { path: { id } } })),
  };
}
