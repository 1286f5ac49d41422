import { ApiError } from './errors.js';
import { call, type Http, type QueryOf, type ResponseOf } from './http.js';

/** A page of audit entries (newest first; `nextCursor` gives the next, older page). */
export type AuditPage = ResponseOf<'/audit', 'get'>;
export type AuditEntry = AuditPage['items'][number];
export type AuditQuery = NonNullable<QueryOf<'/audit', 'get'>>;
export type AuditExportQuery = NonNullable<QueryOf<'/audit/export', 'get'>>;

/** The audit trail (admins: Audit Read). */
export interface AuditApi {
  list(query?: AuditQuery, signal?: AbortSignal): Promise<AuditPage>;
  forIncident(incidentId: string, query?: AuditQuery, signal?: AbortSignal): Promise<AuditPage>;
  /** The matching entries as a CSV or JSON file, fetched with the bearer token (a plain link carries none). */
  download(query: AuditExportQuery, signal?: AbortSignal): Promise<{ blob: Blob; fileName: string }>;
}

export function auditApi(http: Http): AuditApi {
  return {
    list: (query, signal) => call(http.GET('/audit', { params: { query }, signal })),
    forIncident: (id, query, signal) =>
      call(http.GET('/incidents/{id}/audit', { params: { path: { id }, query }, signal })),
    async download(query, signal) {
      const res = await http.GET('/audit/export', {
        params: { query },
        headers: { accept: '*/*' },
        parseAs: 'blob',
        signal,
      });
      const blob = await call(Promise.resolve(res));
      if (!(blob instanceof Blob)) throw new ApiError(0, 'BAD_RESPONSE', 'the audit export was not a file');
      const name = /filename="([^"]+)"/.exec(res.response.headers.get('content-disposition') ?? '')?.[1];
      const day = new Date().toISOString().slice(0, 10);
      return { blob, fileName: name ?? `audit-${day}.${query.format ?? 'csv'}` };
    },
  };
}
