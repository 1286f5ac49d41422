import * as db from '@pm/db';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { REFUSAL } from '../src/refusals.js';
import type { CollabServer } from '../src/server.js';
import {
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

// Lets a test make the next document load fail the way a dropped database connection would.
const failNextLoad = { on: false };
vi.mock('@pm/db', async (importOriginal) => {
  const actual = await importOriginal<typeof db>();
  return {
    ...actual,
    loadDocumentState: async (...args: Parameters<typeof actual.loadDocumentState>) => {
      if (failNextLoad.on) {
        failNextLoad.on = false;
        throw new Error('connection terminated unexpectedly');
      }
      return actual.loadDocumentState(...args);
    },
  };
});

describe('a failed load', () => {
  let testDb: TestDb;
  let collab: CollabServer;

  beforeAll(async () => {
    testDb = await createTestDb('sqlite');
    collab = await startServer(testDb);
  });
  afterAll(async () => {
    await collab?.stop();
    await testDb?.dispose();
  });

  it('refuses the connection and never stores an empty document over the real one', async () => {
    const { id, name } = await seedDocument(testDb.orm);
    const before = await readRow(testDb.orm, id);

    failNextLoad.on = true;
    const unlucky = connect(collab.url, name, await tokenFor(id));
    await waitFor(() => unlucky.authFailed, 'refusal');
    expect(unlucky.authFailed).toBe(REFUSAL.DATABASE_UNAVAILABLE);
    expect(unlucky.receivedContent).toBe(false);
    unlucky.destroy();
    await sleep(200); // longer than the store debounce: an (empty) store would have happened by now

    const after = await readRow(testDb.orm, id);
    expect(after!.version).toBe(before!.version);
    expect(after!.text).toBe(before!.text);
    expect(collab.server.hocuspocus.documents.has(name)).toBe(false);

    // the next connection loads the intact document
    const lucky = connect(collab.url, name, await tokenFor(id));
    await waitFor(() => lucky.synced, 'sync after recovery');
    expect(fragmentText(lucky)).toContain('Seeded summary line');
    lucky.destroy();
  });
});
