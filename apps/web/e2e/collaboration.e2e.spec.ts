// Collaboration on the real system (API + worker + collab processes, SQLite, Redis, Debian Chromium):
// two named editors, an inline comment thread (comment → reply → resolve), a read-only reader who cannot change
// anything, and a restore from version history that reaches every open editor.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentText } from './support/editor.js';
import { bootE2e, DEMO_TITLE, tid, type E2e } from './support/harness.js';

const TITLE = DEMO_TITLE;
/** How long a change may take to reach the other browsers when the 2-core machine is busy. */
const SYNC_MS = 30_000;
let e2e: E2e;

async function signedInPage(email: string): Promise<Page> {
  const page = await e2e.signIn(
    await e2e.newPage({ label: email, viewport: { width: 1400, height: 900 }, consoleErrors: false }),
    email,
  );
  await page.click(`text=${TITLE}`);
  await page.waitForSelector(tid('web-incident-header'));
  await page.click(tid('web-tab-post-incident'));
  await page.waitForSelector(tid('pm-tab'));
  return page;
}

async function openFirstPostmortem(page: Page) {
  await page.click(`${tid('pm-row-title')} >> nth=0`);
  try {
    await page.waitForSelector(`${tid('pm-connection')}[data-status="synced"]`, { timeout: SYNC_MS });
  } catch (err) {
    await shot(page, 'debug-open-failed');
    throw err;
  }
}

const editorText = (page: Page) => documentText(page.locator(tid('pm-editor')));
const shot = (page: Page, name: string) => e2e.shot(page, name);

async function typeLine(page: Page, line: string) {
  await page.click(tid('pm-editor'));
  await page.keyboard.press('Control+End');
  await page.keyboard.press('Enter');
  await page.keyboard.type(line);
}

beforeAll(async () => {
  e2e = await bootE2e('collab');
});

