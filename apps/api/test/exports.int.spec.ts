// Exports through the API with the BUILT worker as a child process (`pnpm --filter @pm/worker build` first), against
// the fake Confluence: downloads, permissions and visibility, and export-then-update keeping one page.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseSecretKeys, SecretBox } from '@pm/auth';
import { DEV_SECRET_KEYS } from '@pm/contracts';
import {
  ConnectedAccount,
  createDocument,
  DEMO_CHECKOUT_INCIDENT_TITLE,
  Incident,
  Postmortem,
  sealAccountCredentials,
  User,
} from '@pm/db';
import { jsonToText, jsonToYState, type JSONContent } from '@pm/doc-model';
import { FakeConfluence, testConfig, waitFor } from '@pm/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type Harness } from './harness.js';

const WORKER_MAIN = resolve(dirname(fileURLToPath(import.meta.url)), '../../worker/dist/main.js');

const DOC: JSONContent = {
  type: 'doc',
  content: [
    { type: 'heading', attrs: { level: 1 }, content: [{ type: 'text', text: 'Checkout outage review' }] },
    { type: 'paragraph', content: [{ type: 'text', text: 'Payload <script>alert(1)</script> here' }] },
    {
      type: 'paragraph',
      content: [
        { type: 'text', text: 'bad link', marks: [{ type: 'link', attrs: { href: 'javascript:alert(2)' } }] },
      ],
    },
  ],
};

