// Formatting on the real system (API + worker + collab, SQLite, Redis, Debian Chromium), two users in two browser
// contexts: Sam formats with the bubble menu, the toolbar and the "/" menu; Ada sees every block, ticks the task
// and types into the table; Sam sees her changes. Screenshots of the bubble menu, toolbar and slash menu.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootE2e, DEMO_TITLE, tid, type E2e } from './support/harness.js';

/** How long a change may take to reach the other browser when the 2-core machine is busy. */
const SYNC_MS = 30_000;
let e2e: E2e;

async function signedInPage(email: string): Promise<Page> {
  const page = await e2e.signIn(
    await e2e.newPage({ label: email, viewport: { width: 1400, height: 900 }, consoleErrors: false }),
    email,
  );
  await page.click(`text=${DEMO_TITLE}`);
  await page.waitForSelector(tid('web-incident-header'));
  await page.click(tid('web-tab-post-incident'));
  await page.waitForSelector(tid('pm-tab'));
  return page;
}

const shot = (page: Page, name: string) => e2e.shot(page, name);
const editor = (page: Page) => page.locator(tid('pm-editor'));
const tables = (page: Page) => editor(page).locator('table:not(.pm-incident-card table)');

/** A new paragraph at the end of the document with `line` typed into it. */
async function typeLine(page: Page, line: string) {
  await editor(page).click();
  await page.keyboard.press('Control+End');
  await page.keyboard.press('Enter');
  await page.keyboard.type(line);
}

beforeAll(async () => {
  e2e = await bootE2e('formatting');
});

afterAll(async () => {
  await e2e?.stop();
});

