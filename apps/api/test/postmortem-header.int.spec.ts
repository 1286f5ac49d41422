// The open document's header and the list: rename, template name kept after the template is deleted, last
// editor, open follow-ups, and the incident's live list stream — through the real API on SQLite and PostgreSQL.
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import {
  createDocument,
  DEMO_CHECKOUT_INCIDENT_TITLE,
  Incident,
  Postmortem,
  storeDocumentState,
  TimelineEntry,
} from '@pm/db';
import { cleanRedisPrefix, testConfig } from '@pm/testing';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type Harness } from './harness.js';

/** The `data:` of each server-sent event, in order. */
async function* sseData(body: ReadableStream<Uint8Array>): AsyncGenerator<string> {
  const decoder = new TextDecoder();
  let buffer = '';
  for await (const chunk of body) {
    buffer += decoder.decode(chunk, { stream: true });
    let sep: number;
    while ((sep = buffer.indexOf('\n\n')) >= 0) {
      const data = buffer
        .slice(0, sep)
        .split('\n')
        .filter((l) => l.startsWith('data: '))
        .map((l) => l.slice(6))
        .join('\n');
      buffer = buffer.slice(sep + 2);
      if (data) yield data;
    }
  }
}

describe.each(['sqlite', 'postgresql'] as const)('postmortem header and list on %s', (kind) => {
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

  const generate = async (tpl = templateId) =>
    (
      await h
        .http()
        .post(`/incidents/${incidentId}/postmortems`)
        .set(auth(standard))
        .set('idempotency-key', randomUUID())
        .send({ templateId: tpl })
        .expect(202)
    ).body as { id: string; title: string };
  const listed = async (id: string) =>
    (
      (await h.http().get(`/incidents/${incidentId}/postmortems`).set(auth(readonly)).expect(200)).body
        .items as Array<Record<string, unknown>>
    ).find((p) => p.id === id);

  it('renames from the header: trimmed, on the timeline under the old name, visible in the list', async () => {
    const pm = await generate();
    const res = await h
      .http()
      .patch(`/postmortems/${pm.id}`)
      .set(auth(standard))
      .send({ title: '  Checkout outage review  ' })
      .expect(200);
    expect(res.body.title).toBe('Checkout outage review');
    expect((await listed(pm.id))?.title).toBe('Checkout outage review');
    const entries = await h.db.orm.em
      .fork()
      .find(TimelineEntry, { incident: incidentId, kind: 'update' }, { orderBy: { occurredAt: 'asc' } });
    expect(entries.map((e) => `${e.authorName}: ${e.content}`)).toContain(
      `Sam Standard: Postmortem "${pm.title}": renamed to "Checkout outage review"`,
    );
  });

  it('refuses an empty, multi-line or too long title (400 VALIDATION_FAILED) and renames by read-only users', async () => {
    const pm = await generate();
    for (const title of ['   ', 'two\nlines', 'x'.repeat(301)]) {
      const res = await h
        .http()
        .patch(`/postmortems/${pm.id}`)
        .set(auth(standard))
        .send({ title })
        .expect(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.details.issues[0].path).toBe('title');
    }
    await h.http().patch(`/postmortems/${pm.id}`).set(auth(readonly)).send({ title: 'Nope' }).expect(403);
    expect((await listed(pm.id))?.title).toBe(pm.title);
  });

  it('keeps naming the template after the template is deleted', async () => {
    const tpl = await h
      .http()
      .post('/templates')
      .set(auth(admin))
      .send({ name: `Short-lived ${randomUUID().slice(0, 8)}`, content: '# {{incident.title}}' })
      .expect(201);
    const pm = await generate(tpl.body.id);
    expect((await listed(pm.id))?.templateName).toBe(tpl.body.name);
    await h.http().delete(`/templates/${tpl.body.id}`).set(auth(admin)).expect(204);
    expect(await listed(pm.id)).toMatchObject({ templateId: null, templateName: tpl.body.name });
  });

  it('names the last editor of the notebook and counts the incident’s open follow-ups', async () => {
    const pm = await generate();
    expect(await listed(pm.id)).toMatchObject({ lastEditorName: null });
    // What collab does when it stores a document: the last connection's user is recorded with the state.
    const em = h.db.orm.em.fork();
    const doc = createDocument(em, { yState: new Uint8Array([0, 0]), json: { type: 'doc' }, text: '' });
    const row = await em.findOneOrFail(Postmortem, { id: pm.id });
    row.document = doc;
    await em.flush();
    await storeDocumentState(em, doc.id, {
      yState: new Uint8Array([0, 0]),
      json: { type: 'doc' },
      text: 'edited',
      editor: { id: randomUUID(), name: 'Rita Reviewer' },
    });
    expect((await listed(pm.id))?.lastEditorName).toBe('Rita Reviewer');

    const before = (await listed(pm.id))?.openFollowUps as number;
    await h
      .http()
      .post(`/incidents/${incidentId}/follow-ups`)
      .set(auth(standard))
      .send({ content: 'Add a canary for checkout' })
      .expect(201);
    expect((await listed(pm.id))?.openFollowUps).toBe(before + 1);
  });

  it('pushes the whole list on the incident stream when status, owner or title change', async () => {
    const pm = await generate();
    const port = (h.app.getHttpServer().address() as AddressInfo).port;
    const ctl = new AbortController();
    const res = await fetch(`http://127.0.0.1:${port}/incidents/${incidentId}/postmortems/events`, {
      headers: { ...auth(readonly), accept: 'text/event-stream' },
      signal: ctl.signal,
    });
    expect(res.status).toBe(200);
    const events = sseData(res.body!);
    const next = async () => {
      const { value } = await events.next();
      return JSON.parse(value as string).items.find((p: { id: string }) => p.id === pm.id);
    };
    try {
      expect((await next()).status).toBe('draft'); // the current list first
      await h
        .http()
        .patch(`/postmortems/${pm.id}`)
        .set(auth(standard))
        .send({ status: 'in_review', title: 'Streamed title' })
        .expect(200);
      let row = await next();
      // Another postmortem's change may arrive first; read until this one's change is seen.
      while (row.status !== 'in_review') row = await next();
      expect(row).toMatchObject({ status: 'in_review', title: 'Streamed title' });
    } finally {
      ctl.abort();
    }
  });

  it('refuses the stream of an incident the user cannot see (404)', async () => {
    await h.http().get(`/incidents/${randomUUID()}/postmortems/events`).set(auth(standard)).expect(404);
  });
});
