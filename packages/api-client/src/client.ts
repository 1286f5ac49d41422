import { notificationsApi, type NotificationsApi } from './notifications.js';
import { accountsApi, type AccountsApi } from './accounts.js';
import { auditApi, type AuditApi } from './audit.js';
import { webhooksApi, type WebhooksApi } from './webhooks.js';
import { call, createHttp, type ApiClientOptions, type BodyOf, type ResponseOf } from './http.js';
import { followUpsApi, type FollowUpsApi } from './follow-ups.js';
import { exportsApi, type ExportsApi } from './exports.js';
import { incidentsApi, type IncidentsApi } from './incidents.js';
import type { Postmortem } from './models.js';
import { postmortemsApi, type PostmortemsApi } from './postmortems.js';
import { searchApi, type SearchApi } from './search.js';
import { templatesApi, type TemplatesApi } from './templates.js';
import { versionsApi, type VersionsApi } from './versions.js';
import { refreshApi, type RefreshApi } from './refresh.js';
import { learningsApi, type LearningsApi } from './learnings.js';
import { publicPostmortemsApi, type PublicPostmortemsApi } from './public-postmortems.js';
import { reviewProcessApi, type ReviewProcessApi } from './review-process.js';
import { followList } from './list-watch.js';
import { watchState } from './watch.js';

export type { ApiClientOptions };

/**
 * The typed client of apps/api: every argument and answer type comes from the generated `paths` of
 * apps/api/openapi.json. Every method throws {@link ApiError} on failure (the API's stable `code`, or
 * NETWORK / ABORTED / BAD_RESPONSE).
 */
export interface ApiClient extends IncidentsApi, PostmortemsApi, FollowUpsApi {
  login(input: BodyOf<'/auth/login', 'post'>): Promise<ResponseOf<'/auth/login', 'post'>>;
  logout(): Promise<void>;
  me(): Promise<ResponseOf<'/me', 'get'>>;
  /** The caller's personal API tokens (never their secrets). */
  listApiTokens(): Promise<ResponseOf<'/me/tokens', 'get'>>;
  /** Creates a personal API token; the answer's `token` is the only time the secret is shown. */
  createApiToken(input: BodyOf<'/me/tokens', 'post'>): Promise<ResponseOf<'/me/tokens', 'post'>>;
  /** Revokes one of the caller's tokens (API_TOKEN_NOT_FOUND for others'). */
  revokeApiToken(tokenId: string): Promise<void>;
  /** Everyone in the organisation (owner and responder pickers). */
  listUsers(): Promise<ResponseOf<'/users', 'get'>>;
  listTemplates(): Promise<ResponseOf<'/templates', 'get'>>;
  previewTemplate(
    input: BodyOf<'/templates/preview', 'post'>,
    signal?: AbortSignal,
  ): Promise<ResponseOf<'/templates/preview', 'post'>>;
  /**
   * Streams state changes of a postmortem until it is `ready` or `failed` (SSE over fetch, polling fallback).
   * Resolves with the final postmortem, or `null` when `signal` aborted first.
   */
  watchPostmortem(
    id: string,
    onUpdate: (p: Postmortem) => void,
    signal?: AbortSignal,
  ): Promise<Postmortem | null>;
  /**
   * Follows the incident's postmortems (`{ items }`, as `listPostmortems` answers) until `signal` aborts: every
   * change by anyone (status, owner, title, comments, generation) arrives without reloading. Rejects on 404/403.
   */
  watchPostmortems(
    incidentId: string,
    onUpdate: (list: { items: Postmortem[] }) => void,
    signal?: AbortSignal,
  ): Promise<void>;
  /** Template management and preview. */
  templates: TemplatesApi;
  /** Version history of postmortem notebooks. */
  versions: VersionsApi;
  /** "Refresh from incident" of postmortem notebooks. */
  refresh: RefreshApi;
  /** Connected accounts of outside services. */
  accounts: AccountsApi;
  /** Outbound webhook endpoints and their delivery log. */
  webhooks: WebhooksApi;
  /** Downloads and destination exports of postmortems. */
  exports: ExportsApi;
  /** Full-text search over postmortems and the insights. */
  search: SearchApi;
  /** In-app notifications and notification settings of the signed-in user. */
  notifications: NotificationsApi;
  /** The audit trail (admins). */
  audit: AuditApi;
  /** Public, read-only versions of Completed postmortems (Postmortems Publish). */
  publicPostmortems: PublicPostmortemsApi;
  /** Review process of postmortems (steps, owners, due dates, review meeting). */
  reviewProcess: ReviewProcessApi;
  /** Contributing factors of postmortems and their category list. */
  learnings: LearningsApi;
}

/** Creates a client; it holds no state besides its options, so create one per base URL / token source. */
export function createApiClient(options: ApiClientOptions): ApiClient {
  const http = createHttp(options);
  const incidents = incidentsApi(http);
  const postmortems = postmortemsApi(http);
  const templates = templatesApi(http);
  const pollIntervalMs = options.pollIntervalMs ?? 1000;
  const watchPostmortem: ApiClient['watchPostmortem'] = (id, onUpdate, signal) =>
    watchState(
      {
        openEvents: (s) =>
          call(
            http.GET('/postmortems/{id}/events', {
              params: { path: { id } },
              headers: { accept: 'text/event-stream' },
              parseAs: 'stream',
              signal: s,
            }),
          ),
        get: (s) => postmortems.getPostmortem(id, s),
        isTerminal: (p) => p.generationState === 'ready' || p.generationState === 'failed',
        pollIntervalMs,
      },
      onUpdate,
      signal,
    );

  const watchPostmortems: ApiClient['watchPostmortems'] = (incidentId, onUpdate, signal) =>
    followList(
      {
        openEvents: (s) =>
          call(
            http.GET('/incidents/{id}/postmortems/events', {
              params: { path: { id: incidentId } },
              headers: { accept: 'text/event-stream' },
              parseAs: 'stream',
              signal: s,
            }),
          ),
        get: (s) => postmortems.listPostmortems(incidentId, s),
        retryMs: Math.max(pollIntervalMs, 1000) * 5,
      },
      onUpdate,
      signal,
    );

  return {
    ...incidents,
    ...postmortems,
    ...followUpsApi(http),
    // The API also sets its HttpOnly session cookie on login (job dashboard): the only request with credentials.
    login: (body) => call(http.POST('/auth/login', { body, credentials: 'include' })),
    logout: () => call(http.POST('/auth/logout')),
    me: () => call(http.GET('/me')),
    listApiTokens: () => call(http.GET('/me/tokens')),
    createApiToken: (body) => call(http.POST('/me/tokens', { body })),
    revokeApiToken: (tokenId) => call(http.DELETE('/me/tokens/{tokenId}', { params: { path: { tokenId } } })),
    listUsers: () => call(http.GET('/users')),
    listTemplates: () => templates.list(),
    previewTemplate: (input, signal) => templates.preview(input, signal),
    watchPostmortem,
    watchPostmortems,
    templates,
    versions: versionsApi(http),
    refresh: refreshApi(http),
    accounts: accountsApi(http),
    webhooks: webhooksApi(http),
    exports: exportsApi(http, pollIntervalMs),
    search: searchApi(http),
    notifications: notificationsApi(http),
    audit: auditApi(http),
    publicPostmortems: publicPostmortemsApi(http, options.baseUrl),
    reviewProcess: reviewProcessApi(http),
    learnings: learningsApi(http),
  };
}
