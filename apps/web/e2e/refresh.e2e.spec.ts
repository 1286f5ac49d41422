// "Refresh from incident" across the whole system: a generated document is edited in one browser and open in
// another, a timeline note is added to the incident, and the refresh re-renders only the marked timeline block as
// one collaborative edit: both browsers show the note AND the hand-written edit; one undo takes the refresh back.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caretAtEndOf, documentText, generateFromTab } from './support/editor.js';
import { bootE2e, tid, type E2e } from './support/harness.js';
import { openPostIncidentTab, synced } from './support/review-steps.js';

let e2e: E2e;
let ada: Page;
let sam: Page;
let incidentId = '';
const NOTE = `Cache warmed after rollback ${Date.now().toString(36)}`;
const EDIT = `Edited by Ada before the refresh ${Date.now().toString(36)}`;

async function asAdmin(method: string, path: string, body?: unknown) {
  const login = await fetch(`${e2e.urls.api}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'admin@example.com', password: 'postmortem-demo' }),
  });
  const { token } = (await login.json()) as { token: string };
  const res = await fetch(`${e2e.urls.api}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await res.json()) as Record<string, unknown>;
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${JSON.stringify(json)}`);
  return json;
}

const signedInPage = async (email: string): Promise<Page> =>
  e2e.signIn(await e2e.newPage({ label: email, viewport: { width: 1400, height: 900 } }), email);

const editor = (page: Page) => page.locator(tid('pm-editor'));
const timelineBlock = (page: Page) => page.locator(`${tid('pm-editor')} [data-source="timeline"]`);

beforeAll(async () => {
  e2e = await bootE2e('refresh');
});
afterAll(async () => {
  await e2e?.stop();
});

describe('refresh from incident (real API, worker, collab, Chromium)', () => {
  it('generates a postmortem whose incident-data blocks are marked, open in two browsers', async () => {
    ada = await signedInPage('admin@example.com');
    await openPostIncidentTab(ada);
    incidentId = /\/incidents\/([^/]+)/.exec(ada.url())![1]!;
    await generateFromTab(ada);
    await timelineBlock(ada).waitFor();

    sam = await signedInPage('standard@example.com');
    await openPostIncidentTab(sam);
    await sam.click(`${tid('pm-postmortem-row')} >> nth=0 >> ${tid('pm-row-title')}`);
    await synced(sam);
  });

  it('Ada edits the text people write; a note is added to the incident timeline', async () => {
    await caretAtEndOf(editor(ada).locator('p:has-text("The chain of causes")'));
    await ada.keyboard.type(` ${EDIT}`);
    await editor(sam).locator(`text=${EDIT}`).waitFor();
    await asAdmin('POST', `/incidents/${incidentId}/timeline`, { content: NOTE });
    expect(await timelineBlock(ada).textContent()).not.toContain(NOTE);
  });

  it('refresh shows the timeline block changing, applies it, and both browsers show the note and the edit', async () => {
    await ada.click(tid('pm-refresh'));
    const block = ada.locator(`${tid('pm-refresh-block')}[data-source="timeline"]`);
    await block.waitFor();
    expect(await block.getAttribute('data-status')).toBe('will_update');
    expect(await block.textContent()).toContain(`+ `);
    expect(await block.textContent()).toContain(NOTE);
    // Blocks whose incident data did not change are not offered.
    expect(await ada.locator(tid('pm-refresh-block')).count()).toBe(1);
    await e2e.shot(ada, 'dialog');
    await ada.click(tid('pm-refresh-apply'));
    await ada.waitForSelector(`${tid('pm-refresh-note')}:has-text("Refreshed 1 block")`);
    await ada.waitForSelector(tid('pm-refresh-dialog'), { state: 'detached' });

    for (const page of [ada, sam]) {
      await timelineBlock(page).locator(`text=${NOTE}`).waitFor();
      expect(await documentText(editor(page))).toContain(EDIT);
    }
    await timelineBlock(sam).scrollIntoViewIfNeeded();
    await e2e.shot(sam, 'other-browser-after-refresh');

    // Recorded in the history as a named version.
    await ada.click(tid('pm-tab-history'));
    await ada.waitForSelector(`${tid('pm-version')}[data-name="Refreshed from incident"]`);
    await e2e.shot(ada, 'history');
  });

  it('one undo by Ada takes the refresh back for everyone, and keeps her edit', async () => {
    await editor(ada).locator('p:has-text("The chain of causes")').click();
    await ada.keyboard.press('Control+z');
    for (const page of [ada, sam]) {
      await timelineBlock(page).locator(`text=${NOTE}`).waitFor({ state: 'detached' });
      expect(await documentText(editor(page))).toContain(EDIT);
    }
    expect(e2e.errors).toEqual([]);
  });
});
