import { ApiError } from './errors.js';
import { call, type BodyOf, type Http, type ResponseOf } from './http.js';
import type { Export } from './models.js';
import { watchState } from './watch.js';

/** A downloaded export file. */
export interface ExportDownload {
  blob: Blob;
  fileName: string;
}

/** Exports of postmortems: downloads (Markdown, HTML, PDF) and publications to Confluence / Google Drive. */
export interface ExportsApi {
  /** Starts an export; answers 202 with the queued row. */
  create(
    postmortemId: string,
    input: BodyOf<'/postmortems/{id}/exports', 'post'>,
  ): Promise<ResponseOf<'/postmortems/{id}/exports', 'post'>>;
  list(postmortemId: string, signal?: AbortSignal): Promise<ResponseOf<'/postmortems/{id}/exports', 'get'>>;
  get(exportId: string, signal?: AbortSignal): Promise<Export>;
  /**
   * Fetches a ready download's bytes with the bearer token (a plain link would carry no token). Throws ApiError
   * EXPORT_NOT_READY / EXPORT_NOT_FOUND like the other calls.
   */
  download(exportId: string, signal?: AbortSignal): Promise<ExportDownload>;
  /**
   * Follows the export until it is `ready` or `failed` (SSE over fetch, polling fallback), calling `onUpdate` on
   * every change; resolves with the final row, or `null` when `signal` aborted first.
   */
  watch(exportId: string, onUpdate: (e: Export) => void, signal?: AbortSignal): Promise<Export | null>;
  /**
   * Connected accounts to publish with (no secrets). Listing needs Integrations Manage or Templates Manage; for
   * others it throws FORBIDDEN and an export can only use its template's destination.
   */
  accounts(signal?: AbortSignal): Promise<ResponseOf<'/connected-accounts', 'get'>>;
}

const fileNameOf = (disposition: string | null): string | undefined =>
  disposition ? /filename="([^"]+)"/.exec(disposition)?.[1] : undefined;

/** Export endpoints over `http`; `pollIntervalMs` paces {@link ExportsApi.watch}. */
export function exportsApi(http: Http, pollIntervalMs: number): ExportsApi {
  const get = (exportId: string, signal?: AbortSignal) =>
    call(http.GET('/exports/{exportId}', { params: { path: { exportId } }, signal }));
  return {
    create: (id, body) => call(http.POST('/postmortems/{id}/exports', { params: { path: { id } }, body })),
    list: (id, signal) => call(http.GET('/postmortems/{id}/exports', { params: { path: { id } }, signal })),
    get,
    accounts: (signal) => call(http.GET('/connected-accounts', { signal })),
    async download(exportId, signal) {
      const res = await http.GET('/exports/{exportId}/file', {
        params: { path: { exportId } },
        headers: { accept: '*/*' },
        parseAs: 'blob',
        signal,
      });
      const blob = await call(Promise.resolve(res));
      if (!(blob instanceof Blob)) throw new ApiError(0, 'BAD_RESPONSE', 'the export file was not binary');
      return { blob, fileName: fileNameOf(res.response.headers.get('content-disposition')) ?? 'export' };
    },
    watch: (exportId, onUpdate, signal) =>
      watchState(
        {
          openEvents: (s) =>
            call(
              http.GET('/exports/{exportId}/events', {
                params: { path: { exportId } },
                headers: { accept: 'text/event-stream' },
                parseAs: 'stream',
                signal: s,
              }),
            ),
          get: (s) => get(exportId, s),
          isTerminal: (e) => e.state === 'ready' || e.state === 'failed',
          pollIntervalMs,
        },
        onUpdate,
        signal,
      ),
  };
}