afterAll(async () => {
  await e2e?.stop();
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
    // Ada starts her line at the end of the document only once all of Sam's line has reached her: typing at the
    // end while his characters still arrive puts her line inside his (the merge of two people typing at one spot).
    await expect.poll(() => editorText(ada), { timeout: SYNC_MS }).toContain('stale connection pool');
    await typeLine(ada, 'Ada adds the customer impact');
    await expect.poll(() => editorText(sam), { timeout: SYNC_MS }).toContain('customer impact');
    await ada.waitForSelector('.collaboration-carets__label >> text=Sam Standard', { timeout: SYNC_MS });
    await sam.waitForSelector('.collaboration-carets__label >> text=Ada Admin', { timeout: SYNC_MS });
    await ada.locator('.collaboration-carets__label').first().scrollIntoViewIfNeeded();
    await shot(ada, '1-two-editors-ada');
  });

  it('Sam comments on selected text; Ada replies and resolves; the thread can be reopened', async () => {
    // Sam types the comment before selecting anything: the box keeps it and says why it cannot comment yet.
    await sam.fill(tid('pm-comment-input'), 'Why did the pool go stale?');
    await sam.waitForSelector(`${tid('pm-comment-reason')} >> text=Select text in the document`);
    expect(await sam.isDisabled(tid('pm-comment-add'))).toBe(true);

    // Select the line Sam typed. The editor takes a keyboard selection from the browser's selectionchange event,
    // which arrives asynchronously and is ignored once focus has left the editor: moving focus to the comment box
    // or button before the editor has it leaves a collapsed cursor. The button enables when the editor holds the
    // selection, so wait for that before anything else takes the focus.
    await sam.locator(tid('pm-editor')).getByText('Root cause: stale connection pool').click();
    await sam.keyboard.press('End');
    await sam.keyboard.press('Shift+Home');
    await sam.waitForSelector(`${tid('pm-comment-add')}:enabled`);
    expect(await sam.locator(tid('pm-comment-reason')).count()).toBe(0);
    expect(await sam.inputValue(tid('pm-comment-input'))).toBe('Why did the pool go stale?');
    await sam.click(tid('pm-comment-add'));
    await sam.waitForSelector(`${tid('pm-thread')} >> text=Why did the pool go stale?`);
    expect(await sam.locator(`${tid('pm-thread')} blockquote`).innerText()).toBe(
      'Root cause: stale connection pool',
    );
    expect(await sam.inputValue(tid('pm-comment-input'))).toBe('');

    await ada.waitForSelector(`${tid('pm-thread')} >> text=Why did the pool go stale?`, { timeout: SYNC_MS });
    await expect.poll(() => ada.locator('.pm-comment-mark').count(), { timeout: SYNC_MS }).toBeGreaterThan(0);
    expect(await ada.locator(tid('pm-comment-edit')).count()).toBe(0); // not her comment: no edit / delete
    await ada.fill(tid('pm-reply-input'), 'A deploy changed the idle timeout');
    await ada.click(tid('pm-reply'));
    await sam.waitForSelector(`${tid('pm-thread')} >> text=A deploy changed the idle timeout`, {
      timeout: SYNC_MS,
    });
    await shot(sam, '2-thread-with-reply-sam');

    await ada.click(tid('pm-resolve'));
    await expect
      .poll(() => sam.locator(tid('pm-comments')).getAttribute('data-count'), { timeout: SYNC_MS })
      .toBe('0');
    await sam.check(tid('pm-comments-show-resolved'));
    await sam.waitForSelector(`${tid('pm-thread')}[data-resolved="true"] >> text=Resolved by Ada Admin`);
    await shot(sam, '3-resolved-sam');
    await sam.click(tid('pm-resolve')); // reopen from the comment history
    await expect
      .poll(() => ada.locator(tid('pm-comments')).getAttribute('data-count'), { timeout: SYNC_MS })
      .toBe('1');
  });

  it('a read-only user sees everything but cannot change the document or comment', async () => {
    const rita = await signedInPage('readonly@example.com');
    await openFirstPostmortem(rita);
    await rita.waitForSelector(tid('pm-readonly'));
    const before = await editorText(sam);
    // Her editor is not contenteditable, so keys cannot change her copy of the document, and only a change to her
    // copy could ever be sent to the others (the collab server drops a read-only client's edits as well; its
    // integration tests check that).
    expect(await rita.getAttribute(tid('pm-editor'), 'contenteditable')).toBe('false');
    await rita.click(tid('pm-editor'));
    await rita.keyboard.type('Rita tries to type');
    await rita.keyboard.press('Enter');
    expect(await rita.locator(tid('pm-comment-input')).count()).toBe(0);
    expect(await rita.locator(tid('pm-reply-input')).count()).toBe(0);
    await rita.waitForSelector(`${tid('pm-thread')} >> text=Why did the pool go stale?`);
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
    await expect.poll(() => editorText(ada), { timeout: SYNC_MS }).toContain('Mistaken rewrite line');

    await sam.click(`${tid('pm-version')}[data-name="Before rewrite"] ${tid('pm-version-open')}`);
    await sam.waitForSelector(`${tid('pm-version-preview')} >> text=stale connection pool`);
    await shot(sam, '5-version-preview-sam');
    await sam.click(tid('pm-version-restore'));
    await expect.poll(() => editorText(ada), { timeout: SYNC_MS }).not.toContain('Mistaken rewrite line');
    await expect.poll(() => editorText(sam), { timeout: SYNC_MS }).not.toContain('Mistaken rewrite line');
    expect(await editorText(ada)).toContain('stale connection pool');
    await sam.waitForSelector(`${tid('pm-version')}[data-kind="restore"]`);
    expect(await sam.locator(`${tid('pm-version')}[data-name="Before rewrite"]`).count()).toBe(1);
    await shot(sam, '6-after-restore-sam');
    expect(e2e.errors).toEqual([]);
  });
});
