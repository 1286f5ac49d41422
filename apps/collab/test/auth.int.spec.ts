import { randomUUID } from 'node:crypto';
import { Document as DocumentRow } from '@pm/db';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { REFUSAL } from '../src/refusals.js';
import type { CollabServer } from '../src/server.js';
import {
  appendParagraph,
  connect,
  createTestDb,
  fragmentText,
  readRow,
  seedDocument,
  sleep,
  startServer,
  tokenFor,
  waitFor,
  type TestClient,
  type TestDb,
} from './helpers.js';

describe('who may open a document', () => {
  let db: TestDb;
  let collab: CollabServer;
  let doc: { id: string; name: string };
  const clients: TestClient[] = [];

  beforeAll(async () => {
    db = await createTestDb('sqlite');
    collab = await startServer(db);
    doc = await seedDocument(db.orm);
  });
  afterEach(() => clients.splice(0).forEach((c) => c.destroy()));
  afterAll(async () => {
    await collab?.stop();
    await db?.dispose();
  });

  /** Connects, waits for the refusal, and checks that no document content ever reached the client. */
  const expectRefused = async (name: string, token: string | null, reason: string) => {
    const c = connect(collab.url, name, token);
    clients.push(c);
    await waitFor(() => c.authFailed, `refusal ${reason}`);
    expect(c.authFailed).toBe(reason);
    await sleep(100); // give a (wrongly) loaded document time to arrive
    expect(c.authenticated).toBe(false);
    expect(c.synced).toBe(false);
    expect(c.receivedContent).toBe(false);
    expect(fragmentText(c)).toBe('');
  };

  it('lets a valid token in (control for the refusals below)', async () => {
    const c = connect(collab.url, doc.name, await tokenFor(doc.id));
    clients.push(c);
    await waitFor(() => c.synced, 'sync');
    expect(c.authFailed).toBeNull();
    expect(fragmentText(c)).toContain('Seeded summary line');
  });

  it('refuses a connection without a token', async () => {
    await expectRefused(doc.name, null, REFUSAL.TOKEN_MISSING);
  });

  it('refuses an expired token', async () => {
    await expectRefused(doc.name, await tokenFor(doc.id, {}, -5), REFUSAL.TOKEN_EXPIRED);
  });

  it('refuses a token signed with another secret', async () => {
    const { signCollabToken } = await import('@pm/auth');
    const { token } = await signCollabToken(
      { sub: randomUUID(), name: 'Mallory', doc: doc.id, ro: false, sv: 1 },
      'not-the-server-secret-123',
    );
    await expectRefused(doc.name, token, REFUSAL.TOKEN_INVALID);
  });

  it('refuses a token issued for another document', async () => {
    const other = await seedDocument(db.orm);
    await expectRefused(doc.name, await tokenFor(other.id), REFUSAL.DOCUMENT_MISMATCH);
  });

  it('refuses a client on another editor schema version', async () => {
    await expectRefused(doc.name, await tokenFor(doc.id, { sv: 999 }), REFUSAL.SCHEMA_MISMATCH);
  });

  it('refuses an unknown document and never creates a row for it', async () => {
    const ghost = randomUUID();
    await expectRefused(`postmortem:${ghost}`, await tokenFor(ghost), REFUSAL.DOCUMENT_NOT_FOUND);
    expect(await db.orm.em.fork().count(DocumentRow, { id: ghost })).toBe(0);
    expect(collab.server.hocuspocus.documents.has(`postmortem:${ghost}`)).toBe(false);
  });

  it('refuses names that are not postmortem documents', async () => {
    await expectRefused('secrets', await tokenFor(doc.id), REFUSAL.DOCUMENT_NOT_FOUND);
  });

  it('drops a read-only client’s edits on the server and in the database', async () => {
    const { id, name } = await seedDocument(db.orm);
    const viewer = connect(collab.url, name, await tokenFor(id, { ro: true, name: 'Viewer' }));
    const editor = connect(collab.url, name, await tokenFor(id, { name: 'Editor' }));
    clients.push(viewer, editor);
    await waitFor(() => viewer.synced && editor.synced, 'sync');

    appendParagraph(viewer, 'VIEWER-SNEAKY-EDIT');
    await sleep(150);
    appendParagraph(editor, 'EDITOR-REAL-EDIT');
    await waitFor(() => fragmentText(viewer).includes('EDITOR-REAL-EDIT'), 'viewer to still receive edits');
    const row = await waitFor(async () => {
      const r = await readRow(db.orm, id);
      return r?.text.includes('EDITOR-REAL-EDIT') ? r : null;
    }, 'the editor’s change to be stored');

    expect(row.text).not.toContain('VIEWER-SNEAKY-EDIT');
    expect(JSON.stringify(row.json)).not.toContain('VIEWER-SNEAKY-EDIT');
    expect(fragmentText(editor)).not.toContain('VIEWER-SNEAKY-EDIT');
    const serverDoc = collab.server.hocuspocus.documents.get(name)!;
    expect(serverDoc.getXmlFragment('default').toString()).not.toContain('VIEWER-SNEAKY-EDIT');
  });
});