describe('formatting (real system, Chromium)', () => {
  let sam: Page;
  let ada: Page;
  let tablesBefore = 0;

  it('Sam applies bold from the bubble menu, a task list from the toolbar and a table from the "/" menu', async () => {
    sam = await signedInPage('standard@example.com');
    await sam.click(tid('pm-generate'));
    await sam.waitForSelector(`${tid('pm-preview')} >> text=${DEMO_TITLE}`);
    await sam.click(tid('pm-confirm-generate'));
    await sam.waitForSelector(`${tid('pm-connection')}[data-status="synced"]`, { timeout: SYNC_MS });
    await sam.waitForSelector(tid('pm-toolbar'));
    ada = await signedInPage('admin@example.com');
    await ada.click(`${tid('pm-row-title')} >> nth=0`);
    await ada.waitForSelector(`${tid('pm-connection')}[data-status="synced"]`, { timeout: SYNC_MS });
    tablesBefore = await tables(sam).count();

    // Bold through the bubble menu. ProseMirror takes a keyboard selection from the async selectionchange event:
    // the menu appears only once the editor holds the selection, so waiting for it is waiting for that.
    await typeLine(sam, 'Pool exhausted at peak');
    await editor(sam).getByText('Pool exhausted at peak').click();
    await sam.keyboard.press('End');
    await sam.keyboard.press('Shift+Home');
    const bubble = sam.locator(tid('pm-bubble-menu'));
    await bubble.waitFor({ state: 'visible' });
    await expect.poll(() => bubble.evaluate((el) => getComputedStyle(el).visibility)).toBe('visible');
    await shot(sam, '1-bubble-menu');
    await sam.click(tid('pm-bubble-bold'));
    await editor(sam).locator('strong', { hasText: 'Pool exhausted at peak' }).waitFor();
    expect(await sam.getAttribute(tid('pm-bubble-bold'), 'aria-pressed')).toBe('true');

    // The link prompt from the bubble menu refuses a javascript: address with a message, then links an https one.
    await sam.click(tid('pm-bubble-link'));
    await sam.fill(tid('pm-link-input'), 'javascript:alert(1)');
    await sam.click(tid('pm-link-apply'));
    await sam.waitForSelector(
      `${tid('pm-link-error')} >> text=Only web (http, https) and email (mailto) links`,
    );
    await shot(sam, '1b-link-refused');
    await sam.fill(tid('pm-link-input'), 'https://status.example.com/pool');
    await sam.click(tid('pm-link-apply'));
    await editor(sam)
      .locator('a[href="https://status.example.com/pool"]', { hasText: 'Pool exhausted' })
      .waitFor();
    expect(await sam.locator(tid('pm-link-prompt')).count()).toBe(0);

    // A task list from the toolbar (the button keeps the editor's focus, so the cursor's line is converted).
    await sam.keyboard.press('End');
    await sam.keyboard.press('Enter');
    await sam.keyboard.type('Verify pool size');
    await sam.click(tid('pm-fmt-task-list'));
    try {
      await editor(sam).locator('ul[data-type="taskList"] > li', { hasText: 'Verify pool size' }).waitFor();
    } catch (err) {
      await shot(sam, 'debug-task-list');
      throw err;
    }
    await expect.poll(() => sam.getAttribute(tid('pm-fmt-task-list'), 'aria-pressed')).toBe('true');
    // The new line continues in bold (ProseMirror carries the marks over Enter), and the toolbar says so.
    expect(await sam.getAttribute(tid('pm-fmt-bold'), 'aria-pressed')).toBe('true');
    await sam.locator(tid('pm-toolbar')).scrollIntoViewIfNeeded();
    await shot(sam, '2-toolbar-task-list');

    // Leave the list (Enter on an empty item) and insert a table with "/".
    await sam.keyboard.press('Enter');
    await sam.keyboard.press('Enter');
    await sam.keyboard.type('/tab');
    await sam.waitForSelector(`${tid('pm-slash-item-table')}[aria-selected="true"]`);
    expect(await sam.locator(`${tid('pm-slash-menu')} [role="option"]`).count()).toBeGreaterThan(0);
    await shot(sam, '3-slash-menu');
    await sam.keyboard.press('Enter');
    await expect.poll(() => tables(sam).count()).toBe(tablesBefore + 1);
    expect(await sam.locator(tid('pm-slash-menu')).count()).toBe(0);
    expect(await editor(sam).innerText()).not.toContain('/tab');
    // Inside the table the toolbar offers row / column controls.
    await sam.waitForSelector(tid('pm-table-tools'));
    await sam.keyboard.type('Check');
    await shot(sam, '4-table-tools');
  });

  it('Ada sees the formatting, ticks the task and types into a table cell; Sam sees both', async () => {
    await editor(ada).locator('strong', { hasText: 'Pool exhausted at peak' }).waitFor({ timeout: SYNC_MS });
    await editor(ada).locator('a[href="https://status.example.com/pool"]').waitFor({ timeout: SYNC_MS });
    const task = (page: Page) =>
      editor(page).locator('ul[data-type="taskList"] > li', { hasText: 'Verify pool size' });
    await task(ada).waitFor({ timeout: SYNC_MS });
    await expect.poll(() => tables(ada).count(), { timeout: SYNC_MS }).toBe(tablesBefore + 1);
    await expect.poll(() => tables(ada).last().innerText(), { timeout: SYNC_MS }).toContain('Check');

    await task(ada).locator('input[type="checkbox"]').check();
    await expect.poll(() => task(sam).getAttribute('data-checked'), { timeout: SYNC_MS }).toBe('true');

    const cell = tables(ada).last().locator('td').first();
    await cell.click();
    await ada.keyboard.type('Ada was here');
    await expect
      .poll(() => tables(sam).last().locator('td').first().innerText(), { timeout: SYNC_MS })
      .toContain('Ada was here');
    await tables(sam).last().scrollIntoViewIfNeeded();
    await shot(sam, '5-after-ada');
  });

  it('a read-only user gets no toolbar, bubble menu or "/" menu', async () => {
    const rita = await signedInPage('readonly@example.com');
    await rita.click(`${tid('pm-row-title')} >> nth=0`);
    await rita.waitForSelector(`${tid('pm-connection')}[data-status="synced"]`, { timeout: SYNC_MS });
    await rita.waitForSelector(tid('pm-readonly'));
    await editor(rita).locator('strong', { hasText: 'Pool exhausted at peak' }).waitFor({ timeout: SYNC_MS });
    expect(await rita.locator(tid('pm-toolbar')).count()).toBe(0);
    await editor(rita).getByText('Pool exhausted at peak').dblclick();
    await rita.keyboard.type('/');
    expect(await rita.locator(tid('pm-bubble-menu')).count()).toBe(0);
    expect(await rita.locator(tid('pm-slash-menu')).count()).toBe(0);
    expect(e2e.errors).toEqual([]);
  });
});
