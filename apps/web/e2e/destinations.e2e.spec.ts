// Destinations on real parts: built API + worker + collab, SQLite, Redis, Debian Chromium, and the fake Confluence.
// Connect a Confluence account → a template saving to Confluence → generate from the Post-Incident tab → the row
// links to the page → export a notebook postmortem to PDF and download it.
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FakeConfluence } from '@pm/testing';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, bootE2e, DEMO_TITLE, tid, type E2e } from './support/harness.js';

let e2e: E2e;
const confluence = new FakeConfluence({ flavor: 'cloud' });
const TEMPLATE = 'Confluence postmortem (e2e)';

/** A call to the API as the admin (setup through the API: the accounts UI lives on another branch). */
async function asAdmin(method: string, path: string, body?: unknown) {
  const login = await fetch(`${e2e.urls.api}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'admin@example.com', password: 'postmortem-demo' }),
  });
  const { token } = (await login.json()) as { token: string };
  const res = await fetch(`${e2e.urls.api}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await res.json()) as Record<string, unknown>;
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${JSON.stringify(json)}`);
  return json;
}

async function openPostIncidentTab(page: Page) {
  await page.click(`text=${DEMO_TITLE}`);
  await page.waitForSelector(tid('web-incident-header'));
  await page.click(tid('web-tab-post-incident'));
  await page.waitForSelector(tid('pm-tab'));
}

async function generate(page: Page, templateName: string) {
  await page.click(tid('pm-generate'));
  await page.waitForSelector(tid('pm-generate-dialog'));
  const option = page.locator(`${tid('pm-template-select')} option`, { hasText: templateName });
  await page.selectOption(tid('pm-template-select'), (await option.getAttribute('value'))!);
  await page.waitForSelector(`${tid('pm-preview')} >> text=${DEMO_TITLE}`);
  await page.click(tid('pm-confirm-generate'));
}

beforeAll(async () => {
  await confluence.start();
  confluence.addSpace('ENG', 'Engineering');
  // NODE_ENV=test + the loopback allowance let API and worker reach the fake on 127.0.0.1 (production refuses both).
  e2e = await bootE2e('destinations', { NODE_ENV: 'test', OUTBOUND_ALLOW_LOOPBACK_FOR_TESTS: 'true' });
});

afterAll(async () => {
  await e2e?.stop();
  await confluence.close();
});

describe('destinations and downloads (real API, worker, Chromium, fake Confluence)', () => {
  let sam: Page;

  it('generates to Confluence from the tab; the row links to the page', async () => {
    const account = await asAdmin('POST', '/connected-accounts', {
      kind: 'confluence_cloud',
      name: 'Engineering wiki',
      siteUrl: confluence.siteUrl,
      email: confluence.email,
      apiToken: confluence.apiToken,
    });
    await asAdmin('POST', '/templates', {
      name: TEMPLATE,
      content:
        '# {{incident.title}}\n\nSeverity: {{incident.severity}}\n\n## Timeline\n\n{{incident.timeline}}',
      destination: 'confluence',
      confluence: { accountId: account.id, spaceKey: 'ENG' },
    });

    sam = await e2e.signIn(await e2e.newPage({ label: 'sam' }), 'standard@example.com');
    await openPostIncidentTab(sam);
    await generate(sam, TEMPLATE);
    const link = sam.locator(
      `${tid('pm-postmortem-row')}[data-generation-state="ready"] ${tid('pm-row-link')}`,
    );
    await link.waitFor({ timeout: 30_000 }).catch(async (e: Error) => {
      await e2e.shot(sam, 'generate-failed');
      throw new Error(`${e.message}\nrows: ${await sam.locator(tid('pm-tab')).innerText()}`);
    });
    const href = (await link.getAttribute('href'))!;
    expect(href.startsWith(confluence.url)).toBe(true);
    expect(
      await sam
        .locator(`${tid('pm-postmortem-row')} ${tid('pm-row-destination')}`)
        .first()
        .innerText(),
    ).toBe('Confluence');
    await e2e.shot(sam, 'row-links-to-confluence');
    const pages = confluence.pages().filter((p) => p.spaceKey === 'ENG');
    expect(pages).toHaveLength(1);
    expect(pages[0]!.body).toContain(DEMO_TITLE);

    // Following the link opens the page the fake serves.
    const [view] = await Promise.all([sam.context().waitForEvent('page'), link.click()]);
    await view.waitForLoadState();
    expect(await view.locator('body').innerText()).toContain(DEMO_TITLE);
    await e2e.shot(view, 'confluence-page');
    await view.close();
  });

  it('exports a notebook postmortem to PDF and downloads it', async () => {
    await generate(sam, 'Postmortem (classic)');
    await sam.waitForSelector(tid('pm-editor'), { timeout: 30_000 });
    await sam.click(tid('pm-export-toggle'));
    const [download] = await Promise.all([
      sam.waitForEvent('download', { timeout: 45_000 }),
      sam.click(tid('pm-export-pdf')),
    ]);
    const file = join(ARTIFACTS, 'destinations-export.pdf');
    await download.saveAs(file);
    expect(download.suggestedFilename()).toMatch(/\.pdf$/);
    const bytes = await readFile(file);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // pdftotext keeps the PDF's line breaks: a long heading wraps.
    const text = execFileSync('pdftotext', [file, '-']).toString('utf8').replace(/\s+/g, ' ');
    expect(text).toContain(DEMO_TITLE);
    execFileSync('pdftoppm', [
      '-png',
      '-r',
      '60',
      '-f',
      '1',
      '-l',
      '1',
      file,
      join(ARTIFACTS, 'destinations-pdf'),
    ]);
    await sam.waitForSelector(`${tid('pm-export-status')}[data-state="ready"]`);
    await e2e.shot(sam, 'after-pdf-download');
    expect(e2e.errors).toEqual([]);
  });
});
