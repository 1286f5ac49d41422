import { randomUUID } from 'node:crypto';
import { listDocumentVersions } from '@pm/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CollabServer } from '../src/server.js';
import {
  appendParagraph,
  connect,
  createTestDb,
  fragmentText,
  readRow,
  seedDocument,
  startServer,
  tokenFor,
  waitFor,
  type TestDb,
} from './helpers.js';

describe('version history through collab', () => {
  let db: TestDb;
  let collab: CollabServer;
  const http = () => collab.url.replace(/^ws/, 'http');
  const post = (path: string, token: string, body?: unknown) =>
    fetch(`${http()}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  beforeAll(async () => {
    db = await createTestDb('sqlite');
    collab = await startServer(db);
  });
  afterAll(async () => {
    await collab?.stop();
    await db?.dispose();
  });

  it('names a version of the live document and restores it into open editors as a new version', async () => {
    const { id, name } = await seedDocument(db.orm);
    const editor = connect(collab.url, name, await tokenFor(id, { name: 'Ada' }));
    await waitFor(() => editor.synced, 'sync');
    appendParagraph(editor, 'Draft one');
    await waitFor(
      () =>
        collab.server.hocuspocus.documents
          .get(name)
          ?.getXmlFragment('default')
          .toString()
          .includes('Draft one'),
      'edit on server',
    );

    const token = await tokenFor(id, { name: 'Ada' });
    const named = await post(`/internal/documents/${id}/versions`, token, { name: 'Before review' });
    expect(named.status).toBe(201);
    const { versionId } = (await named.json()) as { versionId: string };

    appendParagraph(editor, 'Mistaken rewrite');
    await waitFor(
      () =>
        collab.server.hocuspocus.documents
          .get(name)
          ?.getXmlFragment('default')
          .toString()
          .includes('Mistaken'),
      'second edit',
    );

    const restored = await post(`/internal/documents/${id}/versions/${versionId}/restore`, token);
    expect(restored.status).toBe(200);
    // the open editor receives the restore like any other edit
    await waitFor(() => !fragmentText(editor).includes('Mistaken rewrite'), 'restore reaches the editor');
    expect(fragmentText(editor)).toContain('Draft one');
    const row = await readRow(db.orm, id);
    expect(row!.text).toContain('Draft one');
    expect(row!.text).not.toContain('Mistaken rewrite');

    // history only grows: the named version is untouched, the restore is a new entry pointing at it
    const versions = await listDocumentVersions(db.orm.em, id);
    const kinds = versions.map((v) => v.kind);
    expect(kinds).toContain('named');
    expect(kinds).toContain('restore');
    const restore = versions.find((v) => v.kind === 'restore')!;
    expect(restore.restoredFromId).toBe(versionId);
    expect(versions.find((v) => v.id === versionId)!.name).toBe('Before review');
    editor.destroy();
  });

  it('refuses read-only tokens, tokens for other documents and unknown versions', async () => {
    const { id } = await seedDocument(db.orm);
    const ro = await post(`/internal/documents/${id}/versions`, await tokenFor(id, { ro: true }), {
      name: 'x',
    });
    expect(ro.status).toBe(403);
    const other = await post(`/internal/documents/${id}/versions`, await tokenFor(randomUUID()), {
      name: 'x',
    });
    expect(other.status).toBe(403);
    const missing = await post(
      `/internal/documents/${id}/versions/${randomUUID()}/restore`,
      await tokenFor(id),
    );
    expect(missing.status).toBe(404);
    expect((await fetch(`${http()}/healthz`)).status).toBe(200); // health still answered by the next extension
  });
});
