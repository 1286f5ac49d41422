import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordDomainEvent } from '../src/domain-events.js';
import { DomainEvent, User } from '../src/entities/index.js';
import { seedDemo } from '../src/seed/seed.js';
import { KINDS, openTestDb, type TestDb } from './helpers.js';

describe.each(KINDS)('domain events on %s', (kind) => {
  let db: TestDb;
  let adaId: string;
  beforeAll(async () => {
    db = await openTestDb(kind);
    await seedDemo(db.orm.em);
    adaId = (await db.orm.em.fork().findOneOrFail(User, { email: 'admin@example.com' })).id;
  });
  afterAll(() => db?.dispose());

  it('is written with the change in one transaction, in insertion order, with the actor named', async () => {
    const postmortemId = randomUUID();
    await db.orm.em.fork().transactional(async (em) => {
      await recordDomainEvent(em, {
        type: 'postmortem.status_changed',
        postmortemId,
        actorId: adaId,
        requestId: 'req-1',
        before: { status: 'draft' },
        after: { status: 'in_review' },
      });
      await recordDomainEvent(em, { type: 'postmortem.owner_changed', postmortemId, actorId: null });
    });
    const rows = await db.orm.em.fork().find(DomainEvent, { postmortemId }, { orderBy: { seq: 'asc' } });
    expect(rows.map((r) => r.type)).toEqual(['postmortem.status_changed', 'postmortem.owner_changed']);
    expect(rows[0]).toMatchObject({
      actorName: 'Ada Admin',
      requestId: 'req-1',
      after: { status: 'in_review' },
    });
    expect(rows[1]!.seq).toBeGreaterThan(rows[0]!.seq);
    expect(rows[1]!.actorName).toBeNull();
  });

  it('is not written when the transaction fails', async () => {
    const postmortemId = randomUUID();
    await expect(
      db.orm.em.fork().transactional(async (em) => {
        await recordDomainEvent(em, { type: 'postmortem.removed', postmortemId });
        await em.flush();
        throw new Error('change failed');
      }),
    ).rejects.toThrow('change failed');
    expect(await db.orm.em.fork().count(DomainEvent, { postmortemId })).toBe(0);
  });

  it('refuses an unknown type (a producer bug)', async () => {
    await expect(recordDomainEvent(db.orm.em.fork(), { type: 'nope.nope' as never })).rejects.toThrow();
  });

  it('is append-only: the database refuses a raw UPDATE and DELETE', async () => {
    const postmortemId = randomUUID();
    const em = db.orm.em.fork();
    await recordDomainEvent(em, { type: 'postmortem.attached', postmortemId, actorId: adaId });
    await em.flush();
    const conn = db.orm.em.getConnection();
    await expect(
      conn.execute(`update domain_events set actor_name = 'Mallory' where postmortem_id = '${postmortemId}'`),
    ).rejects.toThrow(/append-only/);
    await expect(
      conn.execute(`delete from domain_events where postmortem_id = '${postmortemId}'`),
    ).rejects.toThrow(/append-only/);
    const row = await db.orm.em.fork().findOneOrFail(DomainEvent, { postmortemId });
    expect(row.actorName).toBe('Ada Admin');
  });
});
