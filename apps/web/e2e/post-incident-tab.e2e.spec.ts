import { mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_INCIDENT_ID, startFakeApi, type FakeApi } from './support/fake-api.js';
import { serveStatic, type StaticServer } from './support/static.js';

const here = dirname(fileURLToPath(import.meta.url));
const WEB_DIST = resolve(here, '../dist');
const TAB_DIST = resolve(here, '../../post-incident-tab/dist');
const ARTIFACTS = resolve(here, 'artifacts');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

let api: FakeApi;
let web: StaticServer;
let tab: StaticServer;
let ctx: BrowserContext;
let page: Page;
let profile: string;
const consoleErrors: string[] = [];

beforeAll(async () => {
  for (const [name, dir] of [
    ['web', WEB_DIST],
    ['post-incident-tab', TAB_DIST],
  ] as const) {
    if (!(await stat(join(dir, 'index.html')).catch(() => null)))
      throw new Error(`${dir} is missing: run \`pnpm --filter @pm/${name} build\` first`);
  }
  await mkdir(ARTIFACTS, { recursive: true });
  // Port 9 refuses connections: the editor shows its offline state without a collab server.
  api = await startFakeApi({ collabUrl: 'ws://127.0.0.1:9' });
  tab = await serveStatic(TAB_DIST);
  web = await serveStatic(WEB_DIST, {
    spa: true,
    overrides: {
      '/config.js': `window.__PM_CONFIG__ = ${JSON.stringify({ apiUrl: api.url, tabUrl: `${tab.url}/mount.js` })};`,
    },
  });
  profile = await mkdtemp(join(tmpdir(), 'pm-e2e-chromium-'));
  ctx = await chromium.launchPersistentContext(profile, {
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
    viewport: { width: 1280, height: 900 },
  });
  page = ctx.pages()[0] ?? (await ctx.newPage());
  page.on('console', (m) => {
    // The collab socket to the closed port is expected to fail in this test.
    if (m.type() === 'error' && !m.text().includes('ws://127.0.0.1:9')) consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(`pageerror: ${e.message}`));
});

afterAll(async () => {
  await ctx?.close();
  await Promise.all([api?.close(), web?.close(), tab?.close()]);
  if (profile) await rm(profile, { recursive: true, force: true });
});

const tid = (id: string) => `[data-testid="${id}"]`;

describe('web shell + Post-Incident tab in Chromium (fake API)', () => {
  it('signs in and lists incidents', async () => {
    await page.goto(`${web.url}/`);
    await page.fill(tid('web-login-email'), 'standard@example.com');
    await page.fill(tid('web-login-password'), 'wrong');
    await page.click(tid('web-login-submit'));
    await expect.poll(() => page.textContent(tid('web-login-error'))).toContain('Wrong email or password');
    consoleErrors.length = 0; // Chromium logs the expected 401 of the wrong password
    await page.fill(tid('web-login-password'), 'postmortem-demo');
    await page.click(tid('web-login-submit'));
    await page.waitForSelector(tid('web-incident-row'));
    expect(await page.locator(tid('web-incident-row')).count()).toBe(2);
    await page.fill(tid('web-incident-filter'), 'checkout');
    await expect.poll(() => page.locator(tid('web-incident-row')).count()).toBe(1);
    await page.screenshot({ path: join(ARTIFACTS, '1-incidents.png') });
  });

  it('opens the demo incident and mounts the tab with its postmortem list', async () => {
    await page.click('text=Checkout API returns 500s after payments deploy');
    await page.waitForSelector(tid('web-incident-header'));
    expect(await page.textContent(tid('web-incident-title'))).toBe(
      'Checkout API returns 500s after payments deploy',
    );
    await page.click(tid('web-tab-timeline'));
    await page.waitForSelector(tid('web-timeline-entry'));
    expect(await page.locator(`${tid('web-timeline-entry')}.important`).count()).toBe(1);
    await page.click(tid('web-tab-post-incident'));
    expect(page.url()).toContain(`/incidents/${DEMO_INCIDENT_ID}/post-incident`);
    await page.waitForSelector(tid('pm-postmortem-row'));
    const row = await page.textContent(tid('pm-postmortem-row'));
    expect(row).toContain('Checkout 500s — first draft');
    expect(row).toContain('Lightweight review');
    expect(row).toContain('Sam Standard');
    await page.screenshot({ path: join(ARTIFACTS, '2-tab-list.png') });
    // The tab brought its own stylesheet, resolved next to mount.js.
    expect(
      await page.evaluate(() => [...document.styleSheets].some((s) => s.href?.endsWith('/mount.css'))),
    ).toBe(true);
  });

  it('shows the generate dialog with the default template and a live preview', async () => {
    await page.click(tid('pm-generate'));
    await page.waitForSelector(`${tid('pm-preview')}[data-state="ready"]`);
    expect(await page.locator(`${tid('pm-template-select')} option:checked`).textContent()).toContain(
      'Standard postmortem',
    );
    expect(await page.textContent(`${tid('pm-preview')} h1`)).toBe(
      'Postmortem: Checkout API returns 500s after payments deploy',
    );
    await page.selectOption(tid('pm-template-select'), { label: 'Lightweight review' });
    await expect.poll(() => page.textContent(tid('pm-preview'))).toContain('Template: Lightweight review');
    await page.selectOption(tid('pm-template-select'), { label: 'Standard postmortem (default)' });
    await expect.poll(() => page.textContent(tid('pm-preview'))).toContain('Template: Standard postmortem');
    await page.screenshot({ path: join(ARTIFACTS, '3-generate-dialog.png') });
  });

  it('generates once on a double click, shows progress, then opens the editor', async () => {
    await page.dblclick(tid('pm-confirm-generate'));
    await page.waitForSelector(tid('pm-progress'));
    expect(await page.isDisabled(tid('pm-confirm-generate'))).toBe(true);
    await page.waitForSelector(`${tid('pm-progress')}[data-state="rendering"]`);
    await page.screenshot({ path: join(ARTIFACTS, '4-progress.png') });
    await page.waitForSelector(tid('pm-editor'));
    expect(api.generateKeys).toHaveLength(1);
    expect(await page.getAttribute(tid('pm-editor'), 'contenteditable')).toBe('true');
    await page.click(tid('pm-editor'));
    await page.keyboard.type('Root cause: tokenizer contract change.');
    expect(await page.textContent(tid('pm-editor'))).toContain('Root cause: tokenizer contract change.');
    await page.waitForSelector(tid('pm-presence'));
    await page.screenshot({ path: join(ARTIFACTS, '5-editor.png') });
  });

  it('unmounts the tab when leaving and logs out', async () => {
    await page.click(tid('web-tab-overview'));
    await page.waitForSelector(tid('web-overview'));
    expect(await page.locator(tid('pm-tab')).count()).toBe(0);
    await page.click(tid('web-user-menu'));
    await page.click(tid('web-logout'));
    await page.waitForSelector(tid('web-login-form'));
    expect(await page.evaluate(() => localStorage.getItem('pm.token'))).toBeNull();
    expect(consoleErrors).toEqual([]);
  });
});
