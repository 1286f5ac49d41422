// The host shell's editing gaps on the real system in Chromium: Overview details (summary, visibility, links,
// custom fields), editing one's own timeline note, and personal API tokens that work until revoked.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootE2e, DEMO_TITLE, tid, type E2e } from './support/harness.js';

let e2e: E2e;
let sam: Page;

beforeAll(async () => {
  e2e = await bootE2e('shell');
  sam = await e2e.signIn(
    await e2e.newPage({ label: 'sam', viewport: { width: 1280, height: 1000 } }),
    'standard@example.com',
  );
  await sam.click(`text=${DEMO_TITLE}`);
  await sam.waitForSelector(tid('web-overview'));
});

afterAll(async () => {
  await e2e?.stop();
});

describe('host shell editing (real API, Chromium)', () => {
  it('edits the Overview: summary, visibility, meeting link and a custom field', async () => {
    await sam.click(tid('web-overview-edit'));
    await sam.fill(tid('web-summary-input'), 'Pool exhaustion after the payments deploy.');
    await sam.selectOption(tid('web-visibility-input'), 'private');
    await sam.fill(tid('web-meeting-url-input'), 'https://meet.example.com/inc-1');
    await sam.fill(tid('web-field-input-root_cause'), 'Pool size × pods > DB limit');
    await e2e.shot(sam, 'overview-form');
    await sam.click(tid('web-overview-save'));
    await sam.waitForSelector(`${tid('web-summary')} >> text=Pool exhaustion after the payments deploy.`);
    expect(await sam.innerText(tid('web-visibility'))).toBe('private');
    expect(await sam.innerText(tid('web-meeting-url'))).toBe('https://meet.example.com/inc-1');
    expect(await sam.innerText(tid('web-field-root_cause'))).toBe('Pool size × pods > DB limit');
    await e2e.shot(sam, 'overview-saved');
    // Each change is on the timeline (recorded by the API).
    await sam.click(tid('web-tab-timeline'));
    await sam.waitForSelector(`${tid('web-timeline-entry')} >> text=/visibility/i`);
  });

  it('edits an own timeline note', async () => {
    await sam.fill(tid('web-note-input'), 'Rolled back payments-service');
    await sam.click(tid('web-note-submit'));
    const note = sam.locator(tid('web-timeline-entry'), { hasText: 'Rolled back payments-service' });
    await note.locator(tid('web-entry-edit')).click();
    // While editing, the text sits in a textarea (not the entry's text): there is one edit form on the page.
    await sam.fill(tid('web-entry-edit-input'), 'Rolled back payments-service to v2.40.3');
    await sam.click(tid('web-entry-edit-save'));
    await sam.waitForSelector(`${tid('web-entry-content')} >> text=Rolled back payments-service to v2.40.3`);
    await e2e.shot(sam, 'timeline-note-edited');
  });

  it('creates an API token that authenticates until it is revoked', async () => {
    await sam.click(tid('web-user-menu'));
    await sam.click(tid('web-settings-tokens'));
    await sam.waitForSelector(tid('token-empty'));
    await sam.fill(tid('token-name'), 'e2e script');
    await sam.selectOption(tid('token-expiry'), '30');
    await sam.click(tid('token-create'));
    const secret = await sam.locator(tid('token-secret')).inputValue();
    expect(secret.length).toBeGreaterThan(20);
    await sam.waitForSelector(tid('token-row-e2e script'));
    await e2e.shot(sam, 'token-created');

    const me = () => fetch(`${e2e.urls.api}/me`, { headers: { authorization: `Bearer ${secret}` } });
    const res = await me();
    expect(res.status).toBe(200);
    expect(((await res.json()) as { email: string }).email).toBe('standard@example.com');

    await sam.click(tid('token-secret-done'));
    expect(await sam.content()).not.toContain(secret);
    await sam.click(tid('token-revoke'));
    await sam.click(tid('token-revoke-confirm'));
    await sam.waitForSelector(tid('token-empty'));
    expect((await me()).status).toBe(401);
    expect(e2e.errors).toEqual([]);
  });
});
