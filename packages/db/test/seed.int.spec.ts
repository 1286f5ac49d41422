import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Incident, Template, TimelineEntry, User } from '../src/entities/index.js';
import { verifyPassword } from '../src/password.js';
import { DEMO_CHECKOUT_INCIDENT_TITLE } from '../src/seed/incidents.js';
import { seedDemo } from '../src/seed/seed.js';
import { KINDS, openTestDb, type TestDb } from './helpers.js';

describe.each(KINDS)('seedDemo on %s', (kind) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await openTestDb(kind);
  });
  afterAll(() => db?.dispose());

  it('creates the demo data once and changes nothing on a second call', async () => {
    const first = await seedDemo(db.orm.em);
    expect(first).toMatchObject({ users: 6, incidents: 10, created: true });
    const em = db.orm.em.fork();
    const before = {
      users: await em.count(User),
      incidents: await em.count(Incident),
      entries: await em.count(TimelineEntry),
      templates: await em.count(Template),
    };

    expect(await seedDemo(db.orm.em)).toEqual({ users: 0, incidents: 0, templates: 0, created: false });
    const after = {
      users: await em.count(User),
      incidents: await em.count(Incident),
      entries: await em.count(TimelineEntry),
      templates: await em.count(Template),
    };
    expect(after).toEqual(before);
  });

  it('makes the checkout incident the first resolved SEV-2, #1, with a realistic timeline', async () => {
    const em = db.orm.em.fork();
    const first = await em.findOneOrFail(
      Incident,
      { severity: 'SEV-2', status: 'resolved' },
      { orderBy: { publicId: 'asc' }, populate: ['timeline'] },
    );
    expect(first.title).toBe(DEMO_CHECKOUT_INCIDENT_TITLE);
    expect(first.publicId).toBe(1);
    expect(first.timeline.length).toBeGreaterThanOrEqual(10);
    const items = first.timeline.getItems();
    expect(
      items.some((t) => t.kind === 'update') &&
        items.some((t) => t.kind === 'note') &&
        items.some((t) => t.important),
    ).toBe(true);
    // timeline is ordered by occurredAt
    const times = items.map((t) => t.occurredAt.getTime());
    expect([...times].sort((a, b) => a - b)).toEqual(times);
  });

  it('covers the shapes the UI needs: public ids 1..10, one private, every status and severity', async () => {
    const incidents = await db.orm.em
      .fork()
      .find(Incident, {}, { orderBy: { publicId: 'asc' }, populate: ['timeline', 'impacts', 'responders'] });
    expect(incidents.map((i) => i.publicId)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(incidents.filter((i) => i.visibility === 'private')).toHaveLength(1);
    expect(new Set(incidents.map((i) => i.status))).toEqual(
      new Set(['active', 'stable', 'resolved', 'completed']),
    );
    expect(new Set(incidents.map((i) => i.severity))).toEqual(
      new Set(['SEV-1', 'SEV-2', 'SEV-3', 'SEV-4', 'SEV-5', 'UNKNOWN']),
    );
    for (const i of incidents) {
      expect(i.timeline.length).toBeGreaterThanOrEqual(10);
      expect(i.timeline.length).toBeLessThanOrEqual(40);
      expect(i.resolvedAt === null).toBe(i.status === 'active' || i.status === 'stable');
      expect(i.impacts.length).toBeGreaterThan(0);
      // the denormalised access list mirrors the responders table, and the commander is on the team
      expect([...i.responderIds].sort()).toEqual(
        i.responders
          .getItems()
          .map((r) => r.user.id)
          .sort(),
      );
      expect(i.responderIds).toContain(i.commander!.id);
    }
    const priv = incidents.find((i) => i.visibility === 'private')!;
    const sam = await db.orm.em.fork().findOneOrFail(User, { email: 'standard@example.com' });
    const marco = await db.orm.em.fork().findOneOrFail(User, { email: 'marco@example.com' });
    expect(priv.responderIds).toContain(marco.id);
    expect(priv.responderIds).not.toContain(sam.id);
  });

  it('creates the default template with the documented variables and sections', async () => {
    const [tpl, ...rest] = await db.orm.em.fork().find(Template, { isDefault: true });
    expect(rest).toHaveLength(0);
    expect(tpl).toMatchObject({ name: 'Postmortem (classic)', destination: 'notebook' });
    for (const v of ['title', 'severity', 'status', 'commander', 'timeline'])
      expect(tpl!.content).toContain(`{{incident.${v}}}`);
    for (const s of ['Summary', 'Impact', 'Timeline', 'Root cause', 'Follow-ups'])
      expect(tpl!.content).toMatch(new RegExp(`^## ${s}$`, 'm'));
  });

  it('creates the demo users (one per role plus three engineers) whose password is postmortem-demo', async () => {
    const users = await db.orm.em
      .fork()
      .find(User, {}, { orderBy: { email: 'asc' }, populate: ['passwordHash'] });
    expect(users.map((u) => [u.email, u.name, u.role])).toEqual([
      ['admin@example.com', 'Ada Admin', 'admin'],
      ['lena@example.com', 'Lena Vogel', 'standard'],
      ['marco@example.com', 'Marco Silva', 'standard'],
      ['priya@example.com', 'Priya Natarajan', 'standard'],
      ['readonly@example.com', 'Rita Reader', 'read_only'],
      ['standard@example.com', 'Sam Standard', 'standard'],
    ]);
    expect(await verifyPassword('postmortem-demo', users[0]!.passwordHash)).toBe(true);
    expect(await verifyPassword('wrong', users[0]!.passwordHash)).toBe(false);
  });
});
