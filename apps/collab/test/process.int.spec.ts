import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { run } from '../src/run.js';
import {
  appendParagraph,
  connect,
  createTestDb,
  quietLogger,
  readRow,
  SECRET,
  seedDocument,
  tokenFor,
  waitFor,
} from './helpers.js';

describe('collab process', () => {
  it('prints every config problem and exits 1', async () => {
    const exits: number[] = [];
    let printed = '';
    const result = await run({
      env: { COLLAB_PORT: 'x', NODE_ENV: 'production' },
      exit: (c) => exits.push(c),
      printError: (m) => (printed = m),
    });
    expect(result).toBeNull();
    expect(exits).toEqual([1]);
    expect(printed).toContain('COLLAB_PORT');
    expect(printed).toContain('COLLAB_TOKEN_SECRET');
  });

  it('starts from env, then on SIGTERM stores open documents and exits 0', async () => {
    const db = await createTestDb('sqlite');
    const signals = new EventEmitter();
    const exits: number[] = [];
    try {
      const collab = await run({
        env: {
          COLLAB_PORT: '0',
          DATABASE_URL: db.databaseUrl,
          COLLAB_REDIS: 'off',
          COLLAB_TOKEN_SECRET: SECRET,
          STORE_DEBOUNCE_MS: '60000',
          STORE_MAX_DEBOUNCE_MS: '60000',
        },
        exit: (c) => exits.push(c),
        signals: signals as unknown as NodeJS.Process,
        logger: quietLogger,
      });
      expect((await fetch(`http://127.0.0.1:${collab!.port}/healthz`)).status).toBe(200);
      const { id, name } = await seedDocument(db.orm);
      const client = connect(collab!.url, name, await tokenFor(id));
      await waitFor(() => client.synced, 'sync');
      appendParagraph(client, 'Unsaved when SIGTERM arrived');
      await waitFor(
        () =>
          collab!.server.hocuspocus.documents
            .get(name)
            ?.getXmlFragment('default')
            .toString()
            .includes('SIGTERM'),
        'server to apply the edit',
      );

      signals.emit('SIGTERM');
      await waitFor(() => exits.length > 0, 'exit');
      expect(exits).toEqual([0]);
      expect((await readRow(db.orm, id))!.text).toContain('Unsaved when SIGTERM arrived');
      client.destroy();
    } finally {
      await db.dispose();
    }
  });
});
