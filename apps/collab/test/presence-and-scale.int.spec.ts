import { uniqueRedisPrefix } from '@pm/testing';
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

describe('presence and scale-out', () => {
  let db: TestDb;
  const servers: CollabServer[] = [];
  const clients: TestClient[] = [];

  beforeAll(async () => {
    db = await createTestDb('sqlite');
  });
  afterEach(async () => {
    clients.splice(0).forEach((c) => c.destroy());
    await Promise.all(servers.splice(0).map((s) => s.stop()));
  });
  afterAll(async () => {
    await db?.dispose();
  });

  it('shows each editor’s name and colour to the others (cursor labels)', async () => {
    const collab = await startServer(db);
    servers.push(collab);
    const { id, name } = await seedDocument(db.orm);
    const a = connect(collab.url, name, await tokenFor(id, { name: 'Ada' }));
    const b = connect(collab.url, name, await tokenFor(id, { name: 'Grace' }));
    clients.push(a, b);
    await waitFor(() => a.synced && b.synced, 'sync');

    a.provider.setAwarenessField('user', { name: 'Ada', color: '#1976d2' });
    const seen = await waitFor(
      () =>
        [...b.provider.awareness!.getStates().entries()].find(
          ([clientId]) => clientId === a.doc.clientID,
        )?.[1],
      'A’s awareness to reach B',
    );
    expect(seen.user).toEqual({ name: 'Ada', color: '#1976d2' });

    // leaving removes the label for the others
    a.destroy();
    await waitFor(
      () => !b.provider.awareness!.getStates().has(a.doc.clientID),
      'A’s cursor to disappear at B',
    );
  });

  it('relays edits between two instances sharing one Redis', async () => {
    const env = { COLLAB_REDIS: 'on', REDIS_PREFIX: uniqueRedisPrefix('collab') };
    const one = await startServer(db, env);
    const two = await startServer(db, env);
    servers.push(one, two);
    expect(one.port).not.toBe(two.port);
    const { id, name } = await seedDocument(db.orm);
    const a = connect(one.url, name, await tokenFor(id, { name: 'On A' }));
    const b = connect(two.url, name, await tokenFor(id, { name: 'On B' }));
    clients.push(a, b);
    await waitFor(() => a.synced && b.synced, 'sync');

    appendParagraph(a, 'Typed on instance one');
    await waitFor(
      () => fragmentText(b).includes('Typed on instance one'),
      'edit from instance one to reach a client of instance two',
    );
    appendParagraph(b, 'Answered from instance two');
    await waitFor(
      () => fragmentText(a).includes('Answered from instance two'),
      'edit from instance two to reach instance one',
    );

    // awareness crosses instances too
    b.provider.setAwarenessField('user', { name: 'On B', color: '#00796b' });
    await waitFor(
      () => a.provider.awareness!.getStates().get(b.doc.clientID)?.user?.name === 'On B',
      'awareness across instances',
    );

    // and exactly one instance stores the merged document
    const row = await waitFor(async () => {
      const r = await readRow(db.orm, id);
      return r?.text.includes('Typed on instance one') && r.text.includes('Answered from instance two')
        ? r
        : null;
    }, 'the merged document to be stored');
    expect(row.text).toContain('Seeded summary line');
  });

  it('keeps instances with different prefixes apart', async () => {
    const one = await startServer(db, { COLLAB_REDIS: 'on', REDIS_PREFIX: uniqueRedisPrefix('collab') });
    const two = await startServer(db, { COLLAB_REDIS: 'on', REDIS_PREFIX: uniqueRedisPrefix('collab') });
    servers.push(one, two);
    const { id, name } = await seedDocument(db.orm);
    const a = connect(one.url, name, await tokenFor(id));
    const b = connect(two.url, name, await tokenFor(id));
    clients.push(a, b);
    await waitFor(() => a.synced && b.synced, 'sync');
    appendParagraph(a, 'Only on one');
    appendParagraph(b, 'Control on two');
    await new Promise((r) => setTimeout(r, 300));
    expect(fragmentText(b)).not.toContain('Only on one');
    expect(fragmentText(a)).not.toContain('Control on two');
  });
});
