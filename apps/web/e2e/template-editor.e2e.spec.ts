// Template editor on the real system (built API + worker + collab, SQLite, Redis) in Debian Chromium:
// open the editor, insert a variable from the palette, see the live preview with the incident's data,
// see a line:col error for a typo, save, set as default.
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

let system: { urls: { web: string; api: string }; stop(): Promise<void> };
let dataDir: string;
let browser: Browser;
let page: Page;
const errors: string[] = [];

beforeAll(async () => {
  await mkdir(ARTIFACTS, { recursive: true });
  dataDir = await mkdtemp(join(tmpdir(), 'pm-e2e-templates-'));
  system = await startSystem({
    databaseUrl: `sqlite:${join(dataDir, 'pm.db')}`,
    redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    redisPrefix: `e2e-tpl-${Date.now().toString(36)}`,
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
      '--no-first-run',
    ],
  });
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
  page = await ctx.newPage();
  page.on('pageerror', (e) => errors.push(e.message));
  page.on(
    'console',
    (m) => m.type() === 'error' && !/422|Unprocessable/.test(m.text()) && errors.push(m.text()),
  );
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await system?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('template editor (real API, Chromium)', () => {
  it('creates a template with a palette variable, live preview, line:col error, save and set default', async () => {
    await page.goto(`${system.urls.web}/`);
    await page.fill(tid('web-login-email'), 'admin@example.com');
    await page.fill(tid('web-login-password'), 'postmortem-demo');
    await page.click(tid('web-login-submit'));
    await page.waitForSelector(tid('web-incident-row'));

    // The user menu links to the settings page for users with templates_manage.
    await page.click(tid('web-user-menu'));
    await page.click(tid('web-settings-templates'));
    await page.waitForSelector(tid('template-list'));
    await expect
      .poll(() => page.locator(`${tid('template-list')} tbody tr`).count())
      .toBeGreaterThanOrEqual(3);

    await page.click(tid('template-new'));
    await page.waitForSelector(tid('template-variable-palette'));
    await page.fill(tid('template-name'), 'E2E review');
    const option = page.locator(`${tid('template-preview-incident')} option`, { hasText: TITLE });
    await page.selectOption(tid('template-preview-incident'), (await option.getAttribute('value'))!);
    const content = page.locator(tid('template-content'));
    await content.fill('# Review of ');
    await content.press('End');
    await page.click(tid('template-variable-incident.title'));
    await content.press('End');
    await content.type('\n\nCommander: ');
    await page.fill(tid('template-variable-filter'), 'commander');
    await page.click(tid('template-variable-incident.commander'));
    expect(await content.inputValue()).toBe(
      '# Review of {{incident.title}}\n\nCommander: {{incident.commander}}',
    );

    // Live preview with the incident's data (debounced).
    await page.waitForSelector(`${tid('template-preview')} h1 >> text=Review of ${TITLE}`, {
      timeout: 10_000,
    });

    // A typo shows a line:col error with a suggestion.
    await content.press('End');
    await content.type('\n\nSeverity: {{incident.sevrity}}');
    const issue = page.locator(tid('template-issue')).first();
    await expect
      .poll(() => issue.textContent().catch(() => ''), { timeout: 10_000 })
      .toMatch(/line 5:13 — unknown variable incident\.sevrity — did you mean incident\.severity\?/);
    await page.screenshot({ path: join(ARTIFACTS, 'template-editor-error.png'), fullPage: true });

    // Saving with the typo is refused with the same line:col; fixing it saves.
    await page.click(tid('template-save'));
    await page.waitForSelector(`${tid('template-save-error')} >> text=line 5:13`);
    const fixed = (await content.inputValue()).replace('sevrity', 'severity');
    await content.fill(fixed);
    await page.waitForSelector(`${tid('template-preview')} >> text=/Severity: SEV-\\d/`, { timeout: 10_000 });
    await expect.poll(() => page.locator(tid('template-issue')).count()).toBe(0);
    await page.screenshot({ path: join(ARTIFACTS, 'template-editor-preview.png'), fullPage: true });
    await page.click(tid('template-save'));
    await page.waitForSelector(`${tid('template-notice')} >> text=Template saved.`);

    // Set as default: the badge moves to the new template.
    const row = page.locator(tid('template-row-E2E review'));
    await row.locator(tid('template-set-default')).click();
    await row.locator(tid('template-default-badge')).waitFor();
    expect(await page.locator(tid('template-default-badge')).count()).toBe(1);
    await page.screenshot({ path: join(ARTIFACTS, 'template-list.png'), fullPage: true });
    expect(errors).toEqual([]);
  });
});
