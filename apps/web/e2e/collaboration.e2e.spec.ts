// Collaboration on the real system (API + worker + collab processes, SQLite, Redis, Debian Chromium):
// two named editors, an inline comment thread (comment → reply → resolve), a read-only reader who cannot change
// anything, and a restore from version history that reaches every open editor.
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

let system: { urls: { web: string }; stop(): Promise<void> };
let dataDir: string;
let browser: Browser;
const contexts: BrowserContext[] = [];
const errors: string[] = [];

async function signedInPage(email: string): Promise<Page> {
  const ctx = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  contexts.push(ctx);
  const page = await ctx.newPage();
  page.on('pageerror', (e) => errors.push(`${email}: ${e.message}`));
  await page.goto(`${system.urls.web}/`);
  await page.fill(tid('web-login-email'), email);
  await page.fill(tid('web-login-password'), 'postmortem-demo');
  await page.click(tid('web-login-submit'));
  await page.waitForSelector(tid('web-incident-row'));
  await page.click(`text=${TITLE}`);
  await page.waitForSelector(tid('web-incident-header'));
  await page.click(tid('web-tab-post-incident'));
  await page.waitForSelector(tid('pm-tab'));
  return page;
}

async function openFirstPostmortem(page: Page) {
  await page.click(`${tid('pm-row-title')} >> nth=0`);
  try {
    await page.waitForSelector(`${tid('pm-connection')}[data-status="synced"]`, { timeout: 15_000 });
  } catch (err) {
    await shot(page, 'debug-open-failed');
    throw err;
  }
}

const editorText = (page: Page) => page.locator(tid('pm-editor')).innerText();
const shot = (page: Page, name: string) => page.screenshot({ path: join(ARTIFACTS, `collab-${name}.png`) });

async function typeLine(page: Page, line: string) {
  await page.click(tid('pm-editor'));
  await page.keyboard.press('Control+End');
  await page.keyboard.press('Enter');
  await page.keyboard.type(line);
}

