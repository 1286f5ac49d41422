// Issue 15.4 "freeze": a Completed postmortem's document is read-only for everyone. Writable tokens issued before
// completion connect read-only, and open writable connections turn read-only when the API announces the change.
import { incidentAccessChannel } from '@pm/auth';
import { Postmortem } from '@pm/db';
import { cleanRedisPrefix, uniqueRedisPrefix } from '@pm/testing';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CollabServer } from '../src/server.js';
import { seedIncidentDocument, seedUser } from './access-helpers.js';
import {
  appendParagraph,
  connect,
  createTestDb,
  fragmentText,
  REDIS_URL,
  sleep,
  startServer,
  tokenFor,
  waitFor,
  type TestDb,
} from './helpers.js';

describe('Completed postmortems are frozen in collab', () => {
  let db: TestDb;
  let collab: CollabServer;
  let redis: Redis;
  const prefix = uniqueRedisPrefix('collab-freeze');

  beforeAll(async () => {
    db = await createTestDb('sqlite');
    redis = new Redis(REDIS_URL);
    collab = await startServer(db, { REDIS_PREFIX: prefix });
  });
  afterAll(async () => {
    await collab?.stop();
    await cleanRedisPrefix(redis, prefix);
    redis.disconnect();
    await db?.dispose();
  });

  const serverText = (name: string) =>
    collab.server.hocuspocus.documents.get(name)!.getXmlFragment('default').toString();

  it('drops edits of open writable connections once completion is announced, and of new writable tokens', async () => {
    const admin = await seedUser(db.orm, 'admin', 'Ada Admin');
    const { incidentId, documentId, name } = await seedIncidentDocument(db.orm, admin);
    const writer = connect(collab.url, name, await tokenFor(documentId, { sub: admin, name: 'Ada' }));
    await waitFor(() => writer.synced, 'synced');
    appendParagraph(writer, 'before completion');
    await waitFor(() => serverText(name).includes('before completion'), 'edit stored');

    await db.orm.em.fork().nativeUpdate(Postmortem, { document: documentId }, { status: 'completed' });
    await redis.publish(incidentAccessChannel(prefix), JSON.stringify({ incidentId }));
    const conn = () => [...collab.server.hocuspocus.documents.get(name)!.getConnections()][0]!;
    await waitFor(() => conn().readOnly, 'connection turned read-only', 5000);
    appendParagraph(writer, 'typed after completion');
    await sleep(300);
    expect(serverText(name)).not.toContain('typed after completion');

    // A writable token issued before completion connects read-only.
    const late = connect(collab.url, name, await tokenFor(documentId, { sub: admin, name: 'Ada' }));
    await waitFor(() => late.synced, 'late synced');
    appendParagraph(late, 'late writer');
    await sleep(300);
    expect(serverText(name)).not.toContain('late writer');
    expect(fragmentText(late)).toContain('before completion');
    [writer, late].forEach((c) => c.destroy());
  });
});
