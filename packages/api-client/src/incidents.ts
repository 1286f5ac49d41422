import { call, type BodyOf, type Http, type QueryOf, type ResponseOf } from './http.js';

/** Incidents and everything under one (timeline, response team, impacts) plus the incident settings lookups. */
export interface IncidentsApi {
  listIncidents(
    query?: QueryOf<'/incidents', 'get'>,
    signal?: AbortSignal,
  ): Promise<ResponseOf<'/incidents', 'get'>>;
  getIncident(id: string, signal?: AbortSignal): Promise<ResponseOf<'/incidents/{id}', 'get'>>;
  /** Partial update; each change is recorded on the timeline (Incidents Write). */
  updateIncident(
    id: string,
    input: BodyOf<'/incidents/{id}', 'patch'>,
  ): Promise<ResponseOf<'/incidents/{id}', 'patch'>>;
  listTimeline(
    id: string,
    query?: QueryOf<'/incidents/{id}/timeline', 'get'>,
    signal?: AbortSignal,
  ): Promise<ResponseOf<'/incidents/{id}/timeline', 'get'>>;
  /** A responder note; `occurredAt` back-dates it. */
  addTimelineNote(
    id: string,
    input: BodyOf<'/incidents/{id}/timeline', 'post'>,
  ): Promise<ResponseOf<'/incidents/{id}/timeline', 'post'>>;
  /** `important` by anyone who may write; `content` / `occurredAt` by the note's author only. */
  updateTimelineEntry(
    id: string,
    entryId: string,
    input: BodyOf<'/incidents/{id}/timeline/{entryId}', 'patch'>,
  ): Promise<ResponseOf<'/incidents/{id}/timeline/{entryId}', 'patch'>>;
  deleteTimelineEntry(id: string, entryId: string): Promise<void>;
  /** Replaces an entry's curation tags (lowercase slugs, at most 10). */
  setTimelineTags(
    id: string,
    entryId: string,
    input: BodyOf<'/incidents/{id}/timeline/{entryId}/tags', 'put'>,
  ): Promise<ResponseOf<'/incidents/{id}/timeline/{entryId}/tags', 'put'>>;
  listResponders(id: string, signal?: AbortSignal): Promise<ResponseOf<'/incidents/{id}/responders', 'get'>>;
  /** Adds a responder (or changes the role of one already on the team). */
  addResponder(
    id: string,
    input: BodyOf<'/incidents/{id}/responders', 'post'>,
  ): Promise<ResponseOf<'/incidents/{id}/responders', 'post'>>;
  /** Changes a responder's role. */
  updateResponder(
    id: string,
    userId: string,
    input: BodyOf<'/incidents/{id}/responders/{userId}', 'patch'>,
  ): Promise<ResponseOf<'/incidents/{id}/responders/{userId}', 'patch'>>;
  removeResponder(id: string, userId: string): Promise<void>;
  listImpacts(id: string, signal?: AbortSignal): Promise<ResponseOf<'/incidents/{id}/impacts', 'get'>>;
  addImpact(
    id: string,
    input: BodyOf<'/incidents/{id}/impacts', 'post'>,
  ): Promise<ResponseOf<'/incidents/{id}/impacts', 'post'>>;
  listResponderTypes(): Promise<ResponseOf<'/responder-types', 'get'>>;
  listIncidentFields(): Promise<ResponseOf<'/incident-fields', 'get'>>;
  /** Incident types a template can be scoped to. */
  listIncidentTypes(): Promise<ResponseOf<'/incident-types', 'get'>>;
}

/** Incident endpoints over `http`. */
export function incidentsApi(http: Http): IncidentsApi {
  const inc = (id: string) => ({ params: { path: { id } } });
  return {
    listIncidents: (query, signal) => call(http.GET('/incidents', { params: { query }, signal })),
    getIncident: (id, signal) => call(http.GET('/incidents/{id}', { ...inc(id), signal })),
    updateIncident: (id, body) => call(http.PATCH('/incidents/{id}', { ...inc(id), body })),
    listTimeline: (id, query, signal) =>
      call(http.GET('/incidents/{id}/timeline', { params: { path: { id }, query }, signal })),
    addTimelineNote: (id, body) => call(http.POST('/incidents/{id}/timeline', { ...inc(id), body })),
    updateTimelineEntry: (id, entryId, body) =>
      call(http.PATCH('/incidents/{id}/timeline/{entryId}', { params: { path: { id, entryId } }, body })),
    setTimelineTags: (id, entryId, body) =>
      call(http.PUT('/incidents/{id}/timeline/{entryId}/tags', { params: { path: { id, entryId } }, body })),
    deleteTimelineEntry: (id, entryId) =>
      call(http.DELETE('/incidents/{id}/timeline/{entryId}', { params: { path: { id, entryId } } })),
    listResponders: (id, signal) => call(http.GET('/incidents/{id}/responders', { ...inc(id), signal })),
    addResponder: (id, body) => call(http.POST('/incidents/{id}/responders', { ...inc(id), body })),
    updateResponder: (id, userId, body) =>
      call(http.PATCH('/incidents/{id}/responders/{userId}', { params: { path: { id, userId } }, body })),
    removeResponder: (id, userId) =>
      call(http.DELETE('/incidents/{id}/responders/{userId}', { params: { path: { id, userId } } })),
    listImpacts: (id, signal) => call(http.GET('/incidents/{id}/impacts', { ...inc(id), signal })),
    addImpact: (id, body) => call(http.POST('/incidents/{id}/impacts', { ...inc(id), body })),
    listResponderTypes: () => call(http.GET('/responder-types')),
    listIncidentFields: () => call(http.GET('/incident-fields')),
    listIncidentTypes: () => call(http.GET('/incident-types')),
  };
}
