import { randomUUID } from 'node:crypto';
import { verifyCollabToken } from '@pm/auth';
import { DEMO_CHECKOUT_INCIDENT_TITLE, Postmortem, Document, createDocument } from '@pm/db';
import { JobProducer } from '@pm/queue';
import { cleanRedisPrefix, testConfig } from '@pm/testing';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SECRET, startApi, type Harness } from './harness.js';

describe.each(['sqlite', 'postgresql'] as const)('API on %s', (kind) => {
  let h: Harness;
  let standard: string;
  let readonly: string;
  let admin: string;
  let incidentId: string;
  let templateId: string;

  beforeAll(async () => {
    h = await startApi(kind);
    [standard, readonly, admin] = await Promise.all([
      h.login('standard@example.com'),
      h.login('readonly@example.com'),
      h.login('admin@example.com'),
    ]);
    const list = await h.http().get('/incidents').set('authorization', `Bearer ${standard}`).expect(200);
    incidentId = list.body.items.find((i: { title: string }) => i.title === DEMO_CHECKOUT_INCIDENT_TITLE).id;
    const templates = await h.http().get('/templates').set('authorization', `Bearer ${standard}`).expect(200);
    templateId = templates.body.items.find((t: { isDefault: boolean }) => t.isDefault).id;
  });

  afterAll(async () => {
    const redis = new Redis(testConfig().redisUrl);
    await cleanRedisPrefix(redis, `{${h.prefix}}`);
    redis.disconnect();
    await h?.close();
  });

  const auth = (t: string) => ({ authorization: `Bearer ${t}` });

  it('answers a wrong password and an unknown user identically', async () => {
    const a = await h.http().post('/auth/login').send({ email: 'standard@example.com', password: 'nope' });
    const b = await h.http().post('/auth/login').send({ email: 'ghost@example.com', password: 'nope' });
    expect(a.status).toBe(401);
    expect(a.body).toEqual(b.body);
    expect(a.body.code).toBe('INVALID_CREDENTIALS');
  });

  it('refuses requests without a session with UNAUTHENTICATED', async () => {
    const res = await h.http().get('/incidents').expect(401);
    expect(res.body).toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('hides private incidents from users without global access (404, absent from lists)', async () => {
    const all = await h.http().get('/incidents').set(auth(admin)).expect(200);
    const priv = all.body.items.find((i: { visibility: string }) => i.visibility === 'private');
    expect(priv).toBeDefined();
    const mine = await h.http().get('/incidents').set(auth(standard)).expect(200);
    expect(mine.body.items.map((i: { id: string }) => i.id)).not.toContain(priv.id);
    expect(mine.body.total).toBe(all.body.total - 1);
    const res = await h.http().get(`/incidents/${priv.id}`).set(auth(standard)).expect(404);
    expect(res.body.code).toBe('INCIDENT_NOT_FOUND');
  });

  it('returns the demo incident with its timeline', async () => {
    const res = await h.http().get(`/incidents/${incidentId}`).set(auth(readonly)).expect(200);
    expect(res.body.title).toBe(DEMO_CHECKOUT_INCIDENT_TITLE);
    expect(res.body.status).toBe('resolved');
    expect(res.body.timeline.length).toBeGreaterThanOrEqual(10);
  });

  it('names the bad field on invalid input and the limit on oversized bodies', async () => {
    const bad = await h
      .http()
      .post('/incidents')
      .set(auth(standard))
      .send({ title: '', severity: 'SEV-9' })
      .expect(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    const paths = bad.body.details.issues.map((i: { path: string }) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['title', 'severity']));
    const big = await h
      .http()
      .post('/incidents')
      .set(auth(standard))
      .send({ title: 'x', summary: 'y'.repeat(100_000) })
      .expect(413);
    expect(big.body.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('says where a bad value was: path parameter, query string or body field', async () => {
    const path = await h.http().get('/incidents/not-a-uuid').set(auth(standard)).expect(400);
    expect(path.body.message).toBe('path.id: Invalid UUID');
    expect(path.body.details.issues[0]).toMatchObject({ in: 'path', path: 'id' });
    const query = await h.http().get('/incidents?status=bogus').set(auth(standard)).expect(400);
    expect(query.body.message).toMatch(/^query\.status: /);
    const body = await h.http().post('/incidents').set(auth(standard)).send({ title: '' }).expect(400);
    expect(body.body.message).toMatch(/^body\.title: /);
  });

  it('404s unknown incidents and templates with stable codes', async () => {
    const a = await h.http().get(`/incidents/${randomUUID()}`).set(auth(standard)).expect(404);
    expect(a.body.code).toBe('INCIDENT_NOT_FOUND');
    const b = await h
      .http()
      .post(`/incidents/${incidentId}/postmortems`)
      .set(auth(standard))
      .send({ templateId: randomUUID() })
      .expect(404);
    expect(b.body.code).toBe('TEMPLATE_NOT_FOUND');
  });

  it('previews the default template with the incident title and timeline', async () => {
    const res = await h
      .http()
      .post('/templates/preview')
      .set(auth(standard))
      .send({ templateId, incidentId })
      .expect(200);
    expect(res.body.html).toContain(DEMO_CHECKOUT_INCIDENT_TITLE);
    expect(res.body.doc.type).toBe('doc');
  });

  it('forbids generation without Incidents Write', async () => {
    const res = await h
      .http()
      .post(`/incidents/${incidentId}/postmortems`)
      .set(auth(readonly))
      .send({ templateId })
      .expect(403);
    expect(res.body.code).toBe('FORBIDDEN');
  });

  it('turns a double submission with one Idempotency-Key into one postmortem and one job', async () => {
    const key = randomUUID();
    const send = () =>
      h
        .http()
        .post(`/incidents/${incidentId}/postmortems`)
        .set(auth(standard))
        .set('idempotency-key', key)
        .send({ templateId });
    const [a, b] = await Promise.all([send(), send()]);
    expect(a.status).toBe(202);
    expect(b.status).toBe(202);
    expect(a.body.id).toBe(b.body.id);
    expect(a.body.generationState).toBe('queued');
    expect(a.body.ownerName).toBe('Sam Standard');
    const rows = await h.db.orm.em.fork().count(Postmortem, { idempotencyKey: key });
    expect(rows).toBe(1);
    const job = await h.app.get(JobProducer).queue('postmortem').getJob(`generate-${a.body.id}`);
    expect(job?.data).toEqual({ postmortemId: a.body.id });
    const listed = await h.http().get(`/incidents/${incidentId}/postmortems`).set(auth(readonly)).expect(200);
    expect(listed.body.items.map((p: { id: string }) => p.id)).toContain(a.body.id);
  });

  it('answers a retried Idempotency-Key with the same postmortem, and refuses the key for a different template', async () => {
    const key = randomUUID();
    const send = (tid: string) =>
      h
        .http()
        .post(`/incidents/${incidentId}/postmortems`)
        .set(auth(standard))
        .set('idempotency-key', key)
        .send({ templateId: tid });
    const first = await send(templateId).expect(202);
    const retry = await send(templateId).expect(202);
    expect(retry.body.id).toBe(first.body.id);
    expect(retry.body.ownerName).toBe('Sam Standard');
    expect(await h.db.orm.em.fork().count(Postmortem, { idempotencyKey: key })).toBe(1);
    const templates = await h.http().get('/templates').set(auth(standard)).expect(200);
    const other = templates.body.items.find((t: { id: string }) => t.id !== templateId).id as string;
    const conflict = await send(other).expect(409);
    expect(conflict.body.code).toBe('CONFLICT');
  });

  it('issues a collab token for a ready postmortem: read-only for readers, bound to the document', async () => {
    const em = h.db.orm.em.fork();
    const pm = await em.findOneOrFail(
      Postmortem,
      { incident: incidentId },
      { orderBy: { createdAt: 'desc' } },
    );
    const doc = createDocument(em, {
      yState: new Uint8Array([0, 0]),
      json: { type: 'doc', content: [] },
      text: '',
    });
    pm.document = doc;
    pm.generationState = 'ready';
    await em.flush();
    const w = await h.http().post(`/postmortems/${pm.id}/collab-token`).set(auth(standard)).expect(200);
    const r = await h.http().post(`/postmortems/${pm.id}/collab-token`).set(auth(readonly)).expect(200);
    expect(w.body.documentName).toBe(`postmortem:${doc.id}`);
    const wc = await verifyCollabToken(w.body.token, SECRET);
    const rc = await verifyCollabToken(r.body.token, SECRET);
    expect(wc).toMatchObject({ doc: doc.id, ro: false, name: 'Sam Standard' });
    expect(rc).toMatchObject({ doc: doc.id, ro: true, name: 'Rita Reader' });
    expect(await em.count(Document, { id: doc.id })).toBe(1);
  });

  it('streams the postmortem state as server-sent events', async () => {
    const em = h.db.orm.em.fork();
    const pm = await em.findOneOrFail(Postmortem, { generationState: 'ready' });
    const res = await h.http().get(`/postmortems/${pm.id}/events`).set(auth(standard)).expect(200);
    expect(res.headers['content-type']).toContain('text/event-stream');
    const event = JSON.parse(/data: (.*)\n/.exec(res.text)![1]!);
    expect(event).toMatchObject({ id: pm.id, generationState: 'ready' });
  });

  it('serves the OpenAPI document and health', async () => {
    const doc = await h.http().get('/api/docs-json').expect(200);
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining(['/incidents/{id}/postmortems', '/auth/login']),
    );
    const ready = await h.http().get('/readyz').expect(200);
    expect(ready.body).toMatchObject({ ok: true, db: 'ok', redis: 'ok' });
  });

  it('guards the job dashboard with Jobs Admin', async () => {
    await h.http().get('/admin/queues').expect(401);
    await h.http().get('/admin/queues/api/queues').set(auth(standard)).expect(403);
    const res = await h.http().get('/admin/queues/api/queues').set(auth(admin)).expect(200);
    expect(res.body.queues.map((q: { name: string }) => q.name)).toContain('postmortem');
  });

  it('lets a browser open the job dashboard with the session cookie set at login, among other cookies', async () => {
    const login = await h
      .http()
      .post('/auth/login')
      .send({ email: 'admin@example.com', password: 'postmortem-demo' })
      .expect(200);
    const setCookie = ([] as string[]).concat(login.headers['set-cookie'] ?? []);
    const session = setCookie.find((c) => c.startsWith('pm_session='))!.split(';')[0]!;
    expect(setCookie.join()).toMatch(/HttpOnly/i);
    const cookie = `theme=dark; ${session}; other=%20x`;
    const res = await h.http().get('/admin/queues/api/queues').set('cookie', cookie).expect(200);
    expect(res.body.queues.map((q: { name: string }) => q.name)).toContain('postmortem');
    const me = await h.http().get('/me').set('cookie', cookie).expect(200);
    expect(me.body.email).toBe('admin@example.com');
    await h.http().get('/admin/queues/api/queues').set('cookie', 'pm_session=j:{"a":1}').expect(401);
    await h.http().get('/me').set('cookie', 'theme=dark').expect(401);
  });
});

describe('API with Redis down', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startApi('sqlite', { REDIS_URL: 'redis://127.0.0.1:1' });
  });
  afterAll(async () => h?.close());

  it('answers generate with a fast 503 QUEUE_UNAVAILABLE and keeps the row for the sweeper', async () => {
    const token = await h.login('standard@example.com');
    const auth = { authorization: `Bearer ${token}` };
    const incidents = await h.http().get('/incidents').set(auth).expect(200);
    const incidentId = incidents.body.items[0].id;
    const templates = await h.http().get('/templates').set(auth).expect(200);
    // Fails fast through the producer's connection check (its reason says so), not a hung request.
    const res = await h
      .http()
      .post(`/incidents/${incidentId}/postmortems`)
      .set(auth)
      .send({ templateId: templates.body.items[0].id });
    expect(res.status).toBe(503);
    expect(res.body.code).toBe('QUEUE_UNAVAILABLE');
    const row = await h.db.orm.em.fork().findOneOrFail(Postmortem, { id: res.body.details.postmortemId });
    expect(row.generationState).toBe('queued');
    const ready = await h.http().get('/readyz').expect(503);
    expect(ready.body.redis).not.toBe('ok');
  });
});
