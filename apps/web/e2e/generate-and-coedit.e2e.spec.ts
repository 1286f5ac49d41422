// The whole path on real parts: built API + worker + collab processes, SQLite, Redis, Debian Chromium.
// Generate from the Post-Incident tab → the worker renders the template → two users co-edit with named cursors.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentText } from './support/editor.js';
import { bootE2e, DEMO_TITLE, tid, type E2e } from './support/harness.js';

const TITLE = DEMO_TITLE;
let e2e: E2e;

const signedInPage = async (email: string): Promise<Page> =>
  e2e.signIn(await e2e.newPage({ label: email, viewport: { width: 1200, height: 860 } }), email);

async function openPostIncidentTab(page: Page) {
  await page.click(`text=${TITLE}`);
  await page.waitForSelector(tid('web-incident-header'));
  await page.click(tid('web-tab-post-incident'));
  await page.waitForSelector(tid('pm-tab'));
}

const editorText = (page: Page) => documentText(page.locator(tid('pm-editor')));

beforeAll(async () => {
  e2e = await bootE2e('system');
});

afterAll(async () => {
  await e2e?.stop();
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
    await sam.waitForSelector(`${tid('pm-connection')}[data-status="synced"]`, { timeout: 30_000 });
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
    await ada.waitForSelector(`${tid('pm-connection')}[data-status="synced"]`, { timeout: 30_000 });

    const line = `Sam was here ${Date.now().toString(36)}`;
    await sam.click(tid('pm-editor'));
    await sam.keyboard.press('Control+End');
    await sam.keyboard.press('Enter');
    await sam.keyboard.type(line);
    await expect.poll(() => editorText(ada), { timeout: 30_000 }).toContain(line);
    // Ada sees Sam's caret labelled with his name, and both see each other in the presence list.
    await ada.waitForSelector('.collaboration-carets__label >> text=Sam Standard', { timeout: 30_000 });
    await expect.poll(() => ada.locator(`${tid('pm-presence')} li`).count()).toBeGreaterThanOrEqual(2);
    await ada.locator('.collaboration-carets__label').scrollIntoViewIfNeeded();
    await sam.locator(tid('pm-editor')).locator(`text=${line}`).scrollIntoViewIfNeeded();
    await e2e.shot(ada, 'two-users-ada');
    await e2e.shot(sam, 'two-users-sam');

    // Everyone leaves, then Ada comes back: with no editor left connected, collab stores the document and unloads
    // it, so the text she finds again was read back from the database (not from a document kept in memory).
    await sam.close();
    // Her URL names the document (/incidents/{publicId}/post-incident/{postmortemId}): the reload reopens it.
    await ada.reload();
    await ada.waitForSelector(`${tid('pm-connection')}[data-status="synced"]`, { timeout: 30_000 });
    await expect.poll(() => editorText(ada), { timeout: 30_000 }).toContain(line);
    expect(e2e.errors).toEqual([]);
  });
});
