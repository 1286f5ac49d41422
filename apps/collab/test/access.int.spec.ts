import { incidentAccessChannel } from '@pm/auth';
import { CLOSE_REASON } from '@pm/contracts';
import { Incident } from '@pm/db';
import { cleanRedisPrefix, uniqueRedisPrefix } from '@pm/testing';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REFUSAL } from '../src/refusals.js';
import type { CollabServer } from '../src/server.js';
import { seedIncidentDocument, seedUser, setVisibility } from './access-helpers.js';
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

// Fault scenario 23: an incident switched to private while outsiders have its postmortem open.
describe('incident access inside collab', () => {
  let db: TestDb;
  let collab: CollabServer;
  let redis: Redis;
  const prefix = uniqueRedisPrefix('collab-access');

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

  it('closes outsiders within 5 s when the incident turns private, keeps insiders, refuses reconnects', async () => {
    const admin = await seedUser(db.orm, 'admin', 'Ada Admin');
    const outsider = await seedUser(db.orm, 'standard', 'Sam Standard');
    const { incidentId, documentId, name } = await seedIncidentDocument(db.orm, admin);

    const insiderClient = connect(collab.url, name, await tokenFor(documentId, { sub: admin, name: 'Ada' }));
    const outsiderClient = connect(
      collab.url,
      name,
      await tokenFor(documentId, { sub: outsider, name: 'Sam' }),
    );
    let closeReason = '';
    outsiderClient.provider.on('close', ({ event }: { event: { reason: string } }) => {
      closeReason = event.reason;
    });
    await waitFor(() => insiderClient.synced && outsiderClient.synced, 'both synced');

    await setVisibility(db.orm, incidentId, 'private');
    await redis.publish(incidentAccessChannel(prefix), JSON.stringify({ incidentId }));
    await waitFor(() => closeReason, 'outsider closed', 5000);
    expect(closeReason).toBe(CLOSE_REASON.ACCESS_REVOKED);
    expect(collab.server.hocuspocus.documents.get(name)!.getConnectionsCount()).toBe(1);

    // the outsider's later edits do not reach the document; the insider keeps editing
    appendParagraph(outsiderClient, 'outsider typed after revocation');
    appendParagraph(insiderClient, 'insider still editing');
    await waitFor(() => fragmentText(insiderClient).includes('insider still editing'), 'insider edit');
    await sleep(200);
    const serverText = collab.server.hocuspocus.documents.get(name)!.getXmlFragment('default').toString();
    expect(serverText).toContain('insider still editing');
    expect(serverText).not.toContain('outsider typed');

    // reconnecting with a still-valid token is refused
    const again = connect(collab.url, name, await tokenFor(documentId, { sub: outsider, name: 'Sam' }));
    await waitFor(() => again.authFailed, 'refusal');
    expect(again.authFailed).toBe(REFUSAL.ACCESS_DENIED);
    expect(again.receivedContent).toBe(false);
    [insiderClient, outsiderClient, again].forEach((c) => c.destroy());
  });

  it('refuses at connect a user whose token is valid but whose access is gone', async () => {
    const admin = await seedUser(db.orm, 'admin');
    const reader = await seedUser(db.orm, 'read_only');
    const { incidentId, documentId, name } = await seedIncidentDocument(db.orm, admin);
    await setVisibility(db.orm, incidentId, 'private');
    const client = connect(collab.url, name, await tokenFor(documentId, { sub: reader, ro: true }));
    await waitFor(() => client.authFailed, 'refusal');
    expect(client.authFailed).toBe(REFUSAL.ACCESS_DENIED);
    client.destroy();
    // a responder of the private incident gets in without global access
    await db.orm.em.fork().nativeUpdate(Incident, { id: incidentId }, { responderIds: [reader] });
    const responder = connect(collab.url, name, await tokenFor(documentId, { sub: reader, ro: true }));
    await waitFor(() => responder.synced, 'responder synced');
    responder.destroy();
    // a deleted / unknown user is refused too
    const ghost = connect(collab.url, name, await tokenFor(documentId));
    await waitFor(() => ghost.authFailed, 'refusal');
    expect(ghost.authFailed).toBe(REFUSAL.ACCESS_DENIED);
    ghost.destroy();
  });
});
