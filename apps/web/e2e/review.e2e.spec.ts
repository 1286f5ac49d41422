// Required reviewers (issue 15.1) and the Completed freeze (15.4) across two browsers: the owner asks for a
// review, Completed is refused naming who is missing, the reviewer approves from another browser context, then
// Completed succeeds and the document is read-only for everyone until a writer reopens it (recorded).
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootE2e, DEMO_TITLE, tid, type E2e } from './support/harness.js';

let e2e: E2e;
let ada: Page;
let priya: Page;
let adaToken: string;
let priyaId: string;
let postmortemId: string;
let incidentId: string;

const signedInPage = async (email: string): Promise<Page> =>
  e2e.signIn(await e2e.newPage({ label: email, viewport: { width: 1400, height: 900 } }), email);

async function api(path: string, init: { method?: string; body?: unknown; token?: string } = {}) {
  const res = await fetch(`${e2e.urls.api}${path}`, {
    method: init.method ?? 'GET',
    headers: {
      'content-type': 'application/json',
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${path} → ${res.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

async function openPostIncidentTab(page: Page) {
  await page.click(`text=${DEMO_TITLE}`);
  await page.waitForSelector(tid('web-incident-header'));
  await page.click(tid('web-tab-post-incident'));
  await page.waitForSelector(tid('pm-tab'));
}
const synced = (page: Page) =>
  page.waitForSelector(`${tid('pm-connection')}[data-status="synced"]`, { timeout: 30_000 });
const headerStatus = (page: Page) => page.locator(`${tid('pm-document-header')} ${tid('pm-status-select')}`);
const editorReadOnly = (page: Page, ro: boolean) =>
  page.waitForSelector(`${tid('pm-editor')}[contenteditable="${!ro}"]`, { timeout: 30_000 });

beforeAll(async () => {
  e2e = await bootE2e('review');
  adaToken = (
    await api('/auth/login', {
      method: 'POST',
      body: { email: 'admin@example.com', password: 'postmortem-demo' },
    })
  ).token;
  const users = await api('/users', { token: adaToken });
  priyaId = (users.items ?? users).find((u: { email: string }) => u.email === 'priya@example.com').id;
  const types = await api('/incident-types', { token: adaToken });
  const typeId = types.items.find((t: { isDefault: boolean }) => t.isDefault).id;
  // Set required reviewers: Priya must approve postmortems of the default incident type.
  await api(`/incident-types/${typeId}/review-rule`, {
    method: 'PUT',
    token: adaToken,
    body: { reviewerIds: [priyaId] },
  });
});

afterAll(async () => {
  await e2e?.stop();
});

describe('required reviewers and the Completed freeze (real API, collab, Chromium, two users)', () => {
  it('the owner moves a new postmortem to In Review and the header asks Priya', async () => {
    ada = await signedInPage('admin@example.com');
    await openPostIncidentTab(ada);
    await ada.click(tid('pm-generate'));
    await ada.waitForSelector(`${tid('pm-preview')} >> text=${DEMO_TITLE}`);
    await ada.click(tid('pm-confirm-generate'));
    await ada.waitForSelector(tid('pm-editor'), { timeout: 30_000 });
    await synced(ada);
    postmortemId = (await ada.getAttribute(tid('pm-editor-view'), 'data-postmortem-id'))!;
    incidentId = (await api(`/postmortems/${postmortemId}`, { token: adaToken })).incidentId;

    await headerStatus(ada).selectOption('in_review');
    await ada.waitForSelector(`${tid('pm-review-count')}:has-text("0 of 1 approvals")`);
    expect(await ada.textContent(tid('pm-review-missing'))).toContain('Priya Natarajan');
  });

  it('Completed is refused and the UI says who is missing', async () => {
    await headerStatus(ada).selectOption('completed');
    const error = await ada.waitForSelector(tid('pm-header-error'));
    expect(await error.textContent()).toContain('Priya Natarajan');
    // The select shows the stored status again, and the document is still editable.
    await ada.waitForFunction(
      (sel) => (document.querySelector(sel) as HTMLSelectElement | null)?.value === 'in_review',
      `${tid('pm-document-header')} ${tid('pm-status-select')}`,
    );
    await editorReadOnly(ada, false);
    await e2e.shot(ada, 'review-completed-refused');
  });

  it('Priya approves from her own browser', async () => {
    priya = await signedInPage('priya@example.com');
    await openPostIncidentTab(priya);
    await priya.click(
      `${tid('pm-postmortem-row')}[data-postmortem-id="${postmortemId}"] >> ${tid('pm-row-title')}`,
    );
    await synced(priya);
    await priya.click(tid('pm-review-approve'));
    await priya.waitForSelector(`${tid('pm-review-count')}:has-text("1 of 1 approvals")`);
    // The owner's header follows (pushed through the incident's list stream).
    await ada.waitForSelector(`${tid('pm-review-count')}:has-text("1 of 1 approvals")`, { timeout: 15_000 });
  });

  it('Completed now succeeds and freezes the document for everyone', async () => {
    await headerStatus(ada).selectOption('completed');
    await ada.waitForSelector(tid('pm-frozen'), { timeout: 15_000 });
    await synced(ada);
    await editorReadOnly(ada, true);
    // Priya's open editor remounts read-only too.
    await priya.waitForSelector(tid('pm-frozen'), { timeout: 15_000 });
    await editorReadOnly(priya, true);
    await e2e.shot(ada, 'review-completed-frozen');
    // Typing changes nothing.
    const before = await ada.textContent(tid('pm-editor'));
    await ada.click(tid('pm-editor'));
    await ada.keyboard.type('should not appear');
    expect(await ada.textContent(tid('pm-editor'))).toBe(before);
    expect(
      (await api(`/postmortems/${postmortemId}/collab-token`, { method: 'POST', token: adaToken })).readOnly,
    ).toBe(true);
    await e2e.shot(ada, 'review-completed-frozen');
  });

  it('a writer reopens it: editable again, and the reopen is on the timeline', async () => {
    await headerStatus(ada).selectOption('draft');
    await ada.waitForSelector(tid('pm-frozen'), { state: 'detached', timeout: 15_000 });
    await editorReadOnly(ada, false);
    const timeline = await api(`/incidents/${incidentId}/timeline?order=asc`, { token: adaToken });
    const texts = (timeline.items as Array<{ content: string }>).map((e) => e.content);
    expect(texts.some((t) => t.includes('status changed from Completed to Draft'))).toBe(true);
    expect(texts.some((t) => t.includes('approved'))).toBe(true);
    expect(e2e.errors.filter((e) => !/409|REVIEW_INCOMPLETE|Conflict/i.test(e))).toEqual([]);
  });
});
