import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import type { IncidentDetail, Me, Postmortem, Template } from '@pm/contracts';

/** The seeded demo data the real API will have (same titles and users). */
export const DEMO_INCIDENT_ID = '3f2b6c1e-8d4a-4b7e-9c1f-2a3b4c5d6e7f';
const NOW = '2026-03-02T10:00:00.000Z';
const USERS: Record<string, Me> = {
  'standard@example.com': {
    id: '5a1e0000-0000-4000-8000-000000000002',
    email: 'standard@example.com',
    name: 'Sam Standard',
    handle: 'sam',
    role: 'standard',
    permissions: ['incidents_read', 'incidents_write', 'notebooks_read', 'notebooks_write'],
  },
};
const INCIDENT: IncidentDetail = {
  id: DEMO_INCIDENT_ID,
  publicId: 1,
  title: 'Checkout API returns 500s after payments deploy',
  severity: 'SEV-2',
  status: 'resolved',
  visibility: 'organization',
  summary: 'A payments deploy changed the card tokenizer response; checkout returned 500s for 38 minutes.',
  commanderName: 'Ada Admin',
  createdAt: '2026-03-01T14:02:00.000Z',
  detectedAt: '2026-03-01T13:58:00.000Z',
  resolvedAt: '2026-03-01T14:40:00.000Z',
  updatedAt: NOW,
  timeline: [
    {
      id: randomUUID(),
      kind: 'update',
      content: 'Error rate on /checkout above 20%',
      important: true,
      authorName: 'Monitor',
      occurredAt: '2026-03-01T13:58:00.000Z',
    },
    {
      id: randomUUID(),
      kind: 'note',
      content: 'Rolling back payments v2.14',
      important: false,
      authorName: 'Sam Standard',
      occurredAt: '2026-03-01T14:20:00.000Z',
    },
  ],
};
const TEMPLATES: Template[] = [
  {
    id: 'a1000000-0000-4000-8000-000000000001',
    name: 'Standard postmortem',
    content: '',
    destination: 'notebook',
    incidentType: null,
    isDefault: true,
    defaultAt: NOW,
    confluence: null,
    googleDocs: null,
    lastModifiedBy: null,
    createdAt: NOW,
    modifiedAt: NOW,
  },
  {
    id: 'a1000000-0000-4000-8000-000000000002',
    name: 'Lightweight review',
    content: '',
    destination: 'notebook',
    incidentType: null,
    isDefault: false,
    defaultAt: null,
    confluence: null,
    googleDocs: null,
    lastModifiedBy: null,
    createdAt: NOW,
    modifiedAt: NOW,
  },
];

export interface FakeApi {
  url: string;
  generateKeys: string[];
  close(): Promise<void>;
}

const send = (res: ServerResponse, status: number, body?: unknown) => {
  res
    .writeHead(status, { 'content-type': 'application/json' })
    .end(body === undefined ? undefined : JSON.stringify(body));
};
const readBody = async (req: IncomingMessage) => {
  let s = '';
  for await (const c of req) s += String(c);
  return s ? (JSON.parse(s) as Record<string, unknown>) : {};
};

