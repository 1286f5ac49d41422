// The open document's header on real parts (built API + worker + collab, SQLite, Redis, Debian Chromium): user A
// changes status, owner and title from the header while user B's list (another browser context) follows without
// reload; the document's URL survives a reload; an unknown postmortem id explains itself; the top bar's
// Templates link shows for template managers only. Screenshots at 1366 px.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootE2e, DEMO_TITLE, tid, type E2e } from './support/harness.js';

let e2e: E2e;
const WIDE = { width: 1366, height: 900 };

beforeAll(async () => {
  e2e = await bootE2e('doc-header');
});

afterAll(async () => {
  await e2e?.stop();
});

describe('document header and live list (real system, Chromium)', () => {
  let sam: Page;
  let ada: Page;
  let listUrl = '';
  let docUrl = '';

  it('opens a generated document at a shareable URL /incidents/{publicId}/post-incident/{postmortemId}', async () => {
    sam = await e2e.newPage({ label: 'sam', viewport: WIDE });
    await e2e.signIn(sam, 'standard@example.com');
    await sam.click(`text=${DEMO_TITLE}`);
    await sam.click(tid('web-tab-post-incident'));
    await sam.click(tid('pm-generate'));
    await sam.waitForSelector(`${tid('pm-preview')} >> text=${DEMO_TITLE}`);
    await sam.click(tid('pm-confirm-generate'));
    await sam.waitForSelector(`${tid('pm-connection')}[data-status="synced"]`, { timeout: 60_000 });
    const id = await sam.locator(tid('pm-editor-view')).getAttribute('data-postmortem-id');
    await expect
      .poll(() => new URL(sam.url()).pathname)
      .toMatch(/^\/incidents\/\d+\/post-incident\/[0-9a-f-]{36}$/);
    docUrl = sam.url();
    expect(docUrl.endsWith(`/${id}`)).toBe(true);
    listUrl = docUrl.slice(0, docUrl.lastIndexOf('/'));
  });

  it("shows A's status, owner and title changes in B's list without reload", async () => {
    ada = await e2e.newPage({ label: 'ada', viewport: WIDE });
    await e2e.signIn(ada, 'admin@example.com');
    await ada.goto(listUrl);
    const row = ada.locator(tid('pm-postmortem-row')).first();
    await expect.poll(() => row.getAttribute('data-status')).toBe('draft');
    // A marker on B's page that a reload would wipe.
    await ada.evaluate(() => ((window as unknown as { __noReload: boolean }).__noReload = true));

    const header = sam.locator(tid('pm-document-header'));
    await header.locator(tid('pm-status-select')).selectOption('in_review');
    await header.locator(tid('pm-owner-select')).selectOption({ label: 'Ada Admin' });
    await header.locator(tid('pm-rename')).click();
    await header.locator(tid('pm-title-input')).fill('Checkout outage — review');
    await header.locator(tid('pm-title-input')).press('Enter');
    await expect
      .poll(() => header.locator(tid('pm-title')).innerText())
      .toContain('Checkout outage — review');

    await expect.poll(() => row.getAttribute('data-status')).toBe('in_review');
    await expect
      .poll(() => row.locator(`${tid('pm-owner-select')} option:checked`).innerText())
      .toBe('Ada Admin');
    await expect.poll(() => row.locator(tid('pm-row-title')).innerText()).toBe('Checkout outage — review');
    // Sam types: once collab stores the document, B's list names him as the last editor.
    await sam.click(`${tid('pm-editor')} h1`);
    await sam.keyboard.press('End');
    await sam.keyboard.type(' (draft)');
    await expect
      .poll(
        () =>
          row
            .locator(tid('pm-row-last-editor'))
            .innerText()
            .catch(() => ''),
        { timeout: 30_000 },
      )
      .toBe('edited by Sam Standard');
    expect(await ada.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);
    expect(await row.locator(tid('pm-row-template')).innerText()).not.toBe('—');
    await e2e.shot(sam, '1-header-1366');
    await e2e.shot(ada, '2-list-1366');
  });

  it('reopens the document after a reload of its URL', async () => {
    await sam.reload();
    await sam.waitForSelector(`${tid('pm-connection')}[data-status="synced"]`, { timeout: 60_000 });
    expect(await sam.locator(tid('pm-title')).innerText()).toContain('Checkout outage — review');
    await sam.click(tid('pm-back'));
    await expect.poll(() => sam.url()).toBe(listUrl);
    await sam.goBack();
    await sam.waitForSelector(tid('pm-document-header'));
  });

  it('explains a postmortem id that does not exist instead of a blank page', async () => {
    await ada.goto(`${listUrl}/00000000-0000-4000-8000-000000000000`);
    await ada.waitForSelector(tid('pm-open-error'));
    expect(await ada.locator(tid('pm-open-error')).innerText()).toMatch(/does not exist|do not have access/);
    expect(await ada.locator(tid('pm-postmortem-row')).count()).toBeGreaterThan(0);
    await e2e.shot(ada, '3-unknown-postmortem');
  });

  it('shows the Templates link in the top bar to admins, not to read-only users', async () => {
    await ada.waitForSelector(tid('web-nav-templates'));
    await ada.click(tid('web-nav-templates'));
    await expect.poll(() => new URL(ada.url()).pathname).toBe('/settings/templates');
    const rita = await e2e.newPage({ label: 'readonly', viewport: WIDE });
    await e2e.signIn(rita, 'readonly@example.com');
    expect(await rita.locator(tid('web-user-menu')).count()).toBe(1);
    expect(await rita.locator(tid('web-nav-templates')).count()).toBe(0);
    await e2e.shot(ada, '4-topbar-admin');
  });

  it('had no page errors', () => {
    expect(e2e.errors).toEqual([]);
  });
});
