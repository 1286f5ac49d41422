import { DEMO_CHECKOUT_INCIDENT_TITLE } from '@pm/db';
import { cleanRedisPrefix, testConfig, waitFor } from '@pm/testing';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type Harness } from './harness.js';

describe.each(['sqlite', 'postgresql'] as const)('follow-ups on %s', (kind) => {
  let h: Harness;
  const t: Record<'admin' | 'sam' | 'rita' | 'marco', string> = {} as never;
  const ids: Record<string, string> = {};
  let checkoutId: string;
  let privateId: string;
  const auth = (tok: string) => ({ authorization: `Bearer ${tok}` });

  beforeAll(async () => {
    h = await startApi(kind);
    const emails = { admin: 'admin', sam: 'standard', rita: 'readonly', marco: 'marco' };
    for (const [k, v] of Object.entries(emails)) t[k as keyof typeof t] = await h.login(`${v}@example.com`);
    const users = await h.http().get('/users').set(auth(t.admin)).expect(200);
    for (const u of users.body.items) ids[u.handle] = u.id;
    const all = await h.http().get('/incidents').set(auth(t.admin)).expect(200);
    checkoutId = all.body.items.find((i: { title: string }) => i.title === DEMO_CHECKOUT_INCIDENT_TITLE).id;
    privateId = all.body.items.find((i: { visibility: string }) => i.visibility === 'private').id;
  });
  afterAll(async () => {
    const redis = new Redis(testConfig().redisUrl);
    await cleanRedisPrefix(redis, `{${h.prefix}}`);
    redis.disconnect();
    await h?.close();
  });

  const add = (tok: string, incidentId: string, body: Record<string, unknown>) =>
    h.http().post(`/incidents/${incidentId}/follow-ups`).set(auth(tok)).send(body);
  const timeline = async (incidentId: string) =>
    (await h.http().get(`/incidents/${incidentId}/timeline`).set(auth(t.admin)).expect(200)).body.items as {
      content: string;
      authorName: string | null;
      authorId: string | null;
    }[];

  it('creates an open item with assignees and due date, lists it, and writes the timeline with the author', async () => {
    const created = await add(t.sam, checkoutId, {
      content: 'Add an alert on payment error rate',
      assigneeIds: [ids.marco, ids.sam],
      dueDate: '2026-12-15',
    }).expect(201);
    expect(created.body).toMatchObject({
      status: 'open',
      completedAt: null,
      dueDate: '2026-12-15',
      createdBy: { handle: 'sam' },
      modifiedBy: { handle: 'sam' },
    });
    expect(created.body.assignees.map((a: { handle: string }) => a.handle)).toEqual(['marco', 'sam']);
    const list = await h.http().get(`/incidents/${checkoutId}/follow-ups`).set(auth(t.rita)).expect(200);
    expect(list.body.items.map((f: { id: string }) => f.id)).toContain(created.body.id);
    const entry = (await timeline(checkoutId)).find((e) => e.content.includes('Add an alert on payment'));
    expect(entry).toMatchObject({ authorName: 'Sam Standard', authorId: ids.sam });
    expect(entry!.content).toMatch(/^Follow-up added: .*assigned to Marco.*due 2026-12-15/);
  });

  it('marks done (time and who), reopens, reassigns, re-dates and edits — each change on the timeline', async () => {
    const f = (await add(t.sam, checkoutId, { content: 'Runbook for payments rollback' }).expect(201)).body;
    const done = await h
      .http()
      .patch(`/follow-ups/${f.id}`)
      .set(auth(t.marco))
      .send({ status: 'done' })
      .expect(200);
    expect(done.body.status).toBe('done');
    expect(Date.parse(done.body.completedAt)).toBeGreaterThan(Date.now() - 60_000);
    expect(done.body.completedBy.handle).toBe('marco');
    const reopened = await h.http().patch(`/follow-ups/${f.id}`).set(auth(t.sam)).send({ status: 'open' });
    expect(reopened.body).toMatchObject({ status: 'open', completedAt: null, completedBy: null });
    await h
      .http()
      .patch(`/follow-ups/${f.id}`)
      .set(auth(t.sam))
      .send({ content: 'Runbook for payment rollbacks', assigneeIds: [ids.marco], dueDate: '2027-01-10' })
      .expect(200);
    const mine = (content: string) => content.includes('Runbook for payment');
    const entries = (await timeline(checkoutId)).filter((e) => mine(e.content)).map((e) => e.content);
    expect(entries).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/marked done$/),
        expect.stringMatching(/reopened$/),
        expect.stringMatching(/edited to "Runbook for payment rollbacks"$/),
        expect.stringMatching(/assigned to Marco/),
        expect.stringMatching(/due date set to 2027-01-10$/),
      ]),
    );
    const marked = (await timeline(checkoutId)).find((e) => /Runbook.*marked done$/.test(e.content));
    expect(marked?.authorId).toBe(ids.marco);
  });

  it('filters by status and by "mine"; deleting removes it from the list and records who deleted it', async () => {
    const a = (await add(t.sam, checkoutId, { content: 'Mine open', assigneeIds: [ids.rita] }).expect(201))
      .body;
    const b = (await add(t.sam, checkoutId, { content: 'Not mine, done' }).expect(201)).body;
    await h.http().patch(`/follow-ups/${b.id}`).set(auth(t.sam)).send({ status: 'done' }).expect(200);
    const get = async (q: string) =>
      (
        await h.http().get(`/incidents/${checkoutId}/follow-ups?${q}`).set(auth(t.rita)).expect(200)
      ).body.items.map((f: { id: string }) => f.id);
    expect(await get('mine=true')).toEqual([a.id]);
    expect(await get('status=done')).toContain(b.id);
    expect(await get('status=done')).not.toContain(a.id);
    expect(await get('status=open')).toContain(a.id);
    await h.http().delete(`/follow-ups/${a.id}`).set(auth(t.sam)).expect(204);
    expect(await get('status=all')).not.toContain(a.id);
    await h.http().patch(`/follow-ups/${a.id}`).set(auth(t.sam)).send({ status: 'done' }).expect(404);
    const deleted = (await timeline(checkoutId)).find((e) => e.content === 'Follow-up "Mine open" deleted');
    expect(deleted?.authorId).toBe(ids.sam);
  });

  it("hides a private incident's follow-ups from outsiders with 404 and refuses read-only writers", async () => {
    const f = (await add(t.marco, privateId, { content: 'Rotate the leaked key' }).expect(201)).body;
    const list = await h.http().get(`/incidents/${privateId}/follow-ups`).set(auth(t.sam)).expect(404);
    expect(list.body.code).toBe('INCIDENT_NOT_FOUND');
    const patch = await h
      .http()
      .patch(`/follow-ups/${f.id}`)
      .set(auth(t.sam))
      .send({ status: 'done' })
      .expect(404);
    expect(patch.body.code).toBe('FOLLOW_UP_NOT_FOUND');
    await h.http().delete(`/follow-ups/${f.id}`).set(auth(t.sam)).expect(404);
    await add(t.sam, privateId, { content: 'x' }).expect(404);
    await add(t.rita, checkoutId, { content: 'read-only cannot add' }).expect(403);
    const still = await h.http().get(`/incidents/${privateId}/follow-ups`).set(auth(t.marco)).expect(200);
    expect(still.body.items[0]).toMatchObject({ id: f.id, status: 'open' });
  });

  it('rejects empty or oversized content, unknown assignees and bad dates without creating anything', async () => {
    const before = (await h.http().get(`/incidents/${checkoutId}/follow-ups`).set(auth(t.sam))).body.items
      .length;
    expect((await add(t.sam, checkoutId, { content: '  ' }).expect(400)).body.code).toBe('VALIDATION_FAILED');
    await add(t.sam, checkoutId, { content: 'x'.repeat(2001) }).expect(400);
    await add(t.sam, checkoutId, { content: 'ok', dueDate: '2026-13-45' }).expect(400);
    const unknown = await add(t.sam, checkoutId, {
      content: 'ok',
      assigneeIds: ['00000000-0000-4000-8000-000000000000'],
    }).expect(404);
    expect(unknown.body.code).toBe('USER_NOT_FOUND');
    const after = (await h.http().get(`/incidents/${checkoutId}/follow-ups`).set(auth(t.sam))).body.items
      .length;
    expect(after).toBe(before);
  });

  it('announces every change on the follow-ups channel after it is committed', async () => {
    const sub = new Redis(testConfig().redisUrl);
    const got: string[] = [];
    await sub.subscribe(`${h.prefix}:follow-ups`);
    sub.on('message', (_c, m) => got.push(JSON.parse(m).incidentId));
    try {
      const f = (await add(t.sam, checkoutId, { content: 'Announce me' }).expect(201)).body;
      await waitFor(() => (got.length >= 1 ? true : null));
      await h.http().patch(`/follow-ups/${f.id}`).set(auth(t.sam)).send({ status: 'done' }).expect(200);
      await h.http().delete(`/follow-ups/${f.id}`).set(auth(t.sam)).expect(204);
      await waitFor(() => (got.length >= 3 ? true : null));
      expect(got.slice(0, 3)).toEqual([checkoutId, checkoutId, checkoutId]);
    } finally {
      sub.disconnect();
    }
  });

  it('renders {{incident.follow-ups}} from the real follow-ups', async () => {
    const r = await h
      .http()
      .post('/templates/preview')
      .set(auth(t.marco))
      .send({ content: '{{incident.follow-ups}}', incidentId: privateId })
      .expect(200);
    expect(JSON.stringify(r.body.doc)).toContain('Rotate the leaked key');
  });
});
