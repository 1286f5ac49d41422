import { Document as DocumentRow } from '@pm/db';
import { yStateToJson } from '@pm/doc-model';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
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
  type TestClient,
  type TestDb,
} from './helpers.js';

describe.each(['sqlite', 'postgresql'] as const)('editing and persistence on %s', (kind) => {
  let db: TestDb;
  let collab: CollabServer;
  const clients: TestClient[] = [];

  beforeAll(async () => {
    db = await createTestDb(kind);
    collab = await startServer(db);
  });
  afterEach(() => clients.splice(0).forEach((c) => c.destroy()));
  afterAll(async () => {
    await collab?.stop();
    await db?.dispose();
  });

  it('relays text between two editors and stores state, JSON and text together', async () => {
    const { id, name } = await seedDocument(db.orm);
    const a = connect(collab.url, name, await tokenFor(id, { name: 'Ada' }));
    const b = connect(collab.url, name, await tokenFor(id, { name: 'Grace' }));
    clients.push(a, b);
    await waitFor(() => a.synced && b.synced, 'both providers synced');
    // both see the seeded content loaded from the database
    expect(fragmentText(a)).toContain('Seeded summary line');
    expect(fragmentText(b)).toContain('Checkout outage');

    appendParagraph(a, 'Root cause: expired TLS certificate');
    await waitFor(() => fragmentText(b).includes('Root cause: expired TLS certificate'), 'edit to reach B');

    const row = await waitFor(async () => {
      const r = await readRow(db.orm, id);
      return r?.text.includes('Root cause: expired TLS certificate') ? r : null;
    }, 'the store to reach the database');
    expect(row.text).toContain('Seeded summary line');
    expect(row.version).toBeGreaterThan(1);
    const expectedJson = {
      type: 'doc',
      content: [
        {
          type: 'heading',
          attrs: expect.objectContaining({ level: 1 }),
          content: [{ type: 'text', text: 'Checkout outage' }],
        },
        { type: 'paragraph', content: [{ type: 'text', text: 'Seeded summary line' }] },
        { type: 'paragraph', content: [{ type: 'text', text: 'Root cause: expired TLS certificate' }] },
      ],
    };
    expect(row.json).toMatchObject(expectedJson);
    // the stored Yjs state decodes to the same document as the stored JSON
    const full = await db.orm.em.fork().findOneOrFail(DocumentRow, { id }, { populate: ['yState'] as never });
    expect(yStateToJson(new Uint8Array(full.yState))).toEqual(row.json);
  });

  it('stores pending edits when the server stops (graceful shutdown)', async () => {
    const { id, name } = await seedDocument(db.orm);
    // a separate server whose debounce would not fire during the test
    const slow = await startServer(db, { STORE_DEBOUNCE_MS: '60000', STORE_MAX_DEBOUNCE_MS: '120000' });
    const a = connect(slow.url, name, await tokenFor(id));
    clients.push(a);
    await waitFor(() => a.synced, 'sync');
    appendParagraph(a, 'Written just before shutdown');
    await waitFor(
      () =>
        slow.server.hocuspocus.documents
          .get(name)
          ?.getXmlFragment('default')
          .toString()
          .includes('just before shutdown'),
      'server to apply the edit',
    );
    expect((await readRow(db.orm, id))!.text).not.toContain('just before shutdown');
    await slow.stop();
    expect((await readRow(db.orm, id))!.text).toContain('Written just before shutdown');
  });
});
