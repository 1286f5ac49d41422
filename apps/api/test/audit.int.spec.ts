// Audit trail: every change through the API writes exactly one domain event (actor, request id, before → after),
// and admins read them per incident and globally (filters, cursor pages, CSV / JSON export), on both databases.
import { randomUUID } from 'node:crypto';
import { DEMO_CHECKOUT_INCIDENT_TITLE, DomainEvent, Incident, User } from '@pm/db';
import { cleanRedisPrefix, testConfig } from '@pm/testing';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditService } from '../src/modules/audit/audit.service.js';
import type { AuthUser } from '../src/modules/auth/auth.decorators.js';
import { startApi, type Harness } from './harness.js';

describe.each(['sqlite', 'postgresql'] as const)('audit trail on %s', (kind) => {
  let h: Harness;
  let sam: string;
  let admin: string;
  let incidentId: string;
  let privateId: string;
  let templateId: string;
  let users: Record<string, string>;
  const auth = (t: string) => ({ authorization: `Bearer ${t}` });

  beforeAll(async () => {
    h = await startApi(kind);
    [sam, admin] = await Promise.all([h.login('standard@example.com'), h.login('admin@example.com')]);
    const em = h.db.orm.em.fork();
    incidentId = (await em.findOneOrFail(Incident, { title: DEMO_CHECKOUT_INCIDENT_TITLE })).id;
    privateId = (await em.findOneOrFail(Incident, { visibility: 'private' })).id;
    users = Object.fromEntries((await em.find(User, {})).map((u) => [u.handle, u.id]));
    const templates = await h.http().get('/templates').set(auth(sam)).expect(200);
    templateId = templates.body.items.find((t: { isDefault: boolean }) => t.isDefault).id;
  });

  afterAll(async () => {
    const redis = new Redis(testConfig().redisUrl);
    await cleanRedisPrefix(redis, `{${h.prefix}}`);
    redis.disconnect();
    await h?.close();
  });

  /** Events written by `fn`: the rows with a seq above the last one before it. */
  async function eventsOf(fn: () => Promise<unknown>): Promise<DomainEvent[]> {
    const last = await h.db.orm.em
      .fork()
      .findOne(DomainEvent, { seq: { $gt: 0 } }, { orderBy: { seq: 'desc' } });
    await fn();
    return h.db.orm.em
      .fork()
      .find(DomainEvent, { seq: { $gt: last?.seq ?? 0 } }, { orderBy: { seq: 'asc' } });
  }
  const attach = (token: string, title: string, id = incidentId) =>
    h
      .http()
      .post(`/incidents/${id}/postmortems/attachments`)
      .set(auth(token))
      .send({ title, url: 'https://docs.example.com/pm' })
      .expect(201);

  it('records generation requested, status, owner, title, attach and remove with actor, request id and before → after', async () => {
    let pmId = '';
    const [gen] = await eventsOf(async () => {
      const res = await h
        .http()
        .post(`/incidents/${incidentId}/postmortems`)
        .set(auth(sam))
        .set('idempotency-key', randomUUID())
        .set('x-request-id', 'req-generate-1')
        .send({ templateId })
        .expect(202);
      pmId = res.body.id;
    });
    expect(gen).toMatchObject({
      type: 'postmortem.generation_requested',
      incidentId,
      postmortemId: pmId,
      templateId,
      actorId: users.sam,
      actorName: 'Sam Standard',
      requestId: 'req-generate-1',
    });

    const patch = (body: object, token = sam) =>
      eventsOf(() =>
        h
          .http()
          .patch(`/postmortems/${pmId}`)
          .set(auth(token))
          .set('x-request-id', 'req-p')
          .send(body)
          .expect(200),
      );
    const status = await patch({ status: 'in_review' });
    expect(status).toHaveLength(1);
    expect(status[0]).toMatchObject({
      type: 'postmortem.status_changed',
      actorName: 'Sam Standard',
      requestId: 'req-p',
      before: { status: 'draft' },
      after: { status: 'in_review' },
    });
    const owner = await patch({ ownerId: users.priya }, admin);
    expect(owner).toHaveLength(1);
    expect(owner[0]).toMatchObject({
      type: 'postmortem.owner_changed',
      actorName: 'Ada Admin',
      before: { ownerId: users.sam, ownerName: 'Sam Standard' },
      after: { ownerId: users.priya, ownerName: 'Priya Natarajan' },
    });
    const title = await patch({ title: 'Renamed' });
    expect(title.map((e) => e.type)).toEqual(['postmortem.title_changed']);
    // Re-sending the same values is no change: no event.
    expect(await patch({ status: 'in_review', title: 'Renamed' })).toHaveLength(0);

    let attachedId = '';
    const attached = await eventsOf(async () => {
      attachedId = (await attach(sam, 'Linked doc')).body.id;
    });
    expect(attached).toHaveLength(1);
    expect(attached[0]).toMatchObject({
      type: 'postmortem.attached',
      postmortemId: attachedId,
      actorName: 'Sam Standard',
      after: { title: 'Linked doc', url: 'https://docs.example.com/pm' },
    });
    const removed = await eventsOf(() =>
      h.http().delete(`/incidents/${incidentId}/postmortems/${attachedId}`).set(auth(admin)).expect(204),
    );
    expect(removed).toHaveLength(1);
    expect(removed[0]).toMatchObject({
      type: 'postmortem.removed',
      actorName: 'Ada Admin',
      data: { title: 'Linked doc', url: 'https://docs.example.com/pm' },
    });
  });

  it('records follow-ups created, updated, done and deleted', async () => {
    let fid = '';
    const created = await eventsOf(async () => {
      fid = (
        await h
          .http()
          .post(`/incidents/${incidentId}/follow-ups`)
          .set(auth(sam))
          .send({ content: 'Add alert', assigneeIds: [] })
          .expect(201)
      ).body.id;
    });
    expect(created).toHaveLength(1);
    expect(created[0]).toMatchObject({
      type: 'follow_up.created',
      followUpId: fid,
      after: { content: 'Add alert' },
    });
    const edit = (body: object) =>
      eventsOf(() => h.http().patch(`/follow-ups/${fid}`).set(auth(sam)).send(body).expect(200));
    const updated = await edit({ content: 'Add paging alert' });
    expect(updated).toHaveLength(1);
    expect(updated[0]).toMatchObject({
      type: 'follow_up.updated',
      before: { content: 'Add alert' },
      after: { content: 'Add paging alert' },
    });
    const done = await edit({ status: 'done' });
    expect(done.map((e) => [e.type, e.before, e.after])).toEqual([
      ['follow_up.done', { status: 'open' }, { status: 'done' }],
    ]);
    const deleted = await eventsOf(() => h.http().delete(`/follow-ups/${fid}`).set(auth(admin)).expect(204));
    expect(deleted).toHaveLength(1);
    expect(deleted[0]).toMatchObject({ type: 'follow_up.deleted', actorName: 'Ada Admin', followUpId: fid });
  });

  it('records templates created, updated and deleted (no incident)', async () => {
    let tid = '';
    const created = await eventsOf(async () => {
      tid = (
        await h
          .http()
          .post('/templates')
          .set(auth(admin))
          .send({ name: 'Audit tpl', content: '# Hi' })
          .expect(201)
      ).body.id;
    });
    expect(created).toHaveLength(1);
    expect(created[0]).toMatchObject({ type: 'template.created', templateId: tid, incidentId: null });
    const updated = await eventsOf(() =>
      h.http().patch(`/templates/${tid}`).set(auth(admin)).send({ name: 'Audit tpl 2' }).expect(200),
    );
    expect(updated[0]).toMatchObject({
      type: 'template.updated',
      before: { name: 'Audit tpl' },
      after: { name: 'Audit tpl 2' },
    });
    expect(updated).toHaveLength(1);
    const deleted = await eventsOf(() => h.http().delete(`/templates/${tid}`).set(auth(admin)).expect(204));
    expect(deleted.map((e) => e.type)).toEqual(['template.deleted']);
  });

  it('lists entries for admins with filters and cursor pages; per incident too; others are refused', async () => {
    await h.http().get('/audit').set(auth(sam)).expect(403);
    const all = await h.http().get('/audit').query({ limit: 200 }).set(auth(admin)).expect(200);
    expect(all.body.items.length).toBeGreaterThan(5);
    const seqs = all.body.items.map((e: { seq: number }) => e.seq);
    expect([...seqs].sort((a, b) => b - a)).toEqual(seqs);

    const byType = await h
      .http()
      .get('/audit')
      .query({ type: 'postmortem.status_changed,postmortem.owner_changed' })
      .set(auth(admin))
      .expect(200);
    expect(byType.body.items.map((e: { type: string }) => e.type).sort()).toEqual([
      'postmortem.owner_changed',
      'postmortem.status_changed',
    ]);
    expect(byType.body.items[0]).toMatchObject({
      incidentPublicId: expect.any(Number),
      incidentTitle: DEMO_CHECKOUT_INCIDENT_TITLE,
    });
    const byActor = await h
      .http()
      .get('/audit')
      .query({ actorId: users.ada, limit: 200 })
      .set(auth(admin))
      .expect(200);
    expect(byActor.body.items.every((e: { actorName: string }) => e.actorName === 'Ada Admin')).toBe(true);
    const future = await h
      .http()
      .get('/audit')
      .query({ from: '2999-01-01T00:00:00Z' })
      .set(auth(admin))
      .expect(200);
    expect(future.body.items).toEqual([]);
    await h.http().get('/audit').query({ type: 'nope' }).set(auth(admin)).expect(400);

    // Cursor pages cover everything exactly once.
    const seen: number[] = [];
    let cursor: number | null | undefined;
    do {
      const page = await h
        .http()
        .get('/audit')
        .query({ limit: 2, ...(cursor ? { cursor } : {}) })
        .set(auth(admin))
        .expect(200);
      seen.push(...page.body.items.map((e: { seq: number }) => e.seq));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(seqs);

    const perIncident = await h.http().get(`/incidents/${incidentId}/audit`).set(auth(admin)).expect(200);
    expect(perIncident.body.items.length).toBeGreaterThan(0);
    expect(perIncident.body.items.every((e: { incidentId: string }) => e.incidentId === incidentId)).toBe(
      true,
    );
    await h.http().get(`/incidents/${randomUUID()}/audit`).set(auth(admin)).expect(404);
  });

  it('hides entries of a private incident from a reader who cannot see it now', async () => {
    const marco = await h.login('marco@example.com');
    await attach(marco, 'Private doc', privateId);
    const svc = h.app.get(AuditService);
    const reader = (perms: string[]): AuthUser =>
      ({
        id: users.rita,
        email: 'x',
        name: 'x',
        handle: 'x',
        role: 'admin',
        permissions: new Set(perms),
        sessionId: 's',
      }) as AuthUser;
    const withGlobal = await svc.list(
      reader(['incidents_read', 'audit_read', 'private_incidents_global_access']),
      { limit: 200 },
    );
    expect(withGlobal.items.some((e) => e.incidentId === privateId)).toBe(true);
    const without = await svc.list(reader(['incidents_read', 'audit_read']), { limit: 200 });
    expect(without.items.some((e) => e.incidentId === privateId)).toBe(false);
    // Organization incidents and template entries stay visible.
    expect(without.items.some((e) => e.incidentId === incidentId)).toBe(true);
    expect(without.items.some((e) => e.type === 'template.created')).toBe(true);
    await expect(
      svc.forIncident(reader(['incidents_read', 'audit_read']), privateId, { limit: 10 }),
    ).rejects.toThrow();
  });

  it('exports CSV (spreadsheet-safe, quoted) and JSON with the same filters', async () => {
    await attach(sam, '=HYPERLINK("http://evil.example","click"), ok');
    const csv = await h
      .http()
      .get('/audit/export')
      .query({ format: 'csv', type: 'postmortem.attached' })
      .set(auth(admin))
      .expect(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toMatch(/attachment; filename="audit-.*\.csv"/);
    const lines = csv.text.trim().split('\r\n');
    expect(lines[0]).toBe(
      'seq,id,createdAt,type,incidentId,incidentPublicId,postmortemId,followUpId,templateId,actorId,actorName,requestId,before,after,data',
    );
    expect(lines.slice(1).every((l) => l.includes(',postmortem.attached,'))).toBe(true);
    // The title is inside the JSON cell (starts with "{"); a cell that starts with "=" would get a quote.
    expect(csv.text).toContain('""title"":""=HYPERLINK(\\""http://evil.example\\"",\\""click\\""), ok""');
    const json = await h
      .http()
      .get('/audit/export')
      .query({ format: 'json', actorId: users.sam, type: 'postmortem.attached' })
      .set(auth(admin))
      .expect(200);
    const rows = JSON.parse(json.text);
    expect(rows.length).toBeGreaterThan(0);
    expect(
      rows.every(
        (r: { actorName: string; type: string }) =>
          r.actorName === 'Sam Standard' && r.type === 'postmortem.attached',
      ),
    ).toBe(true);
    await h.http().get('/audit/export').set(auth(sam)).expect(403);
  });
});
