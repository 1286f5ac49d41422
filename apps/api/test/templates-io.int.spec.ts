import { randomUUID } from 'node:crypto';
import { DEMO_CHECKOUT_INCIDENT_TITLE, Incident, TimelineEntry } from '@pm/db';
import { cleanRedisPrefix, testConfig } from '@pm/testing';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type Harness } from './harness.js';

/** Templates as code, preview and hostile input through the real API (SQLite; CRUD runs on both dialects). */
describe('templates API: import/export, preview, bad input', () => {
  let h: Harness;
  let admin: string;
  let readonly: string;
  let incidentId: string;
  const auth = (t: string) => ({ authorization: `Bearer ${t}` });

  beforeAll(async () => {
    h = await startApi('sqlite', { BODY_LIMIT: '1mb' });
    [admin, readonly] = await Promise.all([h.login('admin@example.com'), h.login('readonly@example.com')]);
    const em = h.db.orm.em.fork();
    incidentId = (await em.findOneOrFail(Incident, { title: DEMO_CHECKOUT_INCIDENT_TITLE })).id;
  });

  afterAll(async () => {
    const redis = new Redis(testConfig().redisUrl);
    await cleanRedisPrefix(redis, `{${h.prefix}}`);
    redis.disconnect();
    await h?.close();
  });

  const preview = (body: Record<string, unknown>, token = readonly) =>
    h
      .http()
      .post('/templates/preview')
      .set(auth(token))
      .send({ incidentId, ...body });

  it('exports all templates and re-imports them idempotently (by name + incident type)', async () => {
    const bundle = (await h.http().get('/templates/export').set(auth(admin)).expect(200)).body;
    expect(bundle.version).toBe(1);
    expect(bundle.templates.length).toBeGreaterThanOrEqual(3);
    const again = await h.http().post('/templates/import').set(auth(admin)).send(bundle).expect(200);
    expect(again.body).toMatchObject({ created: 0, updated: 0, unchanged: bundle.templates.length });
    const changed = { ...bundle.templates[0], content: `${bundle.templates[0].content}\n\nExtra line.` };
    const upd = await h
      .http()
      .post('/templates/import')
      .set(auth(admin))
      .send({ templates: [changed] })
      .expect(200);
    expect(upd.body).toMatchObject({ created: 0, updated: 1 });
  });

  it('exports one template as Markdown with front matter and imports that file as a new template', async () => {
    const list = (await h.http().get('/templates').set(auth(admin)).expect(200)).body.items;
    const res = await h
      .http()
      .get(`/templates/${list[0].id}/export?format=markdown`)
      .set(auth(admin))
      .expect(200);
    expect(res.headers['content-type']).toContain('text/markdown');
    expect(res.headers['content-disposition']).toMatch(/attachment; filename=".+\.md"/);
    expect(res.text).toMatch(/^---\nname: /);
    expect(res.text).toContain(list[0].content);
    const renamed = res.text.replace(/^name: .*$/m, 'name: Imported copy');
    const imp = await h
      .http()
      .post('/templates/import')
      .set(auth(admin))
      .send({ markdown: [renamed] })
      .expect(200);
    expect(imp.body).toMatchObject({ created: 1 });
    const copy = await h.http().get(`/templates/${imp.body.items[0].id}`).set(auth(admin)).expect(200);
    expect(copy.body.content).toBe(list[0].content);
    const twice = await h
      .http()
      .post('/templates/import')
      .set(auth(admin))
      .send({ markdown: [renamed] })
      .expect(200);
    expect(twice.body).toMatchObject({ created: 0, unchanged: 1 });
  });

  it('rejects an import with an invalid file before writing anything (422 names the file)', async () => {
    const before = (await h.http().get('/templates').set(auth(admin))).body.items.length;
    const res = await h
      .http()
      .post('/templates/import')
      .set(auth(admin))
      .send({
        templates: [
          { name: 'Good one', content: '# ok' },
          { name: 'Bad one', content: '{{incident.titl}}' },
        ],
      })
      .expect(422);
    expect(res.body.message).toContain('templates[1]');
    expect(res.body.details.errors[0].suggestion).toBe('incident.title');
    expect((await h.http().get('/templates').set(auth(admin))).body.items.length).toBe(before);
  });

  it('keeps __proto__ / constructor tricks inert in import files, front matter and templates', async () => {
    const raw = `{"templates":[{"name":"Proto","content":"# x","__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}}}]}`;
    await h
      .http()
      .post('/templates/import')
      .set(auth(admin))
      .set('content-type', 'application/json')
      .send(raw)
      .expect(200);
    const md =
      '---\nname: Proto md\n__proto__:\n  polluted: yes\nconstructor:\n  prototype:\n    polluted: yes\n---\n# y';
    await h
      .http()
      .post('/templates/import')
      .set(auth(admin))
      .send({ markdown: [md] })
      .expect(200);
    const tpl = await h
      .http()
      .post('/templates')
      .set(auth(admin))
      .send({ name: 'P', content: '{{incident.__proto__.polluted}}{{incident.constructor.name}}' });
    expect(tpl.status).toBe(422);
    const p = await preview({ content: '{{incident.title.constructor}} {{incident.__proto__}}' }).expect(422);
    expect(p.body.details.errors.length).toBeGreaterThan(0);
    const q = await preview({ content: '{{incident.__proto__}} {{incident.constructor}}' }).expect(200);
    expect(q.body.html).toContain('{{incident.__proto__}} {{incident.constructor}}'); // literal text
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it('answers 413 when template content exceeds TEMPLATE_MAX_BYTES (create, update, preview)', async () => {
    const big = 'x'.repeat(200_001);
    const res = await h
      .http()
      .post('/templates')
      .set(auth(admin))
      .send({ name: 'Big', content: big })
      .expect(413);
    expect(res.body.code).toBe('PAYLOAD_TOO_LARGE');
    await preview({ content: big }).expect(413);
  });

  it('previews with the incident data, line:col errors for a typo and timing, in a chosen time zone', async () => {
    const res = await preview({
      content: '# {{incident.title}}\n\nDetected {{incident.detected}}\n\n{{incident.sevrity}}',
      timeZone: 'Europe/Paris',
    }).expect(200);
    expect(res.body.html).toContain(DEMO_CHECKOUT_INCIDENT_TITLE);
    expect(res.body.html).toMatch(/Detected \d{4}-\d{2}-\d{2} \d{2}:\d{2} Europe\/Paris/);
    expect(res.body.errors[0]).toMatchObject({ line: 5, col: 3, suggestion: 'incident.severity' });
    expect(res.body.html).toContain('{{incident.sevrity}}'); // an unknown variable stays as literal text
    // How long the render took is reported (a figure for the UI), never asserted: speed lives in bench/.
    expect(res.body.renderMs).toBeGreaterThanOrEqual(0);
    const syntax = await preview({ content: '{% if incident.title %}' }).expect(422);
    expect(syntax.body.details.errors[0]).toMatchObject({ code: 'TEMPLATE_SYNTAX', line: 1 });
    await preview({ content: 'x', timeZone: 'Mars/Olympus' }).expect(400);
  });

  it('6.3#64 warns that card and follow-ups are notebook-only when previewing for Confluence', async () => {
    const res = await preview({
      content: '{{incident.card}}\n{{incident.follow-ups}}',
      destination: 'confluence',
    });
    expect(res.status).toBe(200);
    expect(res.body.warnings.join('\n')).toMatch(/incident\.card is not supported in confluence/);
    expect(res.body.warnings.join('\n')).toMatch(/incident\.follow-ups is not supported in confluence/);
    const nb = await preview({ content: '{{incident.card}}', destination: 'notebook' }).expect(200);
    expect(nb.body.warnings).toEqual([]);
  });

  it('keeps <script>, javascript: links and HTML in incident data inert, and caps a huge timeline', async () => {
    const em = h.db.orm.em.fork();
    const incident = await em.findOneOrFail(Incident, { id: incidentId });
    incident.title = '<script>alert(1)</script> [x](javascript:alert(1)) <img src=x onerror=alert(1)>';
    const base = Date.parse('2024-01-01T00:00:00Z');
    for (let i = 0; i < 1100; i++) {
      em.create(TimelineEntry, {
        incident,
        kind: 'note',
        content: i === 0 ? '<b>bold?</b> [click](javascript:evil())' : `bulk entry ${i}`,
        important: false,
        occurredAt: new Date(base + i * 1000),
      });
    }
    await em.flush();
    const res = await preview({ content: '# {{incident.title}}\n\n{{incident.timeline}}' }).expect(200);
    expect(res.body.html).not.toMatch(/<script|<img|<b>|href="javascript:/i);
    expect(res.body.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(res.body.html).toMatch(/more timeline entries not shown \(limit 1000\)/);
    expect(JSON.stringify(res.body.doc)).not.toContain('"link"');
  });

  it('404s a preview of a private incident the user cannot see, and unknown templates', async () => {
    const em = h.db.orm.em.fork();
    const priv = await em.findOneOrFail(Incident, { visibility: 'private' });
    const res = await preview({ incidentId: priv.id, content: 'x' }).expect(404);
    expect(res.body.code).toBe('INCIDENT_NOT_FOUND');
    const t = await preview({ templateId: randomUUID() }).expect(404);
    expect(t.body.code).toBe('TEMPLATE_NOT_FOUND');
  });
});
