import { call, type BodyOf, type Http, type ResponseOf } from './http.js';

/** Structured learnings: contributing factors of a postmortem and the organisation's category list. */
export interface LearningsApi {
  categories(): Promise<ResponseOf<'/contributing-factor-categories', 'get'>>;
  /** Admins (Incident Settings Manage): replaces the list; existing factors keep their category. */
  setCategories(
    body: BodyOf<'/contributing-factor-categories', 'put'>,
  ): Promise<ResponseOf<'/contributing-factor-categories', 'put'>>;
  listFactors(
    postmortemId: string,
    signal?: AbortSignal,
  ): Promise<ResponseOf<'/postmortems/{id}/contributing-factors', 'get'>>;
  /** CONTRIBUTING_FACTOR_CATEGORY_UNKNOWN when the category is not in the list; POSTMORTEM_FROZEN once Completed. */
  addFactor(
    postmortemId: string,
    body: BodyOf<'/postmortems/{id}/contributing-factors', 'post'>,
  ): Promise<ResponseOf<'/postmortems/{id}/contributing-factors', 'post'>>;
  updateFactor(
    postmortemId: string,
    factorId: string,
    body: BodyOf<'/postmortems/{id}/contributing-factors/{factorId}', 'patch'>,
  ): Promise<ResponseOf<'/postmortems/{id}/contributing-factors/{factorId}', 'patch'>>;
  removeFactor(postmortemId: string, factorId: string): Promise<void>;
}

export function learningsApi(http: Http): LearningsApi {
  const factor = (id: string, factorId: string) => ({ params: { path: { id, factorId } } });
  return {
    categories: () => call(http.GET('/contributing-factor-categories')),
    setCategories: (body) => call(http.PUT('/contributing-factor-categories', { body })),
    listFactors: (id, signal) =>
      call(http.GET('/postmortems/{id}/contributing-factors', { params: { path: { id } }, signal })),
    addFactor: (id, body) =>
      call(http.POST('/postmortems/{id}/contributing-factors', { params: { path: { id } }, body })),
    updateFactor: (id, factorId, body) =>
      call(
        http.PATCH('/postmortems/{id}/contributing-factors/{factorId}', { ...factor(id, factorId), body }),
      ),
    removeFactor: (id, factorId) =>
      call(http.DELETE('/postmortems/{id}/contributing-factors/{factorId}', factor(id, factorId))),
  };
}
