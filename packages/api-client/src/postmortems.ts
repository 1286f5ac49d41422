import { IDEMPOTENCY_HEADER } from '@pm/contracts';
import { call, type BodyOf, type Http, type ResponseOf } from './http.js';

type Pm = ResponseOf<'/postmortems/{id}', 'get'>;

/** Postmortems of an incident: list, generate, attach, remove, status/owner, collab grant. */
export interface PostmortemsApi {
  listPostmortems(
    incidentId: string,
    signal?: AbortSignal,
  ): Promise<ResponseOf<'/incidents/{id}/postmortems', 'get'>>;
  /** Starts generation; the same `idempotencyKey` always yields the same postmortem. Answers 202 with state `queued`. */
  generatePostmortem(
    incidentId: string,
    input: BodyOf<'/incidents/{id}/postmortems', 'post'>,
    idempotencyKey: string,
  ): Promise<ResponseOf<'/incidents/{id}/postmortems', 'post'>>;
  getPostmortem(id: string, signal?: AbortSignal): Promise<Pm>;
  /** Changes status and/or owner (Incidents Write). */
  updatePostmortem(id: string, input: BodyOf<'/postmortems/{id}', 'patch'>): Promise<Pm>;
  /** Attaches an existing postmortem by http(s) URL (Incidents Write). */
  attachPostmortem(
    incidentId: string,
    input: BodyOf<'/incidents/{id}/postmortems/attachments', 'post'>,
  ): Promise<Pm>;
  /** Removes the postmortem's link from the incident; the document itself stays. */
  removePostmortem(incidentId: string, postmortemId: string): Promise<void>;
  /** Owners of the incident's postmortems (Response Team system role "Postmortem owner"). */
  listPostmortemOwners(
    incidentId: string,
    signal?: AbortSignal,
  ): Promise<ResponseOf<'/incidents/{id}/postmortem-owners', 'get'>>;
  createCollabToken(postmortemId: string): Promise<ResponseOf<'/postmortems/{id}/collab-token', 'post'>>;
  /** Runs the quality checks now (results + the blaming phrases in force). */
  runQualityChecks(postmortemId: string): Promise<ResponseOf<'/postmortems/{id}/quality-checks', 'post'>>;
  /** Quality checks configuration of an incident type (admins). */
  getQualityConfig(typeId: string): Promise<ResponseOf<'/incident-types/{typeId}/quality-checks', 'get'>>;
  putQualityConfig(
    typeId: string,
    body: BodyOf<'/incident-types/{typeId}/quality-checks', 'put'>,
  ): Promise<ResponseOf<'/incident-types/{typeId}/quality-checks', 'put'>>;
  /** Review state: rule, reviewers' decisions (stale marker), approvals n of m, who is missing. */
  getReview(
    postmortemId: string,
    signal?: AbortSignal,
  ): Promise<ResponseOf<'/postmortems/{id}/review', 'get'>>;
  /** Overrides the incident type's reviewer rule for this postmortem (`rule: null` inherits it again). */
  setReviewRule(
    postmortemId: string,
    input: BodyOf<'/postmortems/{id}/review-rule', 'put'>,
  ): Promise<ResponseOf<'/postmortems/{id}/review-rule', 'put'>>;
  /** A reviewer approves or requests changes (with a comment). */
  decideReview(
    postmortemId: string,
    input: BodyOf<'/postmortems/{id}/review/decisions', 'post'>,
  ): Promise<ResponseOf<'/postmortems/{id}/review/decisions', 'post'>>;
}

/** Postmortem endpoints over `http`. */
export function postmortemsApi(http: Http): PostmortemsApi {
  const at = (id: string) => ({ params: { path: { id } } });
  return {
    listPostmortems: (id, signal) => call(http.GET('/incidents/{id}/postmortems', { ...at(id), signal })),
    generatePostmortem: (id, body, key) =>
      call(
        http.POST('/incidents/{id}/postmortems', {
          params: { path: { id }, header: { [IDEMPOTENCY_HEADER]: key } },
          body,
        }),
      ),
    getPostmortem: (id, signal) => call(http.GET('/postmortems/{id}', { ...at(id), signal })),
    updatePostmortem: (id, body) => call(http.PATCH('/postmortems/{id}', { ...at(id), body })),
    attachPostmortem: (id, body) =>
      call(http.POST('/incidents/{id}/postmortems/attachments', { ...at(id), body })),
    removePostmortem: (id, pmId) =>
      call(http.DELETE('/incidents/{id}/postmortems/{pmId}', { params: { path: { id, pmId } } })),
    listPostmortemOwners: (id, signal) =>
      call(http.GET('/incidents/{id}/postmortem-owners', { ...at(id), signal })),
    createCollabToken: (id) => call(http.POST('/postmortems/{id}/collab-token', at(id))),
    runQualityChecks: (id) => call(http.POST('/postmortems/{id}/quality-checks', at(id))),
    getQualityConfig: (typeId) =>
      call(http.GET('/incident-types/{typeId}/quality-checks', { params: { path: { typeId } } })),
    putQualityConfig: (typeId, body) =>
      call(http.PUT('/incident-types/{typeId}/quality-checks', { params: { path: { typeId } }, body })),
    getReview: (id, signal) => call(http.GET('/postmortems/{id}/review', { ...at(id), signal })),
    setReviewRule: (id, body) => call(http.PUT('/postmortems/{id}/review-rule', { ...at(id), body })),
    decideReview: (id, body) => call(http.POST('/postmortems/{id}/review/decisions', { ...at(id), body })),
  };
}
