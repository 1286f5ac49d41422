import { ApiError } from './errors.js';
import { call, type BodyOf, type Http, type ResponseOf } from './http.js';

export type ReviewProcessView = ResponseOf<'/postmortems/{id}/review-process', 'get'>;
export type ReviewStepView = ReviewProcessView['steps'][number];

/** Review process of a postmortem: steps (owners, due dates, done / skipped) and the review meeting. */
export interface ReviewProcessApi {
  get(postmortemId: string, signal?: AbortSignal): Promise<ReviewProcessView>;
  /** Gives out the steps the incident's type and severity call for (refreshes open steps' owners and dates). */
  apply(postmortemId: string): Promise<ReviewProcessView>;
  /** `skipped` on a required step throws ApiError REVIEW_STEP_REQUIRED. */
  setStatus(
    postmortemId: string,
    stepId: string,
    status: BodyOf<'/postmortems/{id}/review-steps/{stepId}', 'patch'>['status'],
  ): Promise<ReviewProcessView>;
  schedule(
    postmortemId: string,
    input: BodyOf<'/postmortems/{id}/review-meeting', 'post'>,
  ): Promise<ReviewProcessView>;
  /** The signed-in user's working time zone (due dates of the steps they own). */
  getTimeZone(): Promise<ResponseOf<'/me/time-zone', 'get'>>;
  setTimeZone(timeZone: string): Promise<ResponseOf<'/me/time-zone', 'put'>>;
  /** The meeting's invite (`text/calendar`) with the bearer token. */
  downloadIcs(postmortemId: string, signal?: AbortSignal): Promise<{ blob: Blob; fileName: string }>;
}

export function reviewProcessApi(http: Http): ReviewProcessApi {
  return {
    get: (id, signal) =>
      call(http.GET('/postmortems/{id}/review-process', { params: { path: { id } }, signal })),
    apply: (id) => call(http.POST('/postmortems/{id}/review-process/apply', { params: { path: { id } } })),
    setStatus: (id, stepId, status) =>
      call(
        http.PATCH('/postmortems/{id}/review-steps/{stepId}', {
          params: { path: { id, stepId } },
          body: { status },
        }),
      ),
    schedule: (id, body) =>
      call(http.POST('/postmortems/{id}/review-meeting', { params: { path: { id } }, body })),
    getTimeZone: () => call(http.GET('/me/time-zone')),
    setTimeZone: (timeZone) => call(http.PUT('/me/time-zone', { body: { timeZone } })),
    async downloadIcs(id, signal) {
      const res = await http.GET('/postmortems/{id}/review-meeting.ics', {
        params: { path: { id } },
        headers: { accept: '*/*' },
        parseAs: 'blob',
        signal,
      });
      const blob = await call(Promise.resolve(res));
      if (!(blob instanceof Blob)) throw new ApiError(0, 'BAD_RESPONSE', 'the invite was not a file');
      const name = /filename="([^"]+)"/.exec(res.response.headers.get('content-disposition') ?? '')?.[1];
      return { blob, fileName: name ?? 'review.ics' };
    },
  };
}
