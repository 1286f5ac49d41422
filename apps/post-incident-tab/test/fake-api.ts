import type { Me, Postmortem, Template } from '@pm/contracts';
import { vi } from 'vitest';

export const API = 'http://api.test';
export const INCIDENT_ID = '0b9e8f6a-5c1d-4e2b-8a7f-112233445566';
export const OTHER_INCIDENT_ID = '1c9e8f6a-5c1d-4e2b-8a7f-112233445566';
// Cast: the template DTO grows fields other issues own; the tab reads only these.
export const TEMPLATES = [
  {
    id: 'a0000000-0000-4000-8000-000000000001',
    name: 'Short form',
    content: '# {{incident.title}}',
    destination: 'notebook',
    incidentType: null,
    isDefault: false,
    createdAt: '2026-01-01T00:00:00.000Z',
    modifiedAt: '2026-01-01T00:00:00.000Z',
  },
  {
    id: 'a0000000-0000-4000-8000-000000000002',
    name: 'Standard postmortem',
    content: '# {{incident.title}}',
    destination: 'notebook',
    incidentType: null,
    isDefault: true,
    createdAt: '2026-01-01T00:00:00.000Z',
    modifiedAt: '2026-01-01T00:00:00.000Z',
  },
] as unknown as Template[];
export const ME: Me = {
  id: 'b0000000-0000-4000-8000-000000000001',
  email: 'standard@example.com',
  name: 'Sam Standard',
  handle: 'sam',
  role: 'standard',
  permissions: ['incidents_read', 'incidents_write', 'notebooks_read', 'notebooks_write'],
};

export const pm = (over: Partial<Postmortem> = {}): Postmortem =>
  ({
    id: 'c0000000-0000-4000-8000-000000000001',
    incidentId: INCIDENT_ID,
    templateId: TEMPLATES[1]!.id,
    title: 'Postmortem: Checkout API returns 500s after payments deploy',
    destination: 'notebook',
    generationState: 'ready',
    progress: 100,
    failureReason: null,
    status: 'draft',
    ownerId: ME.id,
    ownerName: 'Sam Standard',
    documentId: 'd0000000-0000-4000-8000-000000000001',
    url: null,
    createdAt: '2026-01-02T00:00:00.000Z',
    updatedAt: '2026-01-02T00:00:00.000Z',
    kind: 'generated',
    templateName: TEMPLATES[1]!.name,
    removedAt: null,
    ...over,
  }) as Postmortem;

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

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

export interface FakeApiState {
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
  incident?: Record<string, unknown>;
  users: { id: string; name: string }[];
}

/** Installs a fetch stub implementing the endpoints the tab uses. */
export function installFakeApi(init: Partial<FakeApiState> = {}): FakeApiState {
  const state: FakeApiState = {
    postmortems: [],
    generateCalls: [],
    previewCalls: [],
    feeds: new Map(),
    me: ME,
    lifecycleCalls: [],
    users: [
      { id: ME.id, name: ME.name },
      { id: 'b0000000-0000-4000-8000-000000000002', name: 'Ada Admin' },
    ],
    ...init,
  };
  const created = pm({
    id: 'c0000000-0000-4000-8000-0000000000ff',
    generationState: 'queued',
    progress: 0,
    title: 'New postmortem',
  });
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: string, initReq: RequestInit = {}) => {
      const url = new URL(input);
      const method = initReq.method ?? 'GET';
      const headers = (initReq.headers ?? {}) as Record<string, string>;
      const route = `${method} ${url.pathname}`;
      if (route === 'GET /me') return json(200, state.me);
      if (route === 'GET /templates') return json(200, { items: TEMPLATES });
      if (
        route === `GET /incidents/${INCIDENT_ID}/postmortems` ||
        route === `GET /incidents/${OTHER_INCIDENT_ID}/postmortems`
      )
        return json(200, { items: state.postmortems.filter((p) => url.pathname.includes(p.incidentId)) });
      if (route === 'POST /templates/preview') {
        const body = JSON.parse(String(initReq.body)) as { templateId: string };
        state.previewCalls.push(body);
        const name = TEMPLATES.find((t) => t.id === body.templateId)?.name;
        return json(200, {
          doc: { type: 'doc' },
          html: `<h1>${name}</h1><p onclick="alert(1)">Impact</p><script>window.__pwned=1</script>`,
          warnings: [],
        });
      }
      if (route === `POST /incidents/${INCIDENT_ID}/postmortems`) {
        state.generateCalls.push({ key: headers['idempotency-key'], body: JSON.parse(String(initReq.body)) });
        await state.holdGenerate;
        state.feeds.set(created.id, new SseFeed());
        return json(202, created);
      }
      if (route === 'GET /users') return json(200, { items: state.users });
      if (route === `GET /incidents/${INCIDENT_ID}`)
        return state.incident
          ? json(200, state.incident)
          : json(404, { code: 'INCIDENT_NOT_FOUND', message: 'no' });
      const body = initReq.body ? JSON.parse(String(initReq.body)) : undefined;
      const patch = /^PATCH \/postmortems\/([^/]+)$/.exec(route);
      if (patch) {
        state.lifecycleCalls.push({ route, body });
        const cur = state.postmortems.find((p) => p.id === patch[1]);
        if (!cur) return json(404, { code: 'POSTMORTEM_NOT_FOUND', message: 'gone' });
        const owner = state.users.find((u) => u.id === body.ownerId);
        Object.assign(cur, body, owner ? { ownerName: owner.name } : {}, {
          updatedAt: new Date().toISOString(),
        });
        return json(200, cur);
      }
      if (route === `POST /incidents/${INCIDENT_ID}/postmortems/attachments`) {
        state.lifecycleCalls.push({ route, body });
        const att = pm({
          id: 'c0000000-0000-4000-8000-0000000000aa',
          title: body.title,
          url: body.url,
          kind: 'attached',
          destination: 'link',
          templateId: null,
          templateName: null,
          documentId: null,
        });
        state.postmortems.push(att);
        return json(201, att);
      }
      const del = new RegExp(`^DELETE /incidents/${INCIDENT_ID}/postmortems/([^/]+)$`).exec(route);
      if (del) {
        state.lifecycleCalls.push({ route, body });
        state.postmortems = state.postmortems.filter((p) => p.id !== del[1]);
        return new Response(null, { status: 204 });
      }
      const ev = /^GET \/postmortems\/([^/]+)\/events$/.exec(route);
      if (ev) {
        const feed = state.feeds.get(ev[1]!) ?? new SseFeed();
        state.feeds.set(ev[1]!, feed);
        return new Response(feed.stream, { status: 200, headers: { 'content-type': 'text/event-stream' } });
      }
      return json(404, { code: 'NOT_FOUND', message: `no fake route ${route}` });
    }),
  );
  return state;
}
