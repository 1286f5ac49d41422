import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { Export, seedDemo } from '@pm/db';
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
    await waitFor(async () => ['ready', 'failed'].includes((await row(id)).state), { timeout: 30_000 });
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
});
