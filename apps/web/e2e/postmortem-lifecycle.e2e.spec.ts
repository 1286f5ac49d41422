// The postmortem lifecycle on real parts (built API + worker + collab, SQLite, Redis, Debian Chromium): header
// "Generate postmortem" → preview → pushed progress → document; status and owner; attach a URL; remove both;
// generate again; the plain HTML host page (no Vue on the host) passes the same smoke test; the admin's job
// dashboard link. The worker runs with the TEST-ONLY render delay so the progress states are observable.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM launcher shared with the start command (no types)
import { startSystem } from '../../../infra/local/system.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const ARTIFACTS = resolve(here, 'artifacts');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const TITLE = 'Checkout API returns 500s after payments deploy';
const tid = (id: string) => `[data-testid="${id}"]`;
const shot = (page: Page, name: string) =>
  page.screenshot({ path: join(ARTIFACTS, `lifecycle-${name}.png`) });

interface System {
  urls: { web: string; api: string; tab: string };
  stop(): Promise<void>;
}

let system: System;
let dataDir: string;
let browser: Browser;
const errors: string[] = [];

async function page(): Promise<Page> {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const p = await ctx.newPage();
  // Errors of our own pages only (Bull Board's page asks for third-party fonts, unreachable here).
  const ours = () => !p.url().includes('/admin/queues');
  p.on('pageerror', (e) => ours() && errors.push(e.message));
  p.on('console', (m) => m.type() === 'error' && ours() && errors.push(m.text()));
  return p;
}

async function signIn(p: Page, email: string) {
  await p.goto(`${system.urls.web}/`);
  await p.fill(tid('web-login-email'), email);
  await p.fill(tid('web-login-password'), 'postmortem-demo');
  await p.click(tid('web-login-submit'));
  await p.waitForSelector(tid('web-incident-row'));
}

const rows = (p: Page) => p.locator(tid('pm-postmortem-row'));

/** Follows the progress element until the editor opens; returns every state it showed. */
async function watchProgress(p: Page): Promise<string[]> {
  const seen: string[] = [];
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (await p.locator(tid('pm-editor')).count()) break;
    const state = await p
      .locator(tid('pm-progress'))
      .getAttribute('data-state', { timeout: 200 })
      .catch(() => null);
    if (state && seen.at(-1) !== state) seen.push(state);
    if (state === 'rendering' && !seen.includes('shot')) {
      await shot(p, '2-progress');
      seen.push('shot');
    }
    await p.waitForTimeout(50);
  }
  return seen.filter((s) => s !== 'shot');
}

