import { randomUUID } from 'node:crypto';
import { DocumentVersion } from '@pm/db';
import { CLOSE_REASON, COLLAB_CLOSE_CODE } from '@pm/contracts';
import { createThread } from '@pm/doc-model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
  type TestDb,
} from './helpers.js';

describe('store durability, size caps, comment counts and automatic snapshots', () => {
  let db: TestDb;
  let collab: CollabServer;

  beforeAll(async () => {
    db = await createTestDb('sqlite');
    collab = await startServer(db, {
      DOC_MAX_BYTES: '40000',
      WS_MAX_PAYLOAD_BYTES: '100000',
      STORE_RETRY_MS: '100',
      SNAPSHOT_INTERVAL_MS: '600000',
      SNAPSHOT_EVERY_STORES: '3',
    });
  });
  afterAll(async () => {
    await collab?.stop();
    await db?.dispose();
  });

  // Fault scenario 28
  it('keeps the document in memory while the database is down and stores it when it returns', async () => {
    const { id, name } = await seedDocument(db.orm);
    const client = connect(collab.url, name, await tokenFor(id));
    await waitFor(() => client.synced, 'sync');
    const sql = (q: string) => db.orm.em.getConnection().execute(q);

    await sql('alter table documents rename to documents_offline'); // the database "goes away" for this table
    try {
      appendParagraph(client, 'typed while the database was down');
      await sleep(600); // several debounce windows and retries fail meanwhile
      client.destroy(); // everyone leaves: the document must NOT be unloaded and lost
      await sleep(300);
      expect(collab.server.hocuspocus.documents.has(name)).toBe(true);
    } finally {
      await sql('alter table documents_offline rename to documents');
    }
    // the scheduled retry stores it without anybody typing again, then the idle document is unloaded
    await waitFor(
      async () => (await readRow(db.orm, id))?.text.includes('typed while the database was down'),
      'stored after recovery',
      5000,
    );
    await waitFor(() => !collab.server.hocuspocus.documents.has(name), 'unloaded after the store');
  });

  // Fault scenario 25 (document cap)
  it('refuses an edit past the document cap with DOCUMENT_TOO_LARGE and leaves the stored document intact', async () => {
    const { id, name } = await seedDocument(db.orm);
    const writer = connect(collab.url, name, await tokenFor(id));
    const watcher = connect(collab.url, name, await tokenFor(id));
    let closed: { code?: number; reason: string } | null = null;
    writer.provider.on(
      'close',
      ({ event }: { event: { code: number; reason: string } }) => (closed ??= event),
    );
    await waitFor(() => writer.synced && watcher.synced, 'sync');
    appendParagraph(writer, 'small edit that fits');
    await waitFor(() => fragmentText(watcher).includes('small edit that fits'), 'small edit relayed');

    appendParagraph(writer, 'x'.repeat(60_000)); // under maxPayload, over the 40 kB document cap
    await waitFor(() => closed, 'writer closed');
    expect(closed!.reason).toBe(CLOSE_REASON.DOCUMENT_TOO_LARGE);
    await sleep(400);
    expect(fragmentText(watcher)).not.toContain('xxxxxxxxxx');
    const row = await readRow(db.orm, id);
    expect(row!.text).toContain('small edit that fits');
    expect(row!.text).not.toContain('xxxxxxxxxx');
    writer.destroy();
    watcher.destroy();
  });

  // Fault scenario 25 (oversized frame, e.g. a huge paste)
  it('closes a socket that sends a frame above maxPayload without applying or storing any of it', async () => {
    const { id, name } = await seedDocument(db.orm);
    const before = await readRow(db.orm, id);
    const client = connect(collab.url, name, await tokenFor(id));
    const codes: number[] = [];
    client.provider.configuration.websocketProvider.on('close', ({ event }: { event: { code: number } }) =>
      codes.push(event.code),
    );
    await waitFor(() => client.synced, 'sync');
    appendParagraph(client, 'y'.repeat(300_000));
    await waitFor(
      () => codes.includes(COLLAB_CLOSE_CODE.MESSAGE_TOO_BIG),
      'socket closed with 1009 (message too big)',
    );
    client.destroy();
    await sleep(300);
    const after = await readRow(db.orm, id);
    expect(after!.text).toBe(before!.text);
    expect(after!.text).not.toContain('yyyy');
  });

  it('stores the open comment count and the last editor, and takes automatic snapshots every N stores', async () => {
    const { id, name } = await seedDocument(db.orm);
    // Threads in one's own name only: the server refuses comments under another author (comments.extension.ts).
    const ada = { id: randomUUID(), name: 'Ada' };
    const client = connect(collab.url, name, await tokenFor(id, { sub: ada.id, name: ada.name }));
    await waitFor(() => client.synced, 'sync');
    createThread(client.doc, {
      from: new Uint8Array([0]),
      to: new Uint8Array([0]),
      quote: 'Seeded',
      author: ada,
      body: 'why?',
    });
    createThread(client.doc, {
      from: new Uint8Array([0]),
      to: new Uint8Array([0]),
      quote: 'line',
      author: ada,
      body: 'and?',
    });
    await waitFor(async () => (await readRow(db.orm, id))?.commentCount === 2, 'comment count stored');
    // The list's "edited by": the user of the connection whose change was stored.
    expect((await readRow(db.orm, id))?.lastEditorName).toBe('Ada');
    for (let i = 0; i < 4; i++) {
      appendParagraph(client, `edit ${i}`);
      await sleep(120);
    }
    const versions = await waitFor(async () => {
      const rows = await db.orm.em
        .fork()
        .find(DocumentVersion, { document: id }, { orderBy: { createdAt: 'asc' } });
      return rows.length >= 2 ? rows : null;
    }, 'automatic snapshots');
    expect(versions.every((v) => v.kind === 'auto')).toBe(true);
    expect(versions[0]!.createdByName).toBe('Ada');
    client.destroy();
  });
});
