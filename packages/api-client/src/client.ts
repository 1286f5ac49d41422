import {
  IDEMPOTENCY_HEADER,
  type CollabGrant,
  type AttachPostmortemInput,
  type GeneratePostmortemInput,
  type PostmortemOwner,
  type UpdatePostmortemInput,
  type Incident,
  type IncidentDetail,
  type LoginInput,
  type LoginResult,
  type Me,
  type Postmortem,
  type Template,
  type User,
} from '@pm/contracts';
import { ApiError, errorFromResponse, isAbort } from './errors.js';
import type { ItemList, PreviewTemplateInput, TemplatePreview } from './types.js';
import { watchPostmortem, type WatchOptions } from './watch.js';

/** How to reach the API. */
export interface ApiClientOptions {
  /** e.g. `http://127.0.0.1:3000` (a trailing slash is fine). */
  baseUrl: string;
  /** Returns the bearer token to send, or nothing when signed out. Called on every request. */
  getToken?: () => string | null | undefined;
  /** Injected in tests; defaults to the global fetch. */
  fetch?: typeof fetch;
  /** Polling interval of the `watchPostmortem` fallback (default 1000 ms). */
  pollIntervalMs?: number;
}

/** Per-request options. */
export interface RequestOptions {
  method?: string;
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** Only login uses `include`: the API then also sets its HttpOnly session cookie (job dashboard). */
  credentials?: RequestCredentials;
}

/** The typed client of apps/api. Every method throws {@link ApiError} on failure. */
export interface ApiClient {
  request<T>(path: string, opts?: RequestOptions): Promise<T>;
  login(input: LoginInput): Promise<LoginResult>;
  logout(): Promise<void>;
  me(): Promise<Me>;
  listUsers(): Promise<ItemList<User>>;
  listIncidents(signal?: AbortSignal): Promise<{ items: Incident[]; total: number }>;
  getIncident(id: string, signal?: AbortSignal): Promise<IncidentDetail>;
  listTemplates(): Promise<ItemList<Template>>;
  previewTemplate(input: PreviewTemplateInput, signal?: AbortSignal): Promise<TemplatePreview>;
  listPostmortems(incidentId: string, signal?: AbortSignal): Promise<ItemList<Postmortem>>;
  /** Starts generation; the same `idempotencyKey` always yields the same postmortem. Answers 202 with state `queued`. */
  generatePostmortem(
    incidentId: string,
    input: GeneratePostmortemInput,
    idempotencyKey: string,
  ): Promise<Postmortem>;
  getPostmortem(id: string, signal?: AbortSignal): Promise<Postmortem>;
  /** Changes status and/or owner (Incidents Write). */
  updatePostmortem(id: string, input: UpdatePostmortemInput): Promise<Postmortem>;
  /** Attaches an existing postmortem by http(s) URL (Incidents Write). */
  attachPostmortem(incidentId: string, input: AttachPostmortemInput): Promise<Postmortem>;
  /** Removes the postmortem's link from the incident; the document itself stays. */
  removePostmortem(incidentId: string, postmortemId: string): Promise<void>;
  /** Owners of the incident's postmortems (Response Team system role "Postmortem owner"). */
  listPostmortemOwners(incidentId: string, signal?: AbortSignal): Promise<ItemList<PostmortemOwner>>;
  createCollabToken(postmortemId: string): Promise<CollabGrant>;
  /**
   * Streams state changes of a postmortem until it is `ready` or `failed` (SSE over fetch, polling fallback).
   * Resolves with the final postmortem, or `null` when `signal` aborted first.
   */
  watchPostmortem(
    id: string,
    onUpdate: (p: Postmortem) => void,
    signal?: AbortSignal,
  ): Promise<Postmortem | null>;
}

/** Creates a client; it holds no state besides its options, so create one per base URL / token source. */
export function createApiClient(options: ApiClientOptions): ApiClient {
  const base = options.baseUrl.replace(/\/+$/, '');
  const doFetch: typeof fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));

  const headersFor = (extra?: Record<string, string>): Record<string, string> => {
    const h: Record<string, string> = { accept: 'application/json', ...extra };
    const token = options.getToken?.();
    if (token) h.authorization = `Bearer ${token}`;
    return h;
  };

  /** Low-level fetch that maps network failures to ApiError('NETWORK') and non-2xx to the API's error. */
  const send = async (path: string, opts: RequestOptions = {}): Promise<Response> => {
    const headers = headersFor(opts.headers);
    let body: string | undefined;
    if (opts.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(opts.body);
    }
    let res: Response;
    try {
      res = await doFetch(`${base}${path}`, {
        method: opts.method ?? 'GET',
        headers,
        body,
        signal: opts.signal,
        ...(opts.credentials ? { credentials: opts.credentials } : {}),
      });
    } catch (err) {
      if (isAbort(err)) throw new ApiError(0, 'ABORTED', 'request aborted');
      throw new ApiError(0, 'NETWORK', `cannot reach the API at ${base}: ${(err as Error).message}`);
    }
    if (!res.ok) throw await errorFromResponse(res);
    return res;
  };

  const request = async <T>(path: string, opts?: RequestOptions): Promise<T> => {
    const res = await send(path, opts);
    if (res.status === 204) return undefined as T;
    const text = await res.text();
    if (text === '') return undefined as T;
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new ApiError(res.status, 'BAD_RESPONSE', `expected JSON from ${path}`);
    }
  };

  const enc = encodeURIComponent;
  const watchOpts: WatchOptions = {
    send,
    getPostmortem: (id, signal) => request(`/postmortems/${enc(id)}`, { signal }),
    pollIntervalMs: options.pollIntervalMs ?? 1000,
  };

  return {
    request,
    login: (input) => request('/auth/login', { method: 'POST', body: input, credentials: 'include' }),
    logout: async () => {
      await request('/auth/logout', { method: 'POST' });
    },
    me: () => request('/me'),
    listUsers: () => request('/users'),
    listIncidents: (signal) => request('/incidents', { signal }),
    getIncident: (id, signal) => request(`/incidents/${enc(id)}`, { signal }),
    listTemplates: () => request('/templates'),
    previewTemplate: (input, signal) =>
      request('/templates/preview', { method: 'POST', body: input, signal }),
    listPostmortems: (incidentId, signal) => request(`/incidents/${enc(incidentId)}/postmortems`, { signal }),
    generatePostmortem: (incidentId, input, key) =>
      request(`/incidents/${enc(incidentId)}/postmortems`, {
        method: 'POST',
        body: input,
        headers: { [IDEMPOTENCY_HEADER]: key },
      }),
    getPostmortem: (id, signal) => request(`/postmortems/${enc(id)}`, { signal }),
    updatePostmortem: (id, input) => request(`/postmortems/${enc(id)}`, { method: 'PATCH', body: input }),
    attachPostmortem: (incidentId, input) =>
      request(`/incidents/${enc(incidentId)}/postmortems/attachments`, { method: 'POST', body: input }),
    removePostmortem: async (incidentId, id) => {
      await request(`/incidents/${enc(incidentId)}/postmortems/${enc(id)}`, { method: 'DELETE' });
    },
    listPostmortemOwners: (incidentId, signal) =>
      request(`/incidents/${enc(incidentId)}/postmortem-owners`, { signal }),
    createCollabToken: (id) => request(`/postmortems/${enc(id)}/collab-token`, { method: 'POST' }),
    watchPostmortem: (id, onUpdate, signal) => watchPostmortem(watchOpts, id, onUpdate, signal),
  };
}
