import { followUpsChannel, FollowUpsStatelessSchema, type FollowUpsStateless } from '@pm/contracts';
import { FollowUp, Incident, User } from '@pm/db';
import { cleanRedisPrefix, uniqueRedisPrefix } from '@pm/testing';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CollabServer } from '../src/server.js';
import { seedIncidentDocument, seedUser } from './access-helpers.js';
import { connect, createTestDb, REDIS_URL, startServer, tokenFor, waitFor, type TestDb } from './helpers.js';

/** Follow-up pushes: the API's announcement reaches every open document of the incident as a stateless message. */
describe('follow-ups pushed to open documents', () => {
  let db: TestDb;
  let collab: CollabServer;
  let redis: Redis;
  const prefix = uniqueRedisPrefix('collab-follow-ups');

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

  /** A connected client that records every follow-ups message it receives. */
  async function open(documentId: string, name: string, userId: string) {
    const client = connect(collab.url, name, await tokenFor(documentId, { sub: userId, name: 'Ada' }));
    const received: FollowUpsStateless[] = [];
    client.provider.on('stateless', ({ payload }: { payload: string }) => {
      const msg = FollowUpsStatelessSchema.safeParse(JSON.parse(payload));
      if (msg.success) received.push(msg.data);
    });
    await waitFor(() => client.synced, 'synced');
    return { client, received };
  }

  it('sends the current list to every connection of the incident and nothing elsewhere', async () => {
    const admin = await seedUser(db.orm, 'admin', 'Ada Admin');
    const a = await seedIncidentDocument(db.orm, admin);
    const other = await seedIncidentDocument(db.orm, admin);
    const first = await open(a.documentId, a.name, admin);
    const second = await open(a.documentId, a.name, admin);
    const elsewhere = await open(other.documentId, other.name, admin);

    const em = db.orm.em.fork();
    em.create(FollowUp, {
      incident: em.getReference(Incident, a.incidentId),
      content: 'Add an alert on queue depth',
      assigneeIds: [admin],
      dueDate: '2027-01-15',
      createdBy: em.getReference(User, admin),
    });
    await em.flush();
    await redis.publish(followUpsChannel(prefix), JSON.stringify({ incidentId: a.incidentId }));

    for (const c of [first, second]) {
      const msg = await waitFor(() => c.received[0], 'follow-ups message', 1000);
      expect(msg.incidentId).toBe(a.incidentId);
      expect(msg.items).toHaveLength(1);
      expect(msg.items[0]).toMatchObject({
        content: 'Add an alert on queue depth',
        dueDate: '2027-01-15',
        status: 'open',
        assignees: [{ id: admin, name: 'Ada Admin' }],
      });
    }
    expect(elsewhere.received).toEqual([]);

    // A deletion pushes the shorter list: the block drops the item instead of keeping a stale copy.
    await db.orm.em.fork().nativeDelete(FollowUp, { incident: a.incidentId });
    await redis.publish(followUpsChannel(prefix), JSON.stringify({ incidentId: a.incidentId }));
    await waitFor(() => first.received[1], 'second message', 1000);
    expect(first.received[1]!.items).toEqual([]);
    expect(elsewhere.received).toEqual([]);
    [first, second, elsewhere].forEach((c) => c.client.destroy());
  });

  it('ignores malformed announcements and keeps serving', async () => {
    const admin = await seedUser(db.orm, 'admin');
    const a = await seedIncidentDocument(db.orm, admin);
    const c = await open(a.documentId, a.name, admin);
    await redis.publish(followUpsChannel(prefix), 'not json');
    await redis.publish(followUpsChannel(prefix), JSON.stringify({ incidentId: 42 }));
    await redis.publish(followUpsChannel(prefix), JSON.stringify({ incidentId: a.incidentId }));
    const msg = await waitFor(() => c.received[0], 'message after the bad ones', 1000);
    expect(msg.items).toEqual([]);
    expect(c.received).toHaveLength(1);
    c.client.destroy();
  });
});
