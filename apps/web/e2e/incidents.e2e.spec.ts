// Incidents, people and access on real parts: built API + worker + collab, SQLite, Redis, Debian Chromium.
// Log in, find an incident with the list filters, change its severity in the header, add a timeline note and see
// it on the Timeline tab; then check that a private incident is hidden from a non-responder.
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
const TITLE = 'Elevated latency in eu-west-1 search cluster';
const PRIVATE_TITLE = "Support tool showed other tenants' invoices to agents";
const tid = (id: string) => `[data-testid="${id}"]`;

let system: { urls: { web: string; api: string }; stop(): Promise<void> };
let dataDir: string;
let browser: Browser;
const errors: string[] = [];

async function signIn(email: string): Promise<Page> {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
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

beforeAll(async () => {
  await mkdir(ARTIFACTS, { recursive: true });
  dataDir = await mkdtemp(join(tmpdir(), 'pm-e2e-incidents-'));
  system = await startSystem({
    databaseUrl: `sqlite:${join(dataDir, 'pm.db')}`,
    redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    redisPrefix: `e2e-inc-${Date.now().toString(36)}`,
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
  await browser?.close();
  await system?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('incidents in the shell (real API, Chromium)', () => {
  it('finds an incident, changes its severity, adds a note and sees it on the Timeline tab', async () => {
    const page = await signIn('standard@example.com');
    await page.selectOption(tid('web-filter-severity'), 'SEV-3');
    await page.selectOption(tid('web-filter-status'), 'resolved');
    await page.fill(tid('web-incident-filter'), 'latency');
    await expect.poll(() => page.locator(tid('web-incident-row')).count()).toBe(1);
    await page.screenshot({ path: join(ARTIFACTS, 'incidents-list-filtered.png') });
    await page.click(`text=${TITLE}`);
    await page.waitForSelector(tid('web-incident-header'));

    await page.selectOption(tid('web-severity-select'), 'SEV-2');
    await expect
      .poll(() =>
        page
          .locator(`${tid('web-incident-header')} .badge`)
          .first()
          .innerText(),
      )
      .toBe('SEV-2');
    await page.screenshot({ path: join(ARTIFACTS, 'incidents-overview.png') });

    await page.click(tid('web-tab-timeline'));
    const note = `Rebalanced shards on search-eu-7 (${Date.now()})`;
    await page.fill(tid('web-note-input'), note);
    await page.check(tid('web-note-important'));
    await page.click(tid('web-note-submit'));
    const entry = page.locator(tid('web-timeline-entry'), { hasText: note });
    await expect.poll(() => entry.count()).toBe(1);
    // The severity change was recorded automatically as an incident update.
    await expect
      .poll(() =>
        page.locator(tid('web-timeline-entry'), { hasText: 'Severity changed from SEV-3 to SEV-2' }).count(),
      )
      .toBe(1);
    await page.check(tid('web-filter-important'));
    await expect.poll(() => entry.count()).toBe(1);
    const shown = await page.locator(tid('web-timeline-entry')).allInnerTexts();
    expect(shown.every((t) => t.includes('Important'))).toBe(true);
    await page.uncheck(tid('web-filter-important'));
    await page.check(tid('web-sort-newest'));
    await page.screenshot({ path: join(ARTIFACTS, 'incidents-timeline.png') });

    // After a reload the note is still there (it was stored, not only shown).
    await page.reload();
    await page.waitForSelector(tid('web-timeline'));
    await expect.poll(() => page.locator(tid('web-timeline-entry'), { hasText: note }).count()).toBe(1);

    await page.click(tid('web-tab-team'));
    await page.waitForSelector(tid('web-team-member'));
    const team = await page.locator(tid('web-team-member')).allInnerTexts();
    expect(team.some((t) => t.includes('Sam Standard'))).toBe(true); // the note's author joined the team
    await page.screenshot({ path: join(ARTIFACTS, 'incidents-team.png') });
  }, 90_000);

  it('shows the private incident to a responder and hides it from everyone else', async () => {
    const marco = await signIn('marco@example.com');
    await marco.selectOption(tid('web-filter-visibility'), 'private');
    await expect
      .poll(() => marco.locator(tid('web-incident-row')).allInnerTexts())
      .toEqual([expect.stringContaining(PRIVATE_TITLE)]);
    const sam = await signIn('standard@example.com');
    const titles = await sam.locator(tid('web-incident-row')).allInnerTexts();
    expect(titles.length).toBeGreaterThan(5);
    expect(titles.some((t) => t.includes(PRIVATE_TITLE))).toBe(false);
    expect(errors).toEqual([]);
  }, 60_000);
});
