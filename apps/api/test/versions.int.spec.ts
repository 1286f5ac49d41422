import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { verifyCollabToken } from '@pm/auth';
import { matchCollabVersionsPath } from '@pm/contracts';
import {
  createDocument,
  createDocumentVersion,
  DEMO_CHECKOUT_INCIDENT_TITLE,
  nextIncidentPublicId,
  Document,
  Incident,
  Postmortem,
  User,
} from '@pm/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SECRET, startApi, type Harness } from './harness.js';

/**
 * Version history over REST. The collab server owns the live document, so named versions and restores are
 * forwarded to it; here a stand-in collab checks the forwarded token (user, document, write access) and writes the
 * version row the way collab does. (apps/collab/test/versions.int.spec.ts covers the live-document side.)
 */
describe('postmortem version history API', () => {
  let h: Harness;
  let fakeCollab: Server;
  const forwarded: Array<{ path: string; sub: string; doc: string; ro: boolean }> = [];
  let pmId: string;
  let documentId: string;
  let autoVersionId: string;
  const auth = (t: string) => ({ authorization: `Bearer ${t}` });

  beforeAll(async () => {
    const handle = async (req: IncomingMessage, res: ServerResponse) => {
      const claims = await verifyCollabToken((req.headers.authorization ?? '').slice(7), SECRET);
      forwarded.push({ path: req.url!, sub: claims.sub, doc: claims.doc, ro: claims.ro });
      const restoredFrom = matchCollabVersionsPath(req.url!)?.versionId ?? null;
      const v = await createDocumentVersion(h.db.orm.em, {
        documentId: claims.doc,
        kind: restoredFrom ? 'restore' : 'named',
        name: restoredFrom ? null : 'Before review',
        documentVersion: 3,
        yState: new Uint8Array([0, 0]),
        json: { type: 'doc', content: [] },
        text: '',
        createdById: claims.sub,
        createdByName: claims.name,
        restoredFromId: restoredFrom,
      });
      res.writeHead(restoredFrom ? 200 : 201, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ versionId: v.id, documentVersion: 3 }));
    };
    fakeCollab = createServer((req, res) => void handle(req, res));
    await new Promise<void>((r) => fakeCollab.listen(0, '127.0.0.1', () => r()));
    const port = (fakeCollab.address() as { port: number }).port;
    // Browsers get the public URL; the API itself must call collab at the internal one.
    h = await startApi('sqlite', {
      COLLAB_PUBLIC_URL: 'wss://collab.example.invalid',
      COLLAB_INTERNAL_URL: `http://127.0.0.1:${port}/`,
    });

    const em = h.db.orm.em.fork();
    // An incident of its own (nobody on its response team), so making it private hides it from Sam.
    const demo = await em.findOneOrFail(Incident, { title: DEMO_CHECKOUT_INCIDENT_TITLE });
    const incident = em.create(Incident, {
      publicId: await nextIncidentPublicId(em),
      title: 'Versions test incident',
      severity: demo.severity,
      status: demo.status,
    } as never);
    const doc = createDocument(em, {
      yState: new Uint8Array([0, 0]),
      json: { type: 'doc', content: [] },
      text: 'v1',
    });
    doc.commentCount = 2;
    const requester = await em.findOneOrFail(User, { email: 'standard@example.com' });
    const pm = em.create(Postmortem, {
      incident,
      title: 'Versioned postmortem',
      destination: 'notebook',
      generationState: 'ready',
      requestedBy: requester,
      document: doc,
    } as never);
    await em.persist(pm).flush();
    pmId = pm.id;
    documentId = doc.id;
    autoVersionId = (
      await createDocumentVersion(h.db.orm.em, {
        documentId,
        kind: 'auto',
        documentVersion: 1,
        yState: new Uint8Array([0, 0]),
        json: {
          type: 'doc',
          content: [{ type: 'paragraph', content: [{ type: 'text', text: 'first draft' }] }],
        },
        text: 'first draft',
      })
    ).id;
  });
  afterAll(async () => {
    await h?.close();
    fakeCollab?.close();
  });

  it('lists, previews, names and restores versions; restore appends a new entry', async () => {
    const standard = await h.login('standard@example.com');
    const list = await h.http().get(`/postmortems/${pmId}/versions`).set(auth(standard)).expect(200);
    expect(list.body.items).toHaveLength(1);
    const preview = await h
      .http()
      .get(`/postmortems/${pmId}/versions/${autoVersionId}`)
      .set(auth(standard))
      .expect(200);
    expect(preview.body).toMatchObject({ kind: 'auto', text: 'first draft' });
    expect(preview.body.json.content[0].content[0].text).toBe('first draft');

    const named = await h
      .http()
      .post(`/postmortems/${pmId}/versions`)
      .set(auth(standard))
      .send({ name: 'Before review' })
      .expect(201);
    expect(named.body).toMatchObject({ kind: 'named', name: 'Before review', createdByName: 'Sam Standard' });
    const restored = await h
      .http()
      .post(`/postmortems/${pmId}/versions/${autoVersionId}/restore`)
      .set(auth(standard))
      .expect(200);
    expect(restored.body).toMatchObject({ kind: 'restore', restoredFromId: autoVersionId });
    expect(forwarded.map((f) => f.path)).toEqual([
      `/internal/documents/${documentId}/versions`,
      `/internal/documents/${documentId}/versions/${autoVersionId}/restore`,
    ]);
    expect(forwarded.every((f) => !f.ro && f.doc === documentId)).toBe(true);
    const after = await h.http().get(`/postmortems/${pmId}/versions`).set(auth(standard)).expect(200);
    expect(after.body.items).toHaveLength(3);
  });

  it('lets readers look but not name or restore', async () => {
    const reader = await h.login('readonly@example.com');
    await h.http().get(`/postmortems/${pmId}/versions`).set(auth(reader)).expect(200);
    await h.http().post(`/postmortems/${pmId}/versions`).set(auth(reader)).send({ name: 'x' }).expect(403);
    await h
      .http()
      .post(`/postmortems/${pmId}/versions/${autoVersionId}/restore`)
      .set(auth(reader))
      .expect(403);
  });

  it('answers 404 for a private incident the user cannot see, and for unknown versions', async () => {
    const standard = await h.login('standard@example.com');
    const em = h.db.orm.em.fork();
    const pm = await em.findOneOrFail(Postmortem, { id: pmId }, { populate: ['incident'] });
    await em.nativeUpdate(Incident, { id: pm.incident.id }, { visibility: 'private' });
    try {
      const res = await h.http().get(`/postmortems/${pmId}/versions`).set(auth(standard)).expect(404);
      expect(res.body.code).toBe('POSTMORTEM_NOT_FOUND');
    } finally {
      await em.nativeUpdate(Incident, { id: pm.incident.id }, { visibility: 'organization' });
    }
    const missing = await h
      .http()
      .get(`/postmortems/${pmId}/versions/00000000-0000-4000-8000-000000000000`)
      .set(auth(standard))
      .expect(404);
    expect(missing.body.code).toBe('VERSION_NOT_FOUND');
  });

  it('reports the open comment count in the postmortem list', async () => {
    const standard = await h.login('standard@example.com');
    const pm = await h.http().get(`/postmortems/${pmId}`).set(auth(standard)).expect(200);
    expect(pm.body.commentCount).toBe(2);
    expect(await h.db.orm.em.fork().count(Document, { id: documentId })).toBe(1);
  });
});