describe.each(['sqlite', 'postgresql'] as const)('exports API on %s', (kind) => {
  let h: Harness;
  let worker: ChildProcess;
  const logs: string[] = [];
  const confluence = new FakeConfluence({ flavor: 'cloud' });
  let accountId = '';
  let standard = '';
  let readOnly = '';

  beforeAll(async () => {
    h = await startApi(kind);
    await confluence.start();
    confluence.addSpace('ENG');
    const em = h.db.orm.em.fork();
    const account = em.create(ConnectedAccount, {
      name: `Confluence ${kind}`,
      kind: 'confluence_cloud',
      publicConfig: {} as never,
      secretSealed: '',
    });
    sealAccountCredentials(new SecretBox(parseSecretKeys(DEV_SECRET_KEYS)), account, {
      kind: 'confluence_cloud',
      siteUrl: confluence.siteUrl,
      email: confluence.email,
      apiToken: confluence.apiToken,
    });
    await em.flush();
    accountId = account.id;
    worker = spawn(process.execPath, [WORKER_MAIN], {
      env: {
        PATH: process.env.PATH ?? '',
        NODE_ENV: 'test',
        DATABASE_URL: h.db.databaseUrl,
        REDIS_URL: testConfig().redisUrl,
        REDIS_PREFIX: h.prefix,
        WORKER_HEALTH_PORT: '-1',
        SWEEP_INTERVAL_MS: '3600000',
        LOG_LEVEL: 'warn',
        OUTBOUND_ALLOW_LOOPBACK_FOR_TESTS: 'true',
        CHROMIUM_PATH: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    worker.stdout!.on('data', (b: Buffer) => logs.push(b.toString()));
    worker.stderr!.on('data', (b: Buffer) => logs.push(b.toString()));
    standard = await h.login('standard@example.com');
    readOnly = await h.login('readonly@example.com');
  }, 60_000);

  afterAll(async () => {
    if (worker && worker.exitCode === null) {
      const exited = new Promise((r) => worker.once('exit', r));
      worker.kill('SIGTERM');
      await exited;
    }
    await confluence.close();
    await h?.close();
  });

  async function notebook(title: string, visibility: 'organization' | 'private' = 'organization') {
    const em = h.db.orm.em.fork();
    const incident =
      visibility === 'private'
        ? await em.findOneOrFail(Incident, { visibility: 'private' })
        : await em.findOneOrFail(Incident, { title: DEMO_CHECKOUT_INCIDENT_TITLE });
    const user = await em.findOneOrFail(User, { email: 'admin@example.com' });
    const document = createDocument(em, {
      yState: jsonToYState(DOC),
      json: DOC as Record<string, unknown>,
      text: jsonToText(DOC),
    });
    const pm = em.create(Postmortem, {
      incident,
      title,
      destination: 'notebook',
      requestedBy: user,
      document,
      generationState: 'ready',
    });
    await em.flush();
    return pm.id;
  }

  const auth = (token: string) => ({ authorization: `Bearer ${token}` });
  async function exportAndWait(pmId: string, body: Record<string, unknown>, token = standard) {
    const res = await h.http().post(`/postmortems/${pmId}/exports`).set(auth(token)).send(body);
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    // The answer is the row as it is now: a fast worker may already have picked it up.
    expect(['queued', 'running', 'ready']).toContain(res.body.state);
    let row = res.body;
    await waitFor(
      async () => {
        row = (await h.http().get(`/exports/${res.body.id}`).set(auth(token)).expect(200)).body;
        return row.state === 'ready' || row.state === 'failed';
      },
      { timeout: 30_000 },
    ).catch((e: Error) => {
      throw new Error(`${e.message}; worker output: ${logs.join('')}`);
    });
    return row;
  }
  const download = (id: string, token = standard) =>
    h
      .http()
      .get(`/exports/${id}/file`)
      .set(auth(token))
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      });

  it('serves Markdown, HTML and PDF downloads as attachments with inert hostile content', async () => {
    const pmId = await notebook(`Downloads ${kind}`);
    const md = await exportAndWait(pmId, { kind: 'markdown' });
    const mdFile = await download(md.id).expect(200);
    expect(mdFile.headers['content-type']).toMatch(/^text\/markdown/);
    expect(mdFile.headers['content-disposition']).toBe(`attachment; filename="Downloads ${kind}.md"`);
    expect(mdFile.body.toString()).toContain('Checkout outage review');
    expect(mdFile.body.toString()).not.toContain('<script>');

    const html = await exportAndWait(pmId, { kind: 'html' }, readOnly);
    const htmlFile = await download(html.id, readOnly).expect(200);
    expect(htmlFile.headers['content-type']).toMatch(/^text\/html/);
    expect(htmlFile.headers['content-security-policy']).toMatch(/sandbox/);
    expect(htmlFile.body.toString()).not.toMatch(/<script|href="javascript:/i);

    const pdf = await exportAndWait(pmId, { kind: 'pdf' });
    expect(pdf.state, JSON.stringify(pdf.error)).toBe('ready');
    const pdfFile = await download(pdf.id).expect(200);
    expect(pdfFile.headers['content-type']).toBe('application/pdf');
    expect(pdfFile.body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const dir = mkdtempSync(join(tmpdir(), 'pm-api-pdf-'));
    writeFileSync(join(dir, 'x.pdf'), pdfFile.body);
    expect(execFileSync('pdftotext', [join(dir, 'x.pdf'), '-']).toString()).toContain(
      'Checkout outage review',
    );

    const list = await h.http().get(`/postmortems/${pmId}/exports`).set(auth(standard)).expect(200);
    expect(list.body.items.map((e: { kind: string }) => e.kind)).toEqual(['pdf', 'html', 'markdown']);
  }, 90_000);

  it('exports to Confluence and updates the same page on the next export', async () => {
    const pmId = await notebook(`Published ${kind}`);
    const body = { kind: 'confluence', accountId, spaceKey: 'ENG' };
    const first = await exportAndWait(pmId, body);
    expect(first.state, JSON.stringify(first.error)).toBe('ready');
    const second = await exportAndWait(pmId, body);
    expect(second.externalId).toBe(first.externalId);
    const pages = confluence.pages().filter((p) => p.title === `Published ${kind}`);
    expect(pages).toHaveLength(1);
    expect(pages[0]!.version).toBe(2);
    expect((await fetch(second.url)).status).toBe(200);
    // A destination export has no file.
    await download(second.id).expect(409);
  }, 60_000);

  it('applies the postmortem rules: private → 404, read-only cannot publish, no account → 422', async () => {
    const privatePm = await notebook(`Private ${kind}`, 'private');
    await h
      .http()
      .post(`/postmortems/${privatePm}/exports`)
      .set(auth(standard))
      .send({ kind: 'pdf' })
      .expect(404);
    const pmId = await notebook(`Rules ${kind}`);
    const denied = await h
      .http()
      .post(`/postmortems/${pmId}/exports`)
      .set(auth(readOnly))
      .send({ kind: 'confluence', accountId, spaceKey: 'ENG' });
    expect(denied.status).toBe(403);
    const missing = await h
      .http()
      .post(`/postmortems/${pmId}/exports`)
      .set(auth(standard))
      .send({ kind: 'confluence' });
    expect(missing.status).toBe(422);
    expect(missing.body.code).toBe('EXPORT_DESTINATION_REQUIRED');
    // An export of a private postmortem made by the admin is invisible to an outsider too.
    const admin = await h.login('admin@example.com');
    const adminExport = await h
      .http()
      .post(`/postmortems/${privatePm}/exports`)
      .set(auth(admin))
      .send({ kind: 'markdown' })
      .expect(202);
    await h.http().get(`/exports/${adminExport.body.id}`).set(auth(standard)).expect(404);
    await download(adminExport.body.id).expect(404);
    await h.http().get(`/exports/${adminExport.body.id}/events`).set(auth(standard)).expect(404);
  });

  it('streams the export state as server-sent events until it is ready', async () => {
    const pmId = await notebook(`Events ${kind}`);
    const created = await h
      .http()
      .post(`/postmortems/${pmId}/exports`)
      .set(auth(standard))
      .send({ kind: 'markdown' })
      .expect(202);
    // The response ends when the stream does, i.e. once the export reached a final state.
    const res = await h.http().get(`/exports/${created.body.id}/events`).set(auth(readOnly)).expect(200);
    expect(res.headers['content-type']).toContain('text/event-stream');
    const events = [...res.text.matchAll(/^event: (\w+)\ndata: (.*)$/gm)].map((m) => ({
      event: m[1],
      row: JSON.parse(m[2]!) as { id: string; state: string },
    }));
    expect(events.length).toBeGreaterThan(0);
    expect(events.every((e) => e.event === 'export' && e.row.id === created.body.id)).toBe(true);
    expect(events.at(-1)!.row.state, logs.join('')).toBe('ready');
  }, 60_000);
});