beforeAll(async () => {
  await mkdir(ARTIFACTS, { recursive: true });
  dataDir = await mkdtemp(join(tmpdir(), 'pm-e2e-lifecycle-'));
  system = await startSystem({
    databaseUrl: `sqlite:${join(dataDir, 'pm.db')}`,
    redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    redisPrefix: `e2e-life-${Date.now().toString(36)}`,
    output: 'quiet',
    logLevel: 'warn',
    env: { WORKER_TEST_RENDER_DELAY_MS: '1200' },
  });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--no-first-run',
    ],
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await system?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('postmortem lifecycle in the Post-Incident tab (real system, Chromium)', () => {
  let sam: Page;

  it('generates from the incident header with preview and pushed progress, then opens the document', async () => {
    sam = await page();
    await signIn(sam, 'standard@example.com');
    await sam.click(`text=${TITLE}`);
    await sam.click(tid('web-header-generate'));
    await sam.waitForSelector(tid('pm-generate-dialog'));
    await sam.waitForSelector(`${tid('pm-preview')} >> text=${TITLE}`);
    await shot(sam, '1-dialog-preview');
    await sam.click(tid('pm-confirm-generate'));
    const states = await watchProgress(sam);
    expect(states).toContain('rendering');
    await sam.waitForSelector(`${tid('pm-connection')}[data-status="synced"]`, { timeout: 15_000 });
    expect(await sam.locator(tid('pm-editor')).innerText()).toContain(TITLE);
    await shot(sam, '3-document');
  });

  it('changes status and owner from the list; both are on the incident timeline', async () => {
    await sam.click(tid('pm-back'));
    await sam.waitForSelector(tid('pm-postmortem-row'));
    const row = rows(sam).first();
    await expect.poll(() => row.getAttribute('data-generation-state')).toBe('ready');
    expect(await row.innerText()).toMatch(/Notebook/);
    await row.locator(tid('pm-status-select')).selectOption('in_review');
    await expect.poll(() => row.getAttribute('data-status')).toBe('in_review');
    await row.locator(tid('pm-owner-select')).selectOption({ label: 'Ada Admin' });
    await expect
      .poll(() => row.locator(`${tid('pm-owner-select')} option:checked`).innerText())
      .toBe('Ada Admin');
    await shot(sam, '4-status-owner');
    // Response Team (if the tab exists in this build) shows the owner with the system role.
    const team = sam.locator(tid('web-tab-team'));
    if (await team.count()) {
      await team.click();
      await sam.waitForSelector('text=Postmortem owner', { timeout: 10_000 });
      expect(await sam.locator('text=Ada Admin').count()).toBeGreaterThan(0);
      await shot(sam, '5-response-team');
    }
    await sam.click(tid('web-tab-timeline'));
    await sam.reload(); // the shell loads the incident (and its timeline) once per visit
    await sam.waitForSelector('text=status changed from Draft to In Review');
    await sam.waitForSelector('text=owner changed from Sam Standard to Ada Admin');
    await sam.click(tid('web-tab-post-incident'));
    await sam.waitForSelector(tid('pm-postmortem-row'));
  });

  it('attaches an https link (a javascript: link is refused), then removes both links', async () => {
    await sam.click(tid('pm-attach'));
    await sam.fill(tid('pm-attach-title'), 'Vendor write-up');
    await sam.fill(tid('pm-attach-url'), 'javascript:alert(document.cookie)');
    await sam.click(tid('pm-attach-submit'));
    await sam.waitForSelector(`${tid('pm-attach-error')} >> text=http`);
    await sam.fill(tid('pm-attach-url'), 'https://wiki.example.com/display/ENG/Checkout+postmortem');
    await sam.click(tid('pm-attach-submit'));
    await sam.waitForSelector(`${tid('pm-row-link')} >> text=Vendor write-up`);
    expect(await rows(sam).count()).toBe(2);
    await shot(sam, '6-attached');
    while ((await rows(sam).count()) > 0) {
      const before = await rows(sam).count();
      await rows(sam).first().locator(tid('pm-remove')).click();
      await rows(sam).first().locator(tid('pm-remove-confirm')).click();
      await expect.poll(() => rows(sam).count()).toBe(before - 1);
    }
    await sam.waitForSelector(tid('pm-empty'));
    await shot(sam, '7-removed');
  });

  it('generates again from the tab', async () => {
    await sam.click(tid('pm-generate'));
    await sam.waitForSelector(`${tid('pm-preview')} >> text=${TITLE}`);
    await sam.click(tid('pm-confirm-generate'));
    await sam.waitForSelector(`${tid('pm-connection')}[data-status="synced"]`, { timeout: 30_000 });
    await sam.click(tid('pm-back'));
    await expect.poll(() => rows(sam).count()).toBe(1);
  });

  it('the plain HTML host page (no Vue on the host) passes the same smoke test', async () => {
    const host = await page();
    await host.goto(
      `${system.urls.tab}/embed-example.html?apiBaseUrl=${encodeURIComponent(system.urls.api)}`,
    );
    await host.click(tid('host-signin-submit'));
    await host.waitForSelector(tid('pm-tab'));
    const checkout = await host
      .locator(`${tid('host-incident')} option`, { hasText: TITLE })
      .getAttribute('value');
    await host.selectOption(tid('host-incident'), checkout!);
    await host.waitForSelector(tid('pm-postmortem-row'));
    // The host page itself is one inline module script: no framework was loaded by the host.
    expect(await host.locator('script[src]').count()).toBe(0);
    await host.click(tid('pm-generate'));
    await host.waitForSelector(`${tid('pm-preview')} >> text=${TITLE}`);
    await host.click(tid('pm-confirm-generate'));
    await host.waitForSelector(`${tid('pm-connection')}[data-status="synced"]`, { timeout: 30_000 });
    await host.waitForSelector(`${tid('host-events')} li[data-type="postmortem.ready"]`);
    await host.click(tid('pm-back'));
    await host.locator(tid('pm-status-select')).first().selectOption('completed');
    await host.waitForSelector(`${tid('host-events')} li[data-type="postmortem.updated"]`);
    await shot(host, '8-plain-html-host');
  });

  it('links Jobs Admins to the job dashboard, which lists the postmortem queue', async () => {
    const ada = await page();
    await signIn(ada, 'admin@example.com');
    await ada.click(tid('web-user-menu'));
    const href = await ada.locator(tid('web-job-dashboard')).getAttribute('href');
    expect(href).toBe(`${system.urls.api}/admin/queues`);
    await ada.goto(href!);
    await ada.waitForSelector('text=postmortem', { timeout: 15_000 });
    await shot(ada, '9-job-dashboard');
    const standard = await page();
    await signIn(standard, 'standard@example.com');
    await standard.click(tid('web-user-menu'));
    expect(await standard.locator(tid('web-job-dashboard')).count()).toBe(0);
    expect(errors.filter((e) => !/favicon/.test(e))).toEqual([]);
  });
});