/** A small in-test stand-in for apps/api implementing the endpoints the web app and the tab call. */
export async function startFakeApi(opts: { collabUrl: string }): Promise<FakeApi> {
  const sessions = new Map<string, Me>();
  const postmortems: Postmortem[] = [
    {
      id: randomUUID(),
      incidentId: DEMO_INCIDENT_ID,
      templateId: TEMPLATES[1]!.id,
      title: 'Checkout 500s — first draft',
      destination: 'notebook',
      generationState: 'ready',
      progress: 100,
      failureReason: null,
      status: 'in_review',
      ownerId: USERS['standard@example.com']!.id,
      ownerName: 'Sam Standard',
      documentId: randomUUID(),
      url: null,
      createdAt: '2026-03-01T16:00:00.000Z',
      updatedAt: '2026-03-01T16:30:00.000Z',
      kind: 'generated',
      templateName: TEMPLATES[1]!.name,
      removedAt: null,
      commentCount: 0,
    },
  ];
  const byKey = new Map<string, Postmortem>();
  const generateKeys: string[] = [];

  const server = createServer((req, res) => {
    void (async () => {
      res.setHeader('access-control-allow-origin', '*');
      res.setHeader('access-control-allow-headers', 'authorization, content-type, idempotency-key');
      res.setHeader('access-control-allow-methods', 'GET, POST, OPTIONS');
      if (req.method === 'OPTIONS') return void res.writeHead(204).end();
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      const route = `${req.method} ${path}`;
      if (route === 'POST /auth/login') {
        const b = await readBody(req);
        const user = USERS[String(b.email)];
        if (!user || b.password !== 'postmortem-demo')
          return send(res, 401, { code: 'INVALID_CREDENTIALS', message: 'Invalid email or password' });
        const token = randomUUID();
        sessions.set(token, user);
        return send(res, 200, { token, user, expiresAt: '2099-01-01T00:00:00.000Z' });
      }
      const me = sessions.get((req.headers.authorization ?? '').replace(/^Bearer /, ''));
      if (!me) return send(res, 401, { code: 'UNAUTHENTICATED', message: 'Sign in first' });
      if (route === 'POST /auth/logout') return void res.writeHead(204).end();
      if (route === 'GET /me') return send(res, 200, me);
      if (route === 'GET /incidents')
        return send(res, 200, {
          items: [
            INCIDENT,
            {
              ...INCIDENT,
              id: randomUUID(),
              publicId: 2,
              title: 'Search latency above SLO',
              severity: 'SEV-4',
              status: 'active',
            },
          ],
          total: 2,
        });
      if (route === `GET /incidents/${DEMO_INCIDENT_ID}`) return send(res, 200, INCIDENT);
      if (route === 'GET /templates') return send(res, 200, { items: TEMPLATES });
      if (route === 'POST /templates/preview') {
        const b = await readBody(req);
        const t = TEMPLATES.find((x) => x.id === b.templateId);
        const html =
          `<h1>Postmortem: ${INCIDENT.title}</h1><p><strong>Severity:</strong> SEV-2 · <strong>Commander:</strong> Ada Admin</p>` +
          `<h2>Summary</h2><p>${INCIDENT.summary}</p><h2>Timeline</h2><ul><li>13:58 Error rate on /checkout above 20%</li><li>14:20 Rolling back payments v2.14</li></ul>` +
          `<h2>Action items</h2><p><em>Template: ${t?.name}</em></p>`;
        return send(res, 200, { doc: { type: 'doc', content: [] }, html, warnings: [] });
      }
      if (route === `GET /incidents/${DEMO_INCIDENT_ID}/postmortems`)
        return send(res, 200, { items: postmortems });
      if (route === `POST /incidents/${DEMO_INCIDENT_ID}/postmortems`) {
        const key = String(req.headers['idempotency-key'] ?? '');
        generateKeys.push(key);
        const b = await readBody(req);
        const existing = byKey.get(key);
        if (existing) return send(res, 202, existing);
        const p: Postmortem = {
          ...postmortems[0]!,
          id: randomUUID(),
          templateId: String(b.templateId),
          title: `Postmortem: ${INCIDENT.title}`,
          generationState: 'queued',
          progress: 0,
          status: 'draft',
          documentId: null,
          createdAt: new Date().toISOString(),
          updatedAt: new Date().toISOString(),
        };
        byKey.set(key, p);
        postmortems.unshift(p);
        return send(res, 202, p);
      }
      const ev = /^GET \/postmortems\/([^/]+)\/events$/.exec(route);
      if (ev) {
        const p = postmortems.find((x) => x.id === ev[1]);
        if (!p) return send(res, 404, { code: 'POSTMORTEM_NOT_FOUND', message: 'Postmortem not found' });
        res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
        const steps: [Postmortem['generationState'], number][] = [
          ['queued', 0],
          ['rendering', 35],
          ['storing', 80],
          ['ready', 100],
        ];
        for (const [state, progress] of steps) {
          Object.assign(p, {
            generationState: state,
            progress,
            updatedAt: new Date().toISOString(),
            documentId: state === 'ready' ? randomUUID() : null,
          });
          res.write(`data: ${JSON.stringify(p)}\n\n`);
          await new Promise((r) => setTimeout(r, 250));
        }
        return void res.end();
      }
      const tok = /^POST \/postmortems\/([^/]+)\/collab-token$/.exec(route);
      if (tok) {
        const p = postmortems.find((x) => x.id === tok[1]);
        if (!p?.documentId) return send(res, 404, { code: 'DOCUMENT_NOT_FOUND', message: 'No document' });
        return send(res, 200, {
          token: 'collab-' + randomUUID(),
          documentName: `postmortem:${p.documentId}`,
          collabUrl: opts.collabUrl,
          expiresAt: new Date(Date.now() + 10 * 60_000).toISOString(),
          readOnly: false,
          user: { id: me.id, name: me.name, color: '#d6336c' },
        });
      }
      return send(res, 404, { code: 'NOT_FOUND', message: `No route ${route}` });
    })().catch((err: unknown) => send(res, 500, { code: 'INTERNAL', message: String(err) }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    generateKeys,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
