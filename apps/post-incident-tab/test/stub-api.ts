import type { IncidentDetail, Me, Postmortem, Template, TemplatePreview, User } from '@pm/api-client';
import { apiErrorResponse, jsonResponse, stubApi } from '@pm/api-client/testing';
import { vi } from 'vitest';
import { INCIDENT_ID, ME, TEMPLATES, USERS, pm } from './api-fixtures.js';

export * from './api-fixtures.js';

/** An SSE stream the test pushes postmortem states into. */
export class SseFeed {
  private ctrl!: ReadableStreamDefaultController<Uint8Array>;
  readonly stream = new ReadableStream<Uint8Array>({ start: (c) => void (this.ctrl = c) });
  push(p: Postmortem) {
    this.ctrl.enqueue(new TextEncoder().encode(`data: ${JSON.stringify(p)}\n\n`));
  }
  end() {
    this.ctrl.close();
  }
}

/** The incident's list stream (`GET /incidents/:id/postmortems/events`): the test pushes whole lists. */
export class ListFeed {
  private ctrl!: ReadableStreamDefaultController<Uint8Array>;
  readonly stream = new ReadableStream<Uint8Array>({ start: (c) => void (this.ctrl = c) });
  opened = false;
  push(items: Postmortem[]) {
    this.ctrl.enqueue(new TextEncoder().encode(`data: ${JSON.stringify({ items })}\n\n`));
  }
}

export interface StubApiState {
  /** The list stream; stays silent unless a test pushes into it. */
  listFeed: ListFeed;
  postmortems: Postmortem[];
  generateCalls: { key: string | undefined; body: unknown }[];
  previewCalls: unknown[];
  feeds: Map<string, SseFeed>;
  /** Resolves the pending POST /postmortems when set (lets a test hold the request open). */
  holdGenerate?: Promise<void>;
  me: Me;
  /** Requests to the lifecycle endpoints (PATCH / attach / DELETE), in order. */
  lifecycleCalls: { route: string; body: unknown }[];
  /** What GET /incidents/:id answers (404 when unset). */
  incident?: IncidentDetail;
  users: User[];
  /** What GET /templates answers. */
  templates: Template[];
}

/**
 * Stubs the global fetch with the endpoints the tab uses. Every handler is typed by the generated API spec, so
 * an answer shaped differently from what the API sends does not compile.
 */
export function installStubApi(init: Partial<StubApiState> = {}): StubApiState {
  const state: StubApiState = {
    postmortems: [],
    generateCalls: [],
    previewCalls: [],
    feeds: new Map(),
    listFeed: new ListFeed(),
    me: ME,
    lifecycleCalls: [],
    users: USERS,
    templates: TEMPLATES,
    ...init,
  };
  const created = pm({
    id: 'c0000000-0000-4000-8000-0000000000ff',
    generationState: 'queued',
    progress: 0,
    title: 'New postmortem',
  });
  const { fetch } = stubApi({
    '/me': { get: () => state.me },
    '/templates': { get: () => ({ items: state.templates }) },
    '/users': { get: () => ({ items: state.users }) },
    '/incidents/{id}': {
      get: ({ path }) =>
        state.incident && state.incident.id === path.id
          ? state.incident
          : apiErrorResponse(404, { code: 'INCIDENT_NOT_FOUND', message: 'no' }),
    },
    '/incidents/{id}/postmortems': {
      get: ({ path }) => ({ items: state.postmortems.filter((p) => p.incidentId === path.id) }),
      post: async ({ path, headers, body }) => {
        if (path.id !== INCIDENT_ID)
          return apiErrorResponse(404, { code: 'INCIDENT_NOT_FOUND', message: 'no' });
        state.generateCalls.push({ key: headers['idempotency-key'], body });
        await state.holdGenerate;
        state.feeds.set(created.id, new SseFeed());
        return jsonResponse(202, created);
      },
    },
    '/templates/preview': {
      post: ({ body }) => {
        state.previewCalls.push(body);
        const name = state.templates.find((t) => t.id === body?.templateId)?.name;
        const preview: TemplatePreview = {
          doc: { type: 'doc' },
          html: `<h1>${name}</h1><p onclick="alert(1)">Impact</p><script>window.__pwned=1</script>`,
          warnings: [],
          errors: [],
          renderMs: 1,
        };
        return preview;
      },
    },
    '/postmortems/{id}': {
      patch: ({ url, path, body }) => {
        state.lifecycleCalls.push({ route: `PATCH ${url.pathname}`, body });
        const cur = state.postmortems.find((p) => p.id === path.id);
        if (!cur) return apiErrorResponse(404, { code: 'POSTMORTEM_NOT_FOUND', message: 'gone' });
        const owner = state.users.find((u) => u.id === body?.ownerId);
        Object.assign(cur, body, owner ? { ownerName: owner.name } : {}, {
          updatedAt: new Date().toISOString(),
        });
        return cur;
      },
    },
    '/incidents/{id}/postmortems/attachments': {
      post: ({ url, body }) => {
        state.lifecycleCalls.push({ route: `POST ${url.pathname}`, body });
        const att = pm({
          id: 'c0000000-0000-4000-8000-0000000000aa',
          title: body!.title,
          url: body!.url,
          kind: 'attached',
          destination: 'link',
          templateId: null,
          templateName: null,
          documentId: null,
        });
        state.postmortems.push(att);
        return jsonResponse(201, att);
      },
    },
    '/incidents/{id}/postmortems/{pmId}': {
      delete: ({ url, path, body }) => {
        state.lifecycleCalls.push({ route: `DELETE ${url.pathname}`, body });
        state.postmortems = state.postmortems.filter((p) => p.id !== path.pmId);
        return new Response(null, { status: 204 });
      },
    },
    '/incidents/{id}/postmortems/events': {
      get: () => {
        state.listFeed.opened = true;
        return new Response(state.listFeed.stream, {
          status: 200,
          headers: { 'content-type': 'text/event-stream' },
        });
      },
    },
    '/postmortems/{id}/events': {
      get: ({ path }) => {
        const feed = state.feeds.get(path.id!) ?? new SseFeed();
        state.feeds.set(path.id!, feed);
        return new Response(feed.stream, { status: 200, headers: { 'content-type': 'text/event-stream' } });
      },
    },
  });
  vi.stubGlobal('fetch', vi.fn(fetch));
  return state;
}
