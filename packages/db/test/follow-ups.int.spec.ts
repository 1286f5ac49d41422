import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FollowUp, Incident, User } from '../src/entities/index.js';
import { loadFollowUps, withCurrentFollowUps } from '../src/follow-ups.js';
import { loadIncidentContext } from '../src/incident-context.js';
import { DEMO_CHECKOUT_INCIDENT_TITLE } from '../src/seed/incidents.js';
import { seedDemo } from '../src/seed/seed.js';
import { KINDS, openTestDb, type TestDb } from './helpers.js';

describe.each(KINDS)('follow-ups on %s', (kind) => {
  let db: TestDb;
  let incidentId: string;
  beforeAll(async () => {
    db = await openTestDb(kind);
    await seedDemo(db.orm.em);
    const em = db.orm.em.fork();
    const incident = await em.findOneOrFail(Incident, { title: DEMO_CHECKOUT_INCIDENT_TITLE });
    incidentId = incident.id;
    const ada = await em.findOneOrFail(User, { email: 'admin@example.com' });
    const sam = await em.findOneOrFail(User, { email: 'standard@example.com' });
    em.create(FollowUp, { incident, content: 'Second', position: 2, assigneeIds: [sam.id, ada.id] });
    em.create(FollowUp, { incident, content: 'First', position: 1, dueDate: '2027-02-01', status: 'done' });
    await em.flush();
  });
  afterAll(() => db?.dispose());

  it('lists in position order with assignees resolved in the order given', async () => {
    const items = await loadFollowUps(db.orm.em.fork(), incidentId);
    expect(items.map((f) => f.content)).toEqual(['First', 'Second']);
    expect(items[1]!.assignees.map((a) => a.name)).toEqual(['Sam Standard', 'Ada Admin']);
    expect(items[0]).toMatchObject({ dueDate: '2027-02-01', status: 'done', tracker: null });
  });

  it('puts the real follow-ups in the render context', async () => {
    const { ctx } = await loadIncidentContext(db.orm.em.fork(), incidentId);
    expect(ctx.incident.followUps).toEqual([
      expect.objectContaining({ content: 'First', dueDate: '2027-02-01', done: true, assignee: null }),
      expect.objectContaining({ content: 'Second', assignee: 'Sam Standard, Ada Admin', done: false }),
    ]);
  });

  it('refreshes a stale block snapshot to the current list for exports', async () => {
    const stale = {
      type: 'doc',
      content: [
        { type: 'followUps', attrs: { incidentId, items: [{ content: 'Deleted long ago', done: false }] } },
      ],
    };
    const fresh = await withCurrentFollowUps(db.orm.em.fork(), stale);
    const items = fresh.content![0]!.attrs!['items'] as { content: string }[];
    expect(items.map((f) => f.content)).toEqual(['First', 'Second']);
  });
});
