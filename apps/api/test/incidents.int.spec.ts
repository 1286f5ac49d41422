import { DEMO_CHECKOUT_INCIDENT_TITLE } from '@pm/db';
import { cleanRedisPrefix, testConfig, waitFor } from '@pm/testing';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type Harness } from './harness.js';

describe.each(['sqlite', 'postgresql'] as const)('incidents, people and access on %s', (kind) => {
  let h: Harness;
  const t: Record<'admin' | 'sam' | 'rita' | 'marco' | 'priya', string> = {} as never;
  const ids: Record<string, string> = {};
  let checkoutId: string;
  let privateId: string;
  const auth = (tok: string) => ({ authorization: `Bearer ${tok}` });

  beforeAll(async () => {
    h = await startApi(kind);
    const emails = { admin: 'admin', sam: 'standard', rita: 'readonly', marco: 'marco', priya: 'priya' };
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

  const create = async (body: Record<string, unknown> = {}) =>
    (
      await h
        .http()
        .post('/incidents')
        .set(auth(t.sam))
        .send({ title: 'Cache stampede on product pages', severity: 'SEV-3', ...body })
        .expect(201)
    ).body;

  it('shows a private incident to its responders and global-access holders only; lists and counts agree', async () => {
    await h.http().get(`/incidents/${privateId}`).set(auth(t.marco)).expect(200);
    await h.http().get(`/incidents/${privateId}`).set(auth(t.admin)).expect(200);
    const denied = await h.http().get(`/incidents/${privateId}`).set(auth(t.sam)).expect(404);
    expect(denied.body.code).toBe('INCIDENT_NOT_FOUND');
    await h.http().get(`/incidents/${privateId}/timeline`).set(auth(t.sam)).expect(404);
    await h.http().get(`/incidents/${privateId}/responders`).set(auth(t.sam)).expect(404);
    const marcoList = await h.http().get('/incidents').set(auth(t.marco)).expect(200);
    const samList = await h.http().get('/incidents').set(auth(t.sam)).expect(200);
    expect(marcoList.body.items.map((i: { id: string }) => i.id)).toContain(privateId);
    expect(samList.body.items.map((i: { id: string }) => i.id)).not.toContain(privateId);
    expect(marcoList.body.total).toBe(samList.body.total + 1);
    const privOnly = await h.http().get('/incidents?visibility=private').set(auth(t.sam)).expect(200);
    expect(privOnly.body.total).toBe(0);
  });

  it('filters the list by status, severity, visibility and text (title or #id)', async () => {
    const r = await h.http().get('/incidents?status=resolved&severity=SEV-2').set(auth(t.admin)).expect(200);
    expect(
      r.body.items.every(
        (i: { status: string; severity: string }) => i.status === 'resolved' && i.severity === 'SEV-2',
      ),
    ).toBe(true);
    const byText = await h.http().get('/incidents?text=checkout').set(auth(t.rita)).expect(200);
    expect(byText.body.items.map((i: { id: string }) => i.id)).toContain(checkoutId);
    const byId = await h.http().get('/incidents?text=%231').set(auth(t.rita)).expect(200);
    expect(byId.body.items[0].publicId).toBe(1);
  });

  it('returns the demo incident with commander user, impacts, responders and custom fields', async () => {
    const r = await h.http().get(`/incidents/${checkoutId}`).set(auth(t.rita)).expect(200);
    expect(r.body.commanderName).toBe('Sam Standard');
    expect(r.body.commander).toMatchObject({ email: 'standard@example.com', handle: 'sam' });
    expect(r.body.impacts[0].description).toMatch(/checkout/);
    expect(r.body.customFields).toMatchObject({ detection_method: 'Monitor' });
    const ic = r.body.responders.filter((x: { role: string }) => x.role === 'incident_commander');
    expect(ic.map((x: { user: { handle: string } }) => x.user.handle)).toEqual(['sam']);
    expect(r.body.incidentType.name).toBe('Default');
  });

  it('records every change as an incident update and the actor joins the team', async () => {
    const inc = await create();
    const r = await h
      .http()
      .patch(`/incidents/${inc.id}`)
      .set(auth(t.priya))
      .send({ severity: 'SEV-1', status: 'stable' })
      .expect(200);
    expect(r.body.severity).toBe('SEV-1');
    const updates = r.body.timeline
      .filter((e: { kind: string }) => e.kind === 'update')
      .map((e: { content: string }) => e.content);
    expect(updates).toEqual(
      expect.arrayContaining([
        'Severity changed from SEV-3 to SEV-1',
        'Status changed from active to stable',
      ]),
    );
    expect(r.body.responders.map((x: { user: { handle: string } }) => x.user.handle)).toEqual(
      expect.arrayContaining(['sam', 'priya']),
    );
  });

  it('rejects illegal status moves, sets resolvedAt on resolution and clears it on reopen', async () => {
    const inc = await create();
    const bad = await h
      .http()
      .patch(`/incidents/${inc.id}`)
      .set(auth(t.sam))
      .send({ status: 'completed' })
      .expect(409);
    expect(bad.body.code).toBe('INVALID_STATUS_TRANSITION');
    const res = await h
      .http()
      .patch(`/incidents/${inc.id}`)
      .set(auth(t.sam))
      .send({ status: 'resolved' })
      .expect(200);
    expect(res.body.resolvedAt).not.toBeNull();
    const done = await h
      .http()
      .patch(`/incidents/${inc.id}`)
      .set(auth(t.sam))
      .send({ status: 'completed' })
      .expect(200);
    expect(done.body.resolvedAt).toBe(res.body.resolvedAt);
    await h.http().patch(`/incidents/${inc.id}`).set(auth(t.sam)).send({ status: 'active' }).expect(409);
    await h.http().patch(`/incidents/${inc.id}`).set(auth(t.sam)).send({ status: 'resolved' }).expect(200);
    const reopened = await h
      .http()
      .patch(`/incidents/${inc.id}`)
      .set(auth(t.sam))
      .send({ status: 'active' })
      .expect(200);
    expect(reopened.body.resolvedAt).toBeNull();
  });

  it('rejects contradicting timestamps and names the field', async () => {
    const inc = await create();
    const future = new Date(Date.now() + 3_600_000).toISOString();
    const r = await h
      .http()
      .patch(`/incidents/${inc.id}`)
      .set(auth(t.sam))
      .send({ detectedAt: future })
      .expect(422);
    expect(r.body.code).toBe('TIMESTAMPS_INCONSISTENT');
    expect(r.body.details.issues[0].path).toBe('detectedAt');
    const early = new Date(Date.now() - 7_200_000).toISOString();
    const later = new Date(Date.now() - 3_600_000).toISOString();
    const r2 = await h
      .http()
      .patch(`/incidents/${inc.id}`)
      .set(auth(t.sam))
      .send({ declaredAt: early, detectedAt: later })
      .expect(422);
    expect(r2.body.details.issues[0].path).toBe('detectedAt');
    const unk = await h.http().patch(`/incidents/${inc.id}`).set(auth(t.sam)).send({ nope: 1 }).expect(400);
    expect(unk.body.code).toBe('VALIDATION_FAILED');
  });

  it('validates custom field values by type and merges them', async () => {
    const inc = await create();
    const bad = await h
      .http()
      .patch(`/incidents/${inc.id}`)
      .set(auth(t.sam))
      .send({ customFields: { detection_method: 'Pager' } })
      .expect(422);
    expect(bad.body.code).toBe('FIELD_VALUE_INVALID');
    const unknown = await h
      .http()
      .patch(`/incidents/${inc.id}`)
      .set(auth(t.sam))
      .send({ customFields: { nope_field: 'x' } })
      .expect(404);
    expect(unknown.body.code).toBe('FIELD_NOT_FOUND');
    await h
      .http()
      .patch(`/incidents/${inc.id}`)
      .set(auth(t.sam))
      .send({ customFields: { detection_method: 'Monitor' } })
      .expect(200);
    const r = await h
      .http()
      .patch(`/incidents/${inc.id}`)
      .set(auth(t.sam))
      .send({ customFields: { services: ['web', 'cdn'] } })
      .expect(200);
    expect(r.body.customFields).toEqual({ detection_method: 'Monitor', services: ['web', 'cdn'] });
    const field = await h
      .http()
      .post('/incident-fields')
      .set(auth(t.sam))
      .send({ name: 'x_y', displayName: 'X', type: 'text' });
    expect(field.status).toBe(403);
    const badName = await h
      .http()
      .post('/incident-fields')
      .set(auth(t.admin))
      .send({ name: 'Bad Name', displayName: 'X', type: 'text' })
      .expect(400);
    expect(badName.body.details.issues[0].path).toBe('name');
  });

  it('assigning a new commander demotes the old one; reserved role names are refused; busy responders stay', async () => {
    const inc = await create({ commanderId: ids.priya });
    const r = await h
      .http()
      .patch(`/incidents/${inc.id}`)
      .set(auth(t.sam))
      .send({ commanderId: ids.marco })
      .expect(200);
    expect(r.body.commanderName).toBe('Marco Silva');
    const roles = Object.fromEntries(
      r.body.responders.map((x: { user: { handle: string }; role: string }) => [x.user.handle, x.role]),
    );
    expect(roles).toMatchObject({ marco: 'incident_commander', priya: 'responder' });
    const reserved = await h
      .http()
      .post('/responder-types')
      .set(auth(t.admin))
      .send({ name: 'incident commander' })
      .expect(422);
    expect(reserved.body.code).toBe('RESPONDER_TYPE_NAME_RESERVED');
    // Sam wrote to the incident (declared it): not removable. Rita, freshly added without a role: removable.
    const busy = await h
      .http()
      .delete(`/incidents/${inc.id}/responders/${ids.sam}`)
      .set(auth(t.sam))
      .expect(409);
    expect(busy.body.code).toBe('RESPONDER_NOT_REMOVABLE');
    await h
      .http()
      .post(`/incidents/${inc.id}/responders`)
      .set(auth(t.sam))
      .send({ userId: ids.rita })
      .expect(201);
    await h.http().delete(`/incidents/${inc.id}/responders/${ids.rita}`).set(auth(t.sam)).expect(204);
  });

  it('notes: back-dated ones sort by their time; only the author edits or deletes; anyone flags important', async () => {
    const inc = await create();
    const past = new Date(Date.now() - 86_400_000).toISOString();
    const note = await h
      .http()
      .post(`/incidents/${inc.id}/timeline`)
      .set(auth(t.priya))
      .send({ content: 'Earlier clue', occurredAt: past })
      .expect(201);
    const list = await h.http().get(`/incidents/${inc.id}/timeline`).set(auth(t.priya)).expect(200);
    expect(list.body.items[0].id).toBe(note.body.id);
    const denied = await h
      .http()
      .patch(`/incidents/${inc.id}/timeline/${note.body.id}`)
      .set(auth(t.sam))
      .send({ content: 'mine now' })
      .expect(403);
    expect(denied.body.code).toBe('TIMELINE_ENTRY_NOT_AUTHOR');
    await h.http().delete(`/incidents/${inc.id}/timeline/${note.body.id}`).set(auth(t.sam)).expect(403);
    await h
      .http()
      .patch(`/incidents/${inc.id}/timeline/${note.body.id}`)
      .set(auth(t.sam))
      .send({ important: true })
      .expect(200);
    const imp = await h
      .http()
      .get(`/incidents/${inc.id}/timeline?important=true`)
      .set(auth(t.sam))
      .expect(200);
    expect(imp.body.items.map((e: { id: string }) => e.id)).toEqual([note.body.id]);
    await h
      .http()
      .patch(`/incidents/${inc.id}/timeline/${note.body.id}`)
      .set(auth(t.priya))
      .send({ content: 'Edited' })
      .expect(200);
    await h.http().delete(`/incidents/${inc.id}/timeline/${note.body.id}`).set(auth(t.priya)).expect(204);
  });

  it('converting to private hides the incident at once and announces it on the incident-access channel', async () => {
    const inc = await create();
    const sub = new Redis(testConfig().redisUrl);
    const got: string[] = [];
    await sub.subscribe(`${h.prefix}:incident-access`);
    sub.on('message', (_c, m) => got.push(JSON.parse(m).incidentId));
    await h.http().get(`/incidents/${inc.id}`).set(auth(t.rita)).expect(200);
    await h.http().patch(`/incidents/${inc.id}`).set(auth(t.sam)).send({ visibility: 'private' }).expect(200);
    await waitFor(() => got.includes(inc.id) || null);
    await h.http().get(`/incidents/${inc.id}`).set(auth(t.rita)).expect(404);
    await h.http().get(`/incidents/${inc.id}`).set(auth(t.sam)).expect(200); // the declarer is a responder
    await h
      .http()
      .post(`/incidents/${inc.id}/responders`)
      .set(auth(t.sam))
      .send({ userId: ids.rita })
      .expect(201);
    await h.http().get(`/incidents/${inc.id}`).set(auth(t.rita)).expect(200);
    sub.disconnect();
  });

  it('impacts: end before start is refused; an impact without end is ongoing', async () => {
    const inc = await create();
    const start = new Date(Date.now() - 3_600_000).toISOString();
    const bad = await h
      .http()
      .post(`/incidents/${inc.id}/impacts`)
      .set(auth(t.sam))
      .send({ description: 'x', startAt: start, endAt: new Date(Date.now() - 7_200_000).toISOString() })
      .expect(422);
    expect(bad.body.code).toBe('TIMESTAMPS_INCONSISTENT');
    const ok = await h
      .http()
      .post(`/incidents/${inc.id}/impacts`)
      .set(auth(t.sam))
      .send({ description: 'Checkout slow', startAt: start })
      .expect(201);
    expect(ok.body.endAt).toBeNull();
    const end = new Date().toISOString();
    const ended = await h
      .http()
      .patch(`/incidents/${inc.id}/impacts/${ok.body.id}`)
      .set(auth(t.sam))
      .send({ endAt: end })
      .expect(200);
    expect(ended.body.endAt).not.toBeNull();
  });

  it('personal API tokens authenticate like sessions until revoked', async () => {
    const created = await h
      .http()
      .post('/me/tokens')
      .set(auth(t.rita))
      .send({ name: 'CI exporter' })
      .expect(201);
    const me = await h.http().get('/me').set(auth(created.body.token)).expect(200);
    expect(me.body.email).toBe('readonly@example.com');
    const list = await h.http().get('/me/tokens').set(auth(t.rita)).expect(200);
    expect(list.body.items.map((x: { name: string }) => x.name)).toEqual(['CI exporter']);
    expect(JSON.stringify(list.body)).not.toContain(created.body.token);
    await h.http().delete(`/me/tokens/${created.body.id}`).set(auth(t.sam)).expect(404);
    await h.http().delete(`/me/tokens/${created.body.id}`).set(auth(t.rita)).expect(204);
    await h.http().get('/me').set(auth(created.body.token)).expect(401);
  });

  it('a session that was just used stops working the moment it logs out (no cached session survives)', async () => {
    const token = await h.login('readonly@example.com');
    await h.http().get('/me').set(auth(token)).expect(200);
    await h.http().post('/auth/logout').set(auth(token)).expect(204);
    await h.http().get('/me').set(auth(token)).expect(401);
    await h.http().get('/incidents').set(auth(token)).expect(401);
  });
});
