// Status/owner, attach, remove, owners and the admin job dashboard, through the real API on SQLite and PostgreSQL.
import { randomUUID } from 'node:crypto';
import { DEMO_CHECKOUT_INCIDENT_TITLE, Incident, Postmortem, TimelineEntry, User } from '@pm/db';
import { bullPrefix, createWorkerConnection, JobProducer } from '@pm/queue';
import { cleanRedisPrefix, testConfig, waitFor } from '@pm/testing';
import { UnrecoverableError, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type Harness } from './harness.js';

describe.each(['sqlite', 'postgresql'] as const)('postmortem lifecycle on %s', (kind) => {
  let h: Harness;
  let standard: string;
  let readonly: string;
  let admin: string;
  let incidentId: string;
  let templateId: string;
  const auth = (t: string) => ({ authorization: `Bearer ${t}` });

  beforeAll(async () => {
    h = await startApi(kind);
    [standard, readonly, admin] = await Promise.all([
      h.login('standard@example.com'),
      h.login('readonly@example.com'),
      h.login('admin@example.com'),
    ]);
    const em = h.db.orm.em.fork();
    incidentId = (await em.findOneOrFail(Incident, { title: DEMO_CHECKOUT_INCIDENT_TITLE })).id;
    const templates = await h.http().get('/templates').set(auth(standard)).expect(200);
    templateId = templates.body.items.find((t: { isDefault: boolean }) => t.isDefault).id;
  });

  afterAll(async () => {
    const redis = new Redis(testConfig().redisUrl);
    await cleanRedisPrefix(redis, `{${h.prefix}}`);
    redis.disconnect();
    await h?.close();
  });

  const generate = () =>
    h
      .http()
      .post(`/incidents/${incidentId}/postmortems`)
      .set(auth(standard))
      .set('idempotency-key', randomUUID())
      .send({ templateId })
      .expect(202);
  const timelineTexts = async () =>
    (
      await h.db.orm.em
        .fork()
        .find(TimelineEntry, { incident: incidentId, kind: 'update' }, { orderBy: { occurredAt: 'asc' } })
    ).map((e) => `${e.authorName}: ${e.content}`);

  it('starts as Draft owned by the generator, with its template named, and records the generation', async () => {
    const { body } = await generate();
    expect(body).toMatchObject({ status: 'draft', ownerName: 'Sam Standard', kind: 'generated' });
    expect(body.templateName).toBeTruthy();
    expect((await timelineTexts()).some((t) => t.startsWith('Sam Standard: Postmortem'))).toBe(true);
  });

  it('changes status and owner in any order, each change on the timeline by the acting user', async () => {
    const { body: pm } = await generate();
    const ada = await h.db.orm.em.fork().findOneOrFail(User, { email: 'admin@example.com' });
    const a = await h
      .http()
      .patch(`/postmortems/${pm.id}`)
      .set(auth(standard))
      .send({ status: 'in_review' })
      .expect(200);
    expect(a.body.status).toBe('in_review');
    const b = await h
      .http()
      .patch(`/postmortems/${pm.id}`)
      .set(auth(standard))
      .send({ status: 'completed', ownerId: ada.id })
      .expect(200);
    expect(b.body).toMatchObject({ status: 'completed', ownerId: ada.id, ownerName: 'Ada Admin' });
    await h.http().patch(`/postmortems/${pm.id}`).set(auth(standard)).send({ status: 'draft' }).expect(200);
    const texts = await timelineTexts();
    expect(texts).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Sam Standard: .*status changed from Draft to In Review/),
        expect.stringMatching(
          /^Sam Standard: .*status changed from In Review to Completed; owner changed from Sam Standard to Ada Admin/,
        ),
        expect.stringMatching(/^Sam Standard: .*status changed from Completed to Draft/),
      ]),
    );
    const owners = await h
      .http()
      .get(`/incidents/${incidentId}/postmortem-owners`)
      .set(auth(readonly))
      .expect(200);
    const adaOwner = owners.body.items.find((o: { userId: string }) => o.userId === ada.id);
    expect(adaOwner).toMatchObject({ role: 'Postmortem owner', name: 'Ada Admin' });
    expect(adaOwner.postmortemIds).toContain(pm.id);
  });

  it('every postmortem timeline entry carries its author as a user (authorId), not just a name', async () => {
    const me = await h.http().get('/me').set(auth(standard)).expect(200);
    const { body: pm } = await generate();
    await h
      .http()
      .patch(`/postmortems/${pm.id}`)
      .set(auth(standard))
      .send({ status: 'in_review' })
      .expect(200);
    const { body: attached } = await h
      .http()
      .post(`/incidents/${incidentId}/postmortems/attachments`)
      .set(auth(standard))
      .send({ title: `Author check ${pm.id}`, url: 'https://docs.example/author-check' })
      .expect(201);
    await h
      .http()
      .delete(`/incidents/${incidentId}/postmortems/${attached.id}`)
      .set(auth(standard))
      .expect(204);
    const { body } = await h
      .http()
      .get(`/incidents/${incidentId}/timeline`)
      .query({ order: 'desc' })
      .set(auth(readonly))
      .expect(200);
    const entries = body.items as Array<{ content: string; authorId: string | null; authorName: string }>;
    const about = (text: string) => entries.find((e) => e.content.includes(text));
    for (const text of [
      `"${pm.title}" generation requested`,
      `"${pm.title}": status changed from Draft to In Review`,
      `"Author check ${pm.id}" attached`,
      `"Author check ${pm.id}" removed`,
    ]) {
      expect(about(text), text).toMatchObject({ authorId: me.body.id, authorName: 'Sam Standard' });
    }
  });

  it('rejects an invalid status, an unknown owner, and changes without Incidents Write', async () => {
    const { body: pm } = await generate();
    const bad = await h
      .http()
      .patch(`/postmortems/${pm.id}`)
      .set(auth(standard))
      .send({ status: 'published' });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    const ghost = await h
      .http()
      .patch(`/postmortems/${pm.id}`)
      .set(auth(standard))
      .send({ ownerId: randomUUID() });
    expect(ghost.status).toBe(404);
    expect(ghost.body.code).toBe('USER_NOT_FOUND');
    const ro = await h
      .http()
      .patch(`/postmortems/${pm.id}`)
      .set(auth(readonly))
      .send({ status: 'completed' });
    expect(ro.status).toBe(403);
    await h
      .http()
      .post(`/incidents/${incidentId}/postmortems/attachments`)
      .set(auth(readonly))
      .send({ title: 'x', url: 'https://x.example' })
      .expect(403);
    await h.http().delete(`/incidents/${incidentId}/postmortems/${pm.id}`).set(auth(readonly)).expect(403);
  });

  it('attaches an http(s) URL as a postmortem with status and owner (scenario 19: other schemes rejected)', async () => {
    const ok = await h
      .http()
      .post(`/incidents/${incidentId}/postmortems/attachments`)
      .set(auth(standard))
      .send({ title: 'Confluence write-up', url: 'https://wiki.example.com/pages/123' })
      .expect(201);
    expect(ok.body).toMatchObject({
      kind: 'attached',
      destination: 'link',
      generationState: 'ready',
      status: 'draft',
      ownerName: 'Sam Standard',
      url: 'https://wiki.example.com/pages/123',
    });
    for (const url of [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(document.cookie)',
      'data:text/html,<script>alert(1)</script>',
      'file:///etc/passwd',
      'ftp://files.example.com/pm.txt',
      'vbscript:msgbox(1)',
      'not a url',
    ]) {
      const res = await h
        .http()
        .post(`/incidents/${incidentId}/postmortems/attachments`)
        .set(auth(standard))
        .send({ title: 'evil', url });
      expect(res.status, url).toBe(400);
      expect(res.body.code, url).toBe('URL_NOT_ALLOWED');
    }
    const long = await h
      .http()
      .post(`/incidents/${incidentId}/postmortems/attachments`)
      .set(auth(standard))
      .send({ title: 'long', url: `https://x.example/${'a'.repeat(3000)}` });
    expect(long.body.code).toBe('VALIDATION_FAILED');
    const list = await h.http().get(`/incidents/${incidentId}/postmortems`).set(auth(readonly)).expect(200);
    const titles = list.body.items.map((p: { title: string }) => p.title);
    expect(titles).toContain('Confluence write-up');
    expect(titles).not.toContain('evil');
  });

  it('removes links only (scenario 30): gone from the list, the row and its document stay reachable by id', async () => {
    const { body: pm } = await generate();
    const attached = await h
      .http()
      .post(`/incidents/${incidentId}/postmortems/attachments`)
      .set(auth(standard))
      .send({ title: 'Doc to remove', url: 'https://docs.example.com/d/1' })
      .expect(201);
    await h.http().delete(`/incidents/${incidentId}/postmortems/${pm.id}`).set(auth(standard)).expect(204);
    await h
      .http()
      .delete(`/incidents/${incidentId}/postmortems/${attached.body.id}`)
      .set(auth(standard))
      .expect(204);
    const list = await h.http().get(`/incidents/${incidentId}/postmortems`).set(auth(standard)).expect(200);
    const ids = list.body.items.map((p: { id: string }) => p.id);
    expect(ids).not.toContain(pm.id);
    expect(ids).not.toContain(attached.body.id);
    const still = await h.http().get(`/postmortems/${pm.id}`).set(auth(standard)).expect(200);
    expect(still.body.removedAt).toBeTruthy();
    expect(await h.db.orm.em.fork().count(Postmortem, { id: pm.id })).toBe(1);
    // Admins can list removed ones; others may not ask.
    await h
      .http()
      .get(`/incidents/${incidentId}/postmortems?includeRemoved=true`)
      .set(auth(standard))
      .expect(403);
    const all = await h
      .http()
      .get(`/incidents/${incidentId}/postmortems?includeRemoved=true`)
      .set(auth(admin))
      .expect(200);
    expect(all.body.items.map((p: { id: string }) => p.id)).toEqual(
      expect.arrayContaining([pm.id, attached.body.id]),
    );
    // A removed link cannot be removed again, and a postmortem of another incident cannot be removed through this one.
    await h.http().delete(`/incidents/${incidentId}/postmortems/${pm.id}`).set(auth(standard)).expect(404);
    expect((await timelineTexts()).some((t) => t.includes('"Doc to remove" removed from the incident'))).toBe(
      true,
    );
  });

  it('keeps a private incident’s postmortems private everywhere; job data holds ids only', async () => {
    const em = h.db.orm.em.fork();
    const priv = await em.findOneOrFail(Incident, { visibility: 'private' });
    const res = await h
      .http()
      .post(`/incidents/${priv.id}/postmortems`)
      .set(auth(admin))
      .set('idempotency-key', randomUUID())
      .send({ templateId })
      .expect(202);
    for (const req of [
      h.http().get(`/postmortems/${res.body.id}`),
      h.http().get(`/incidents/${priv.id}/postmortems`),
      h.http().get(`/incidents/${priv.id}/postmortem-owners`),
      h.http().patch(`/postmortems/${res.body.id}`).send({ status: 'completed' }),
      h.http().delete(`/incidents/${priv.id}/postmortems/${res.body.id}`),
      h
        .http()
        .post(`/incidents/${priv.id}/postmortems/attachments`)
        .send({ title: 't', url: 'https://x.example' }),
    ]) {
      expect((await req.set(auth(standard))).status).toBe(404);
    }
    const job = await h.app.get(JobProducer).queue('postmortem').getJob(`generate-${res.body.id}`);
    expect(job!.data).toEqual({ postmortemId: res.body.id });
    const viaBoard = await h
      .http()
      .get(`/admin/queues/api/queues/postmortem/generate-${res.body.id}`)
      .set(auth(admin))
      .expect(200);
    const shown = JSON.stringify(viaBoard.body);
    expect(shown).toContain(res.body.id);
    expect(shown).not.toContain(priv.title);
    expect(shown).not.toContain(res.body.title);
  });

  it('job dashboard: shows a failed job’s reason, retries it for an admin, refuses cross-origin writes', async () => {
    const { body: pm } = await generate();
    const conn = createWorkerConnection(testConfig().redisUrl);
    const worker = new Worker(
      'postmortem',
      async () => {
        throw new UnrecoverableError('destination confluence answered 401 Unauthorized');
      },
      { connection: conn, prefix: bullPrefix(h.prefix), autorun: true },
    );
    const jobId = `generate-${pm.id}`;
    const path = `/admin/queues/api/queues/postmortem/${jobId}`;
    await waitFor(async () => {
      const r = await h.http().get(path).set(auth(admin));
      return r.body.job?.failedReason ? r.body : null;
    });
    const failed = await h.http().get(path).set(auth(admin)).expect(200);
    expect(failed.body.job.failedReason).toBe('destination confluence answered 401 Unauthorized');
    await worker.close();
    conn.disconnect();

    await h.http().put(`${path}/retry`).set(auth(standard)).expect(403);
    const evil = await h
      .http()
      .put(`${path}/retry`)
      .set(auth(admin))
      .set('origin', 'https://evil.example')
      .expect(403);
    expect(evil.body.code).toBe('FORBIDDEN');
    const job = await h.app.get(JobProducer).queue('postmortem').getJob(jobId);
    expect(await job!.getState()).toBe('failed');
    await h.http().put(`${path}/retry`).set(auth(admin)).set('origin', 'http://127.0.0.1:4173').expect(204);
    expect(await (await h.app.get(JobProducer).queue('postmortem').getJob(jobId))!.getState()).toBe(
      'waiting',
    );
  });
});
