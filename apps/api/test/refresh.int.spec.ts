import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { verifyCollabToken } from '@pm/auth';
import {
  createDocument,
  createDocumentVersion,
  DEMO_CHECKOUT_INCIDENT_TITLE,
  DomainEvent,
  Incident,
  Postmortem,
  User,
} from '@pm/db';
import { REFRESH_SOURCES } from '@pm/contracts';
import { INCIDENT_DATA_SOURCES } from '@pm/doc-model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SECRET, startApi, type Harness } from './harness.js';

/**
 * "Refresh from incident" over REST: the preview renders every incident-data source from the incident's current
 * data; recording a refresh names a version through collab (a stand-in here, as in versions.int.spec.ts) and writes
 * a `postmortem.refreshed` domain event. (The live-document side: apps/collab/test/refresh.int.spec.ts.)
 */
describe('refresh from incident API', () => {
  let h: Harness;
  let fakeCollab: Server;
  const named: string[] = [];
  let pmId: string;
  let incidentId: string;
  const auth = (t: string) => ({ authorization: `Bearer ${t}` });

  beforeAll(async () => {
    const handle = async (req: IncomingMessage, res: ServerResponse) => {
      const claims = await verifyCollabToken((req.headers.authorization ?? '').slice(7), SECRET);
      let body = '';
      for await (const c of req) body += String(c);
      const name = (JSON.parse(body) as { name: string }).name;
      named.push(name);
      const v = await createDocumentVersion(h.db.orm.em, {
        documentId: claims.doc,
        kind: 'named',
        name,
        documentVersion: 2,
        yState: new Uint8Array([0, 0]),
        json: { type: 'doc', content: [] },
        text: '',
        createdById: claims.sub,
        createdByName: claims.name,
      });
      res.writeHead(201, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ versionId: v.id, documentVersion: 2 }));
    };
    fakeCollab = createServer((req, res) => void handle(req, res));
    await new Promise<void>((r) => fakeCollab.listen(0, '127.0.0.1', () => r()));
    const port = (fakeCollab.address() as { port: number }).port;
    h = await startApi('sqlite', { COLLAB_INTERNAL_URL: `http://127.0.0.1:${port}/` });

    const em = h.db.orm.em.fork();
    const incident = await em.findOneOrFail(Incident, { title: DEMO_CHECKOUT_INCIDENT_TITLE });
    incidentId = incident.id;
    const doc = createDocument(em, {
      yState: new Uint8Array([0, 0]),
      json: { type: 'doc', content: [] },
      text: '',
    });
    const pm = em.create(Postmortem, {
      incident,
      title: 'Refreshable postmortem',
      destination: 'notebook',
      generationState: 'ready',
      requestedBy: await em.findOneOrFail(User, { email: 'standard@example.com' }),
      document: doc,
    } as never);
    await em.persist(pm).flush();
    pmId = pm.id;
  });
  afterAll(async () => {
    await h?.close();
    fakeCollab?.close();
  });

  it('the HTTP contract names the same sources the document model marks', () => {
    expect([...REFRESH_SOURCES]).toEqual([...INCIDENT_DATA_SOURCES]);
  });

  it('previews every source from the current incident data (a new timeline note included)', async () => {
    const sam = await h.login('standard@example.com');
    const note = `Cache warmed ${Date.now()}`;
    await h
      .http()
      .post(`/incidents/${incidentId}/timeline`)
      .set(auth(sam))
      .send({ content: note })
      .expect(201);
    const res = await h.http().post(`/postmortems/${pmId}/refresh/preview`).set(auth(sam)).expect(200);
    expect(res.body.blocks.map((b: { source: string }) => b.source)).toEqual([
      'timeline',
      'customer_impact',
      'scope_of_impact',
      'follow-ups',
      'card',
    ]);
    expect(JSON.stringify(res.body.blocks[0].content)).toContain(note);
    expect(res.body.blocks[4].content[0].type).toBe('incidentCard');
  });

  it('records a refresh: a named version "Refreshed from incident" and a postmortem.refreshed event', async () => {
    const sam = await h.login('standard@example.com');
    const res = await h
      .http()
      .post(`/postmortems/${pmId}/refresh`)
      .set(auth(sam))
      .send({ updated: [{ blockId: 'abc123', source: 'timeline' }], kept: ['def456'] })
      .expect(201);
    expect(res.body).toMatchObject({
      kind: 'named',
      name: 'Refreshed from incident',
      createdByName: 'Sam Standard',
    });
    expect(named).toEqual(['Refreshed from incident']);
    const events = await h.db.orm.em
      .fork()
      .find(DomainEvent, { type: 'postmortem.refreshed', postmortemId: pmId });
    expect(events).toHaveLength(1);
    expect(events[0]!.incidentId).toBe(incidentId);
    expect(events[0]!.data).toMatchObject({
      versionId: res.body.id,
      updated: [{ blockId: 'abc123', source: 'timeline' }],
      kept: ['def456'],
    });
  });

  it('refuses bad input with a clear 400 and Read Only with 403, recording nothing', async () => {
    const sam = await h.login('standard@example.com');
    const bad = await h
      .http()
      .post(`/postmortems/${pmId}/refresh`)
      .set(auth(sam))
      .send({ updated: [{ blockId: 'x', source: 'incident.title' }] })
      .expect(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    const rita = await h.login('readonly@example.com');
    await h.http().post(`/postmortems/${pmId}/refresh/preview`).set(auth(rita)).expect(403);
    expect(named).toHaveLength(1);
  });
});
