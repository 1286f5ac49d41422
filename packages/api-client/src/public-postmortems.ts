import { call, type BodyOf, type Http, type ResponseOf } from './http.js';

export type PublicStatus = ResponseOf<'/postmortems/{id}/public', 'get'>;
export type PublicPreview = ResponseOf<'/postmortems/{id}/public-preview', 'post'>;
export type PublishedPostmortem = ResponseOf<'/postmortems/{id}/public', 'post'>;
export type PublicSectionsInput = BodyOf<'/postmortems/{id}/public', 'post'>;

/** Public, read-only versions of Completed postmortems (Postmortems Publish). */
export interface PublicPostmortemsApi {
  /** The sections to choose from and the live publication, if any. */
  status(postmortemId: string, signal?: AbortSignal): Promise<PublicStatus>;
  /** The page publishing would make now (static HTML; render it sandboxed). */
  preview(postmortemId: string, body: PublicSectionsInput, signal?: AbortSignal): Promise<PublicPreview>;
  /** Publishes; `url` is the absolute link (shown only now: the server keeps only its hash). */
  publish(postmortemId: string, body: PublicSectionsInput): Promise<PublishedPostmortem & { url: string }>;
  /** Takes the page down at once. */
  unpublish(postmortemId: string): Promise<void>;
}

export function publicPostmortemsApi(http: Http, baseUrl: string): PublicPostmortemsApi {
  const base = baseUrl.replace(/\/+$/, '');
  const at = (id: string) => ({ params: { path: { id } } });
  return {
    status: (id, signal) => call(http.GET('/postmortems/{id}/public', { ...at(id), signal })),
    preview: (id, body, signal) =>
      call(http.POST('/postmortems/{id}/public-preview', { ...at(id), body, signal })),
    async publish(id, body) {
      const r = await call(http.POST('/postmortems/{id}/public', { ...at(id), body }));
      return { ...r, url: new URL(r.path, `${base}/`).toString() };
    },
    unpublish: (id) => call(http.DELETE('/postmortems/{id}/public', at(id))),
  };
}
