import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import {
  DEMO_CHECKOUT_INCIDENT_TITLE,
  Export,
  FollowUp,
  Incident,
  Postmortem,
  seedDemo,
  Template,
  User,
} from '@pm/db';
import { createProducerConnection, JobProducer } from '@pm/queue';
import {
  cleanRedisPrefix,
  createTestDatabase,
  FakeConfluence,
  FakeDrive,
  testConfig,
  uniqueRedisPrefix,
  waitFor,
  type TestDatabase,
} from '@pm/testing';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorker, type RunningWorker } from '../src/bootstrap.js';
import { loadWorkerConfig } from '../src/config.js';
import { exportRow, fakePublishers, notebookPostmortem } from './export-fixtures.js';

describe.each(['sqlite', 'postgresql'] as const)('exports on %s', (kind) => {
  let db: TestDatabase;
  let worker: RunningWorker;
  let producer: JobProducer;
  let redis: Redis;
  const confluence = new FakeConfluence({ flavor: 'cloud' });
  const drive = new FakeDrive();
  let folderId = '';
  const accountId = randomUUID();
  const forbiddenAccountId = randomUUID();
  const prefix = uniqueRedisPrefix('exports');

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    await seedDemo(db.orm.em.fork());
    await confluence.start();
    confluence.addSpace('ENG');
    await drive.start();
    folderId = drive.addFolder('Postmortems');
    const sa = drive.createServiceAccount();
    worker = await startWorker(
      loadWorkerConfig({
        NODE_ENV: 'test',
        DATABASE_URL: db.databaseUrl,
        REDIS_URL: testConfig().redisUrl,
        REDIS_PREFIX: prefix,
        WORKER_HEALTH_PORT: '-1',
        SWEEP_INTERVAL_MS: '3600000',
        LOG_LEVEL: 'silent',
        CHROMIUM_PATH: process.env.CHROMIUM_PATH,
      }),
      {
        publishers: fakePublishers({
          confluence,
          drive,
          driveKey: { kind: 'service-account', key: sa.keyFile },
          forbiddenAccountId,
        }),
      },
    );
    redis = createProducerConnection(testConfig().redisUrl);
    await new Promise((r) => redis.once('ready', r));
    producer = new JobProducer(redis, prefix);
  }, 60_000);

  afterAll(async () => {
    await worker?.close();
    await producer?.close();
    await cleanRedisPrefix(redis, `{${prefix}}`);
    redis?.disconnect();
    await confluence.close();
    await drive.close();
    await db?.dispose();
  });

  const em = () => db.orm.em.fork();
  const row = (id: string) => em().findOneOrFail(Export, { id }, { populate: ['content'] });
  const settled = async (id: string) => {
    await waitFor(async () => ['ready', 'failed'].includes((await row(id)).state), { timeout: 120_000 });
    return row(id);
  };
  const run = async (id: string) => {
    await producer.enqueue('export.run', { exportId: id });
    return settled(id);
  };
  const confluenceTarget = (space = 'ENG', account = accountId) =>
    ({ kind: 'confluence', accountId: account, spaceKey: space, parentPageId: null }) as const;

  it('renders Markdown and HTML downloads in which markup and javascript: links are inert', async () => {
    const pm = await notebookPostmortem(em(), `Markdown ${kind}`);
    const md = await run(await exportRow(em(), pm, 'markdown'));
    expect(md.state).toBe('ready');
    expect(md.fileName).toBe(`Markdown ${kind}.md`);
    expect(md.contentType).toMatch(/^text\/markdown/);
    const text = md.content!.toString('utf8');
    expect(text).toContain('Checkout outage');
    expect(text).not.toContain('<script>');
    expect(text).not.toMatch(/\]\(javascript:/);

    const html = (await run(await exportRow(em(), pm, 'html'))).content!.toString('utf8');
    expect(html).toMatch(/^<!doctype html>/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/href="javascript:/i);
  });

  it('exports the follow-ups as they are at export time, not the snapshot taken at generation', async () => {
    const incident = await em().findOneOrFail(Incident, { title: DEMO_CHECKOUT_INCIDENT_TITLE });
    const doc = {
      type: 'doc',
      content: [
        { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Follow-ups' }] },
        {
          type: 'followUps',
          attrs: {
            incidentId: incident.id,
            items: [{ content: `Stale snapshot item ${kind}`, done: false }],
          },
        },
      ],
    };
    const pm = await notebookPostmortem(em(), `Follow-ups ${kind}`, doc);
    const fork = em();
    fork.create(FollowUp, {
      incident: fork.getReference(Incident, incident.id),
      content: `Added after generation ${kind}`,
      dueDate: '2027-01-15',
    });
    await fork.flush();

    const md = (await run(await exportRow(em(), pm, 'markdown'))).content!.toString('utf8');
    expect(md).toContain(`Added after generation ${kind}`);
    expect(md).toContain('due 2027-01-15');
    expect(md).not.toContain(`Stale snapshot item ${kind}`);
  });

  it('prints a PDF whose text has the document and the markup as plain text', async () => {
    const pm = await notebookPostmortem(em(), `PDF ${kind}`);
    const pdf = await run(await exportRow(em(), pm, 'pdf'));
    expect(pdf.state).toBe('ready');
    expect(pdf.content!.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const dir = mkdtempSync(join(tmpdir(), 'pm-pdf-'));
    writeFileSync(join(dir, 'x.pdf'), pdf.content!);
    const text = execFileSync('pdftotext', [join(dir, 'x.pdf'), '-']).toString('utf8');
    expect(text).toContain('Checkout outage');
    expect(text).toContain('<script>alert(1)</script>');
  }, 60_000);

  it('publishes to Confluence, then updates the same page on a later export', async () => {
    const pm = await notebookPostmortem(em(), `Confluence ${kind}`);
    const first = await run(await exportRow(em(), pm, 'confluence', confluenceTarget()));
    expect(first.state, JSON.stringify(first.error)).toBe('ready');
    const second = await run(await exportRow(em(), pm, 'confluence', confluenceTarget()));
    expect(second.externalId).toBe(first.externalId);
    const pages = confluence.pages().filter((p) => p.title === `Confluence ${kind}`);
    expect(pages).toHaveLength(1);
    expect(pages[0]!.version).toBe(2);
    expect(pages[0]!.body).not.toMatch(/<script|href="javascript:/i);
    expect(second.url).toContain(confluence.url);
  });

  it('publishes to Drive, then updates the same document', async () => {
    const pm = await notebookPostmortem(em(), `Drive ${kind}`);
    const target = { kind: 'google_docs', accountId, folderId } as const;
    const first = await run(await exportRow(em(), pm, 'google_docs', target));
    expect(first.state, JSON.stringify(first.error)).toBe('ready');
    const second = await run(await exportRow(em(), pm, 'google_docs', target));
    expect(second.externalId).toBe(first.externalId);
    const files = drive.files().filter((f) => f.name === `Drive ${kind}`);
    expect(files).toHaveLength(1);
    expect(files[0]!.version).toBeGreaterThanOrEqual(2);
  });

  it('waits out a 429 Retry-After, then succeeds', async () => {
    const pm = await notebookPostmortem(em(), `Rate ${kind}`);
    confluence.rateLimitNext(1, { method: 'GET', path: '/content' });
    const started = Date.now();
    const ex = await run(await exportRow(em(), pm, 'confluence', confluenceTarget()));
    expect(ex.state).toBe('ready');
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
    const limited = confluence.requests.filter((r) => r.status === 429);
    const after = confluence.requests.filter((r) => r.atMonotonic > limited.at(-1)!.atMonotonic);
    expect(after[0]!.atMonotonic - limited.at(-1)!.atMonotonic).toBeGreaterThanOrEqual(990);
  });

  it('backs off after a 5xx and then succeeds', async () => {
    const pm = await notebookPostmortem(em(), `Flaky ${kind}`);
    confluence.failNext(503, { method: 'POST', path: '/content' });
    const ex = await run(await exportRow(em(), pm, 'confluence', confluenceTarget()));
    expect(ex.state).toBe('ready');
    expect(ex.attempts).toBe(2);
    expect(confluence.pages().filter((p) => p.title === `Flaky ${kind}`)).toHaveLength(1);
  });

  it('finds the page after a lost response instead of creating a duplicate', async () => {
    const pm = await notebookPostmortem(em(), `Lost ${kind}`);
    confluence.loseNextResponse({ method: 'POST', path: '/content' });
    const ex = await run(await exportRow(em(), pm, 'confluence', confluenceTarget()));
    expect(ex.state).toBe('ready');
    expect(confluence.pages().filter((p) => p.title === `Lost ${kind}`)).toHaveLength(1);
  });

  it('fails a document over the destination limit once, with the reason, without retrying', async () => {
    const pm = await notebookPostmortem(em(), `Large ${kind}`);
    confluence.failNext(413, { method: 'POST', path: '/content' });
    const ex = await run(await exportRow(em(), pm, 'confluence', confluenceTarget()));
    expect(ex.state).toBe('failed');
    expect(ex.error).toMatchObject({ code: 'DESTINATION_TOO_LARGE', status: 413 });
    expect(ex.attempts).toBe(1);
  });

  it('refuses a base URL on a link-local address before connecting', async () => {
    const pm = await notebookPostmortem(em(), `SSRF ${kind}`);
    const ex = await run(
      await exportRow(em(), pm, 'confluence', confluenceTarget('ENG', forbiddenAccountId)),
    );
    expect(ex.state).toBe('failed');
    expect(ex.error?.code).toBe('DESTINATION_URL_FORBIDDEN');
    expect(ex.attempts).toBe(1);
  });

  it('refuses a requester who cannot see the incident any more', async () => {
    const pm = await notebookPostmortem(em(), `Access ${kind}`);
    const ex = await run(await exportRow(em(), pm, 'confluence', confluenceTarget(), 'readonly@example.com'));
    expect(ex.state).toBe('failed');
    expect(ex.error?.code).toBe('EXPORT_FORBIDDEN');
  });

  async function generateTo(destination: 'confluence' | 'google_docs', title: string) {
    const e = em();
    const template = e.create(Template, {
      name: `${destination} ${title}`,
      content: '# {{incident.title}}\n\nSeverity: {{incident.severity}}',
      destination,
      confluenceSettings:
        destination === 'confluence' ? { accountId, spaceKey: 'ENG', parentPageId: null } : null,
      googleDocsSettings: destination === 'google_docs' ? { accountId, folderId } : null,
    });
    const user = await e.findOneOrFail(User, { email: 'standard@example.com' });
    const pm = e.create(Postmortem, {
      incident: await e.findOneOrFail(Incident, { title: DEMO_CHECKOUT_INCIDENT_TITLE }),
      template,
      title,
      destination,
      requestedBy: user,
      owner: user,
    });
    await e.flush();
    await producer.enqueue('postmortem.generate', { postmortemId: pm.id });
    await waitFor(
      async () => ['ready', 'failed'].includes((await em().findOneOrFail(Postmortem, pm.id)).generationState),
      {
        timeout: 120_000,
      },
    );
    return em().findOneOrFail(Postmortem, pm.id);
  }

  it('generates from a Confluence template into the space and stores the page link on the row', async () => {
    const pm = await generateTo('confluence', `Generated ${kind}`);
    expect(pm.generationState, pm.failureReason ?? '').toBe('ready');
    expect(pm.document).toBeNull();
    const page = confluence.page(pm.externalId!);
    expect(page?.title).toBe(`Generated ${kind}`);
    expect(page?.spaceKey).toBe('ENG');
    expect(page?.body).toContain(DEMO_CHECKOUT_INCIDENT_TITLE);
    const view = await fetch(pm.url!);
    expect(view.status).toBe(200);
    expect(await view.text()).toContain(`Generated ${kind}`);
  });

  it('generates from a Google Docs template into the folder', async () => {
    const pm = await generateTo('google_docs', `Generated doc ${kind}`);
    expect(pm.generationState, pm.failureReason ?? '').toBe('ready');
    const file = drive.file(pm.externalId!);
    expect(file?.parents).toEqual([folderId]);
    expect(file?.mimeType).toBe('application/vnd.google-apps.document');
    expect(file?.content).toContain(DEMO_CHECKOUT_INCIDENT_TITLE);
  });

  it('fails generation once with the destination reason when the space does not exist', async () => {
    confluence.failNext(404, { method: 'GET', path: '/content' });
    const pm = await generateTo('confluence', `Missing space ${kind}`);
    expect(pm.generationState).toBe('failed');
    expect(pm.failureReason).toMatch(/DESTINATION_NOT_FOUND/);
  });
});