beforeAll(async () => {
  await mkdir(ARTIFACTS, { recursive: true });
  dataDir = await mkdtemp(join(tmpdir(), 'pm-e2e-collab-'));
  system = await startSystem({
    databaseUrl: `sqlite:${join(dataDir, 'pm.db')}`,
    redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    redisPrefix: `e2e-collab-${Date.now().toString(36)}`,
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
}, 120_000);

afterAll(async () => {
  await Promise.all(contexts.map((c) => c.close().catch(() => undefined)));
  await browser?.close();
  await system?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('collaboration (real system, Chromium)', () => {
  let sam: Page;
  let ada: Page;

  it('two users edit together and see each other’s named cursors', async () => {
    sam = await signedInPage('standard@example.com');
    await sam.click(tid('pm-generate'));
    await sam.waitForSelector(`${tid('pm-preview')} >> text=${TITLE}`);
    await sam.click(tid('pm-confirm-generate'));
    await sam.waitForSelector(`${tid('pm-connection')}[data-status="synced"]`, { timeout: 30_000 });
    ada = await signedInPage('admin@example.com');
    await openFirstPostmortem(ada);

    await typeLine(sam, 'Root cause: stale connection pool');
    await typeLine(ada, 'Ada adds the customer impact');
    await expect.poll(() => editorText(ada), { timeout: 10_000 }).toContain('stale connection pool');
    await expect.poll(() => editorText(sam), { timeout: 10_000 }).toContain('customer impact');
    await ada.waitForSelector('.collaboration-carets__label >> text=Sam Standard', { timeout: 10_000 });
    await sam.waitForSelector('.collaboration-carets__label >> text=Ada Admin', { timeout: 10_000 });
    await ada.locator('.collaboration-carets__label').first().scrollIntoViewIfNeeded();
    await shot(ada, '1-two-editors-ada');
  });

  it('Sam comments on selected text; Ada replies and resolves; the thread can be reopened', async () => {
    // select the line Sam typed, then comment on it
    await sam.locator(tid('pm-editor')).getByText('Root cause: stale connection pool').click();
    await sam.keyboard.press('End');
    await sam.keyboard.press('Shift+Home');
    await sam.fill(tid('pm-comment-input'), 'Why did the pool go stale?');
    await sam.click(tid('pm-comment-add'));
    await sam.waitForSelector(`${tid('pm-thread')} >> text=Why did the pool go stale?`);

    await ada.waitForSelector(`${tid('pm-thread')} >> text=Why did the pool go stale?`, { timeout: 10_000 });
    await expect.poll(() => ada.locator('.pm-comment-mark').count()).toBeGreaterThan(0);
    expect(await ada.locator(tid('pm-comment-edit')).count()).toBe(0); // not her comment: no edit / delete
    await ada.fill(tid('pm-reply-input'), 'A deploy changed the idle timeout');
    await ada.click(tid('pm-reply'));
    await sam.waitForSelector(`${tid('pm-thread')} >> text=A deploy changed the idle timeout`, {
      timeout: 10_000,
    });
    await shot(sam, '2-thread-with-reply-sam');

    await ada.click(tid('pm-resolve'));
    await expect.poll(() => sam.locator(tid('pm-comments')).getAttribute('data-count')).toBe('0');
    await sam.check(tid('pm-comments-show-resolved'));
    await sam.waitForSelector(`${tid('pm-thread')}[data-resolved="true"] >> text=Resolved by Ada Admin`);
    await shot(sam, '3-resolved-sam');
    await sam.click(tid('pm-resolve')); // reopen from the comment history
    await expect.poll(() => ada.locator(tid('pm-comments')).getAttribute('data-count')).toBe('1');
  });

  it('a read-only user sees everything but cannot change the document or comment', async () => {
    const rita = await signedInPage('readonly@example.com');
    await openFirstPostmortem(rita);
    await rita.waitForSelector(tid('pm-readonly'));
    const before = await editorText(sam);
    await rita.click(tid('pm-editor'));
    await rita.keyboard.type('Rita tries to type');
    await rita.keyboard.press('Enter');
    expect(await rita.locator(tid('pm-comment-input')).count()).toBe(0);
    expect(await rita.locator(tid('pm-reply-input')).count()).toBe(0);
    await rita.waitForSelector(`${tid('pm-thread')} >> text=Why did the pool go stale?`);
    await new Promise((r) => setTimeout(r, 1000));
    expect(await editorText(rita)).not.toContain('Rita tries');
    expect(await editorText(sam)).toBe(before);
    await rita.evaluate(() => window.scrollTo(0, 0));
    await shot(rita, '4-read-only-rita');
  });

  it('restores a named version into both open editors and keeps the history', async () => {
    await sam.click(tid('pm-tab-history'));
    await sam.fill(tid('pm-version-name'), 'Before rewrite');
    await sam.click(tid('pm-version-save'));
    await sam.waitForSelector(`${tid('pm-version')}[data-name="Before rewrite"]`);

    await typeLine(sam, 'Mistaken rewrite line');
    await expect.poll(() => editorText(ada), { timeout: 10_000 }).toContain('Mistaken rewrite line');

    await sam.click(`${tid('pm-version')}[data-name="Before rewrite"] ${tid('pm-version-open')}`);
    await sam.waitForSelector(`${tid('pm-version-preview')} >> text=stale connection pool`);
    await shot(sam, '5-version-preview-sam');
    await sam.click(tid('pm-version-restore'));
    await expect.poll(() => editorText(ada), { timeout: 10_000 }).not.toContain('Mistaken rewrite line');
    await expect.poll(() => editorText(sam), { timeout: 10_000 }).not.toContain('Mistaken rewrite line');
    expect(await editorText(ada)).toContain('stale connection pool');
    await sam.waitForSelector(`${tid('pm-version')}[data-kind="restore"]`);
    expect(await sam.locator(`${tid('pm-version')}[data-name="Before rewrite"]`).count()).toBe(1);
    await shot(sam, '6-after-restore-sam');
    expect(errors).toEqual([]);
  });
});
