// The whole path on real parts: built API + worker + collab processes, SQLite, Redis, Debian Chromium.
// Generate from the Post-Incident tab → the worker renders the template → two users co-edit with named cursors.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM launcher shared with the start command (no types)
import { startSystem } from '../../../infra/local/system.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const ARTIFACTS = resolve(here, 'artifacts');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const TITLE = 'Checkout API returns 500s after payments deploy';
const tid = (id: string) => `[data-testid="${id}"]`;

interface System {
  urls: { web: string; api: string };
  procs: Array<{ label: string; logs: string[] }>;
  stop(): Promise<void>;
}

let system: System;
let dataDir: string;
let browser: Browser;
const contexts: BrowserContext[] = [];
const errors: string[] = [];

async function signedInPage(email: string): Promise<Page> {
  const ctx = await browser.newContext({ viewport: { width: 1200, height: 860 } });
  contexts.push(ctx);
  const page = await ctx.newPage();
  page.on('pageerror', (e) => errors.push(`${email}: ${e.message}`));
  page.on('console', (m) => m.type() === 'error' && errors.push(`${email}: ${m.text()}`));
  await page.goto(`${system.urls.web}/`);
  await page.fill(tid('web-login-email'), email);
  await page.fill(tid('web-login-password'), 'postmortem-demo');
  await page.click(tid('web-login-submit'));
  await page.waitForSelector(tid('web-incident-row'));
  return page;
}

async function openPostIncidentTab(page: Page) {
  await page.click(`text=${TITLE}`);
  await page.waitForSelector(tid('web-incident-header'));
  await page.click(tid('web-tab-post-incident'));
  await page.waitForSelector(tid('pm-tab'));
}

const editorText = (page: Page) => page.locator(tid('pm-editor')).innerText();

beforeAll(async () => {
  await mkdir(ARTIFACTS, { recursive: true });
  dataDir = await mkdtemp(join(tmpdir(), 'pm-e2e-system-'));
  system = await startSystem({
    databaseUrl: `sqlite:${join(dataDir, 'pm.db')}`,
    redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    redisPrefix: `e2e-${Date.now().toString(36)}`,
    output: 'quiet',
    logLevel: 'warn',
  });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
    ],
  });
}, 120_000);

afterAll(async () => {
  await Promise.all(contexts.map((c) => c.close().catch(() => undefined)));
  await browser?.close();
  await system?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('generate a postmortem and co-edit it (real API, worker, collab, Chromium)', () => {
  let sam: Page;
  let ada: Page;

  it('generates from the Post-Incident tab and opens the rendered document in the editor', async () => {
    sam = await signedInPage('standard@example.com');
    await openPostIncidentTab(sam);
    await sam.click(tid('pm-generate'));
    await sam.waitForSelector(`${tid('pm-preview')} >> text=${TITLE}`);
    await sam.click(tid('pm-confirm-generate'));
    await sam.waitForSelector(tid('pm-editor'), { timeout: 30_000 });
    await sam.waitForSelector(`${tid('pm-connection')}[data-status="synced"]`, { timeout: 15_000 });
    const text = await editorText(sam);
    expect(text).toContain(TITLE);
    // The seeded timeline is rendered into the document (first and a later entry of the demo incident).
    expect(text).toMatch(/Timeline/);
    expect(text).toMatch(/\d{2}:\d{2}/);
  });

  it('shows text typed by one user to another, with the first user’s named cursor', async () => {
    ada = await signedInPage('admin@example.com');
    await openPostIncidentTab(ada);
    await ada.click(`${tid('pm-postmortem-row')} >> nth=0 >> ${tid('pm-row-title')}`);
    await ada.waitForSelector(`${tid('pm-connection')}[data-status="synced"]`, { timeout: 15_000 });

    const line = `Sam was here ${Date.now().toString(36)}`;
    await sam.click(tid('pm-editor'));
    await sam.keyboard.press('Control+End');
    await sam.keyboard.press('Enter');
    await sam.keyboard.type(line);
    await expect.poll(() => editorText(ada), { timeout: 10_000 }).toContain(line);
    // Ada sees Sam's caret labelled with his name, and both see each other in the presence list.
    await ada.waitForSelector('.collaboration-carets__label >> text=Sam Standard', { timeout: 10_000 });
    await expect.poll(() => ada.locator(`${tid('pm-presence')} li`).count()).toBeGreaterThanOrEqual(2);
    await ada.locator('.collaboration-carets__label').scrollIntoViewIfNeeded();
    await sam.locator(tid('pm-editor')).locator(`text=${line}`).scrollIntoViewIfNeeded();
    await ada.screenshot({ path: join(ARTIFACTS, 'system-two-users-ada.png') });
    await sam.screenshot({ path: join(ARTIFACTS, 'system-two-users-sam.png') });

    // Reload: the text was stored and comes back.
    await new Promise((r) => setTimeout(r, 2_500)); // past the collab store debounce
    await ada.reload();
    await ada.waitForSelector(tid('pm-postmortem-row'));
    await ada.click(`${tid('pm-postmortem-row')} >> nth=0 >> ${tid('pm-row-title')}`);
    await ada.waitForSelector(`${tid('pm-connection')}[data-status="synced"]`, { timeout: 15_000 });
    await expect.poll(() => editorText(ada), { timeout: 10_000 }).toContain(line);
    expect(errors).toEqual([]);
  });
});
