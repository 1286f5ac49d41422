import { call, type Http, type ResponseOf } from './http.js';

type Version = ResponseOf<'/postmortems/{id}/versions/{versionId}/restore', 'post'>;

/** Version history of a postmortem notebook (append-only: restore adds an entry). */
export interface VersionsApi {
  list(postmortemId: string, signal?: AbortSignal): Promise<ResponseOf<'/postmortems/{id}/versions', 'get'>>;
  preview(
    postmortemId: string,
    versionId: string,
    signal?: AbortSignal,
  ): Promise<ResponseOf<'/postmortems/{id}/versions/{versionId}', 'get'>>;
  /** Names the live document's current state. */
  createNamed(postmortemId: string, name: string): Promise<Version>;
  /** Brings a version's content back into the live document as a new `restore` version. */
  restore(postmortemId: string, versionId: string): Promise<Version>;
}

/** Version endpoints over `http`. */
export function versionsApi(http: Http): VersionsApi {
  const at = (id: string, versionId: string) => ({ params: { path: { id, versionId } } });
  return {
    list: (id, signal) => call(http.GET('/postmortems/{id}/versions', { params: { path: { id } }, signal })),
    preview: (id, v, signal) =>
      call(http.GET('/postmortems/{id}/versions/{versionId}', { ...at(id, v), signal })),
    createNamed: (id, name) =>
      call(http.POST('/postmortems/{id}/versions', { params: { path: { id } }, body: { name } })),
    restore: (id, v) => call(http.POST('/postmortems/{id}/versions/{versionId}/restore', at(id, v))),
  };
}
