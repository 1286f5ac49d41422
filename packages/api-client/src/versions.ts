import type { DocumentVersion, DocumentVersionList, DocumentVersionPreview } from '@pm/contracts';
import type { ApiClient } from './client.js';

/** Version history of a postmortem notebook (append-only: restore adds an entry). */
export interface VersionsApi {
  list(postmortemId: string, signal?: AbortSignal): Promise<DocumentVersionList>;
  preview(postmortemId: string, versionId: string, signal?: AbortSignal): Promise<DocumentVersionPreview>;
  createNamed(postmortemId: string, name: string): Promise<DocumentVersion>;
  restore(postmortemId: string, versionId: string): Promise<DocumentVersion>;
}

/** Version endpoints bound to `client`. */
export function versionsApi(client: ApiClient): VersionsApi {
  const enc = encodeURIComponent;
  const base = (id: string) => `/postmortems/${enc(id)}/versions`;
  return {
    list: (id, signal) => client.request(base(id), { signal }),
    preview: (id, v, signal) => client.request(`${base(id)}/${enc(v)}`, { signal }),
    createNamed: (id, name) => client.request(base(id), { method: 'POST', body: { name } }),
    restore: (id, v) => client.request(`${base(id)}/${enc(v)}/restore`, { method: 'POST' }),
  };
}
