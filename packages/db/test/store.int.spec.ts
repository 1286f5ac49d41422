import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDocument, loadDocumentState, storeDocumentState } from '../src/documents.js';
import { Document, Incident, Postmortem, TimelineEntry, User } from '../src/entities/index.js';
import { nextIncidentPublicId } from '../src/incidents.js';
import { KINDS, openTestDb, type TestDb } from './helpers.js';

describe.each(KINDS)('persistence on %s', (kind) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await openTestDb(kind);
  });
  afterAll(() => db?.dispose());

  it('round-trips an incident with its timeline in order', async () => {
    const em = db.orm.em.fork();
    const publicId = await nextIncidentPublicId(em);
    expect(publicId).toBe(1);
    const detectedAt = new Date('2025-03-04T10:00:00.000Z');
    const incident = em.create(Incident, {
      publicId,
      title: 'DNS resolution failures',
      severity: 'SEV-1',
      status: 'resolved',
      detectedAt,
    });
    em.create(TimelineEntry, {
      incident,
      content: 'second',
      kind: 'update',
      important: true,
      occurredAt: new Date('2025-03-04T10:05:00.000Z'),
    });
    em.create(TimelineEntry, {
      incident,
      content: 'first',
      authorName: 'Ada',
      occurredAt: new Date('2025-03-04T10:01:00.000Z'),
    });
    await em.flush();

    const loaded = await db.orm.em.fork().findOneOrFail(Incident, { publicId }, { populate: ['timeline'] });
    expect(loaded).toMatchObject({
      title: 'DNS resolution failures',
      severity: 'SEV-1',
      status: 'resolved',
      visibility: 'organization',
      summary: null,
    });
    expect(loaded.detectedAt?.toISOString()).toBe(detectedAt.toISOString());
    expect(loaded.timeline.getItems().map((t) => [t.content, t.kind, t.important, t.authorName])).toEqual([
      ['first', 'note', false, 'Ada'],
      ['second', 'update', true, null],
    ]);
    expect(await nextIncidentPublicId(db.orm.em.fork())).toBe(2);
  });

  it('rejects a second incident with the same publicId', async () => {
    const em = db.orm.em.fork();
    em.create(Incident, { publicId: 1, title: 'dup', severity: 'SEV-4', status: 'active' });
    await expect(em.flush()).rejects.toThrow(/unique|UNIQUE/);
  });

  it('stores document state bytes exactly and bumps the version on every store', async () => {
    const em = db.orm.em.fork();
    const initial = randomBytes(2048);
    const doc = createDocument(em, { yState: initial, json: { type: 'doc', content: [] }, text: '' });
    await em.flush();
    expect(await loadDocumentState(db.orm.em, doc.id)).toEqual(new Uint8Array(initial));

    const next = new Uint8Array([0, 1, 2, 253, 254, 255, 0]);
    expect(
      await storeDocumentState(db.orm.em, doc.id, {
        yState: next,
        json: { type: 'doc', v: 2 },
        text: 'hello',
      }),
    ).toBe(2);
    expect(
      await storeDocumentState(db.orm.em, doc.id, {
        yState: next,
        json: { type: 'doc', v: 3 },
        text: 'hello again',
      }),
    ).toBe(3);
    const state = await loadDocumentState(db.orm.em, doc.id);
    expect(state).toBeInstanceOf(Uint8Array);
    expect(Array.from(state!)).toEqual(Array.from(next));
    const row = await db.orm.em.fork().findOneOrFail(Document, doc.id);
    expect(row).toMatchObject({ version: 3, text: 'hello again', json: { type: 'doc', v: 3 } });
  });

  it('reports a missing document as null on load and DOCUMENT_NOT_FOUND on store', async () => {
    const missing = '00000000-0000-4000-8000-000000000000';
    expect(await loadDocumentState(db.orm.em, missing)).toBeNull();
    await expect(
      storeDocumentState(db.orm.em, missing, { yState: new Uint8Array([1]), json: {}, text: '' }),
    ).rejects.toThrow(/DOCUMENT_NOT_FOUND/);
  });

  it('rejects a duplicate (requestedBy, idempotencyKey) postmortem but allows the same key for another user', async () => {
    const em = db.orm.em.fork();
    const incident = await em.findOneOrFail(Incident, { publicId: 1 });
    const [u1, u2] = ['u1', 'u2'].map((h) =>
      em.create(User, { email: `${h}@example.com`, name: h, handle: h, role: 'standard', passwordHash: 'x' }),
    );
    const base = { incident, title: 'PM', destination: 'notebook' as const, idempotencyKey: 'click-1' };
    em.create(Postmortem, { ...base, requestedBy: u1! });
    em.create(Postmortem, { ...base, requestedBy: u2! });
    await em.flush();

    const em2 = db.orm.em.fork();
    em2.create(Postmortem, { ...base, incident: incident.id, requestedBy: u1!.id });
    await expect(em2.flush()).rejects.toThrow(/unique|UNIQUE/);
    expect(await db.orm.em.fork().count(Postmortem, { idempotencyKey: 'click-1' })).toBe(2);
  });
});
