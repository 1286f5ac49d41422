// The postmortem lifecycle on real parts (built API + worker + collab, SQLite, Redis, Debian Chromium): header
// "Generate postmortem" → preview → pushed progress → document; status and owner; attach a URL; remove both;
// generate again; the plain HTML host page (no Vue on the host) passes the same smoke test; the admin's job
// dashboard link. The worker runs with the TEST-ONLY render delay so the progress states are observable.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootE2e, DEMO_TITLE, tid, type E2e } from './support/harness.js';

let e2e: E2e;
const shot = (page: Page, name: string) => e2e.shot(page, name);

// Errors of our own pages only (Bull Board's page asks for third-party fonts, unreachable here).
const page = () => e2e.newPage({ ignore: (_text, p) => p.url().includes('/admin/queues') });
const signIn = (p: Page, email: string) => e2e.signIn(p, email);

const rows = (p: Page) => p.locator(tid('pm-postmortem-row'));

/** Follows the progress element until the editor opens; returns every state it showed. */
async function watchProgress(p: Page): Promise<string[]> {
  const seen: string[] = [];
  const deadline = Date.now() + 90_000; // a bound, not a wait: the loop ends when the editor opens
  while (Date.now() < deadline) {
    if (await p.locator(tid('pm-editor')).count()) break;
    const state = await p
      .locator(tid('pm-progress'))
      .getAttribute('data-state', { timeout: 200 })
      .catch(() => null);
    if (state && seen.at(-1) !== state) seen.push(state);
    if (state === 'rendering' && !seen.includes('shot')) {
      await shot(p, '2-progress');
      seen.push('shot');
    }
    await p.waitForTimeout(50);
  }
  return seen.filter((s) => s !== 'shot');
}

beforeAll(async () => {
  e2e = await bootE2e('lifecycle', { WORKER_TEST_RENDER_DELAY_MS: '1200' });
});

afterAll(async () => {
  await e2e?.stop();
});

describe('postmortem lifecycle in the Post-Incident tab (real system, Chromium)', () => {
  let sam: Page;

  it('generates from the incident header with preview and pushed progress, then opens the document', async () => {
    sam = await page();
    await signIn(sam, 'standard@example.com');
    await sam.click(`text=${DEMO_TITLE}`);
    await sam.click(tid('web-header-generate'));
    await sam.waitForSelector(tid('pm-generate-dialog'));
    await sam.waitForSelector(`${tid('pm-preview')} >> text=${DEMO_TITLE}`);
    await shot(sam, '1-dialog-preview');
    await sam.click(tid('pm-confirm-generate'));
    const states = await watchProgress(sam);
    expect(states).toContain('rendering');
    await sam.waitForSelector(`${tid('pm-connection')}[data-status="synced"]`, { timeout: 30_000 });
    expect(await sam.locator(tid('pm-editor')).innerText()).toContain(DEMO_TITLE);
    await shot(sam, '3-document');
  });

  it('changes status and owner from the list; both are on the incident timeline', async () => {
    await sam.click(tid('pm-back'));
    await sam.waitForSelector(tid('pm-postmortem-row'));
    const row = rows(sam).first();
    await expect.poll(() => row.getAttribute('data-generation-state')).toBe('ready');
    expect(await row.innerText()).toMatch(/Notebook/);
    await row.locator(tid('pm-status-select')).selectOption('in_review');
    await expect.poll(() => row.getAttribute('data-status')).toBe('in_review');
    await row.locator(tid('pm-owner-select')).selectOption({ label: 'Ada Admin' });
    await expect
      .poll(() => row.locator(`${tid('pm-owner-select')} option:checked`).innerText())
      .toBe('Ada Admin');
    await shot(sam, '4-status-owner');
    // Response Team (if the tab exists in this build) shows the owner with the system role.
    const team = sam.locator(tid('web-tab-team'));
    if (await team.count()) {
      await team.click();
      await sam.waitForSelector('text=Postmortem owner', { timeout: 30_000 });
      expect(await sam.locator('text=Ada Admin').count()).toBeGreaterThan(0);
      await shot(sam, '5-response-team');
    }
    await sam.click(tid('web-tab-timeline'));
    await sam.reload(); // the shell loads the incident (and its timeline) once per visit
    await sam.waitForSelector('text=status changed from Draft to In Review');
    await sam.waitForSelector('text=owner changed from Sam Standard to Ada Admin');
    await sam.click(tid('web-tab-post-incident'));
    await sam.waitForSelector(tid('pm-postmortem-row'));
  });

  it('attaches an https link (a javascript: link is refused), then removes both links', async () => {
    await sam.click(tid('pm-attach'));
    await sam.fill(tid('pm-attach-title'), 'Vendor write-up');
    await sam.fill(tid('pm-attach-url'), 'javascript:alert(document.cookie)');
    await sam.click(tid('pm-attach-submit'));
    await sam.waitForSelector(`${tid('pm-attach-error')} >> text=http`);
    await sam.fill(tid('pm-attach-url'), 'https://wiki.example.com/display/ENG/Checkout+postmortem');
    await sam.click(tid('pm-attach-submit'));
    await sam.waitForSelector(`${tid('pm-row-link')} >> text=Vendor write-up`);
    expect(await rows(sam).count()).toBe(2);
    await shot(sam, '6-attached');
    while ((await rows(sam).count()) > 0) {
      const before = await rows(sam).count();
      await rows(sam).first().locator(tid('pm-remove')).click();
      await rows(sam).first().locator(tid('pm-remove-confirm')).click();
      await expect.poll(() => rows(sam).count()).toBe(before - 1);
    }
    await sam.waitForSelector(tid('pm-empty'));
    await shot(sam, '7-removed');
  });

  it('generates again from the tab', async () => {
    await sam.click(tid('pm-generate'));
    await sam.waitForSelector(`${tid('pm-preview')} >> text=${DEMO_TITLE}`);
    await sam.click(tid('pm-confirm-generate'));
    await sam.waitForSelector(`${tid('pm-connection')}[data-status="synced"]`, { timeout: 30_000 });
    await sam.click(tid('pm-back'));
    await expect.poll(() => rows(sam).count()).toBe(1);
  });

  it('the plain HTML host page (no Vue on the host) passes the same smoke test', async () => {
    const host = await page();
    await host.goto(`${e2e.urls.tab}/embed-example.html?apiBaseUrl=${encodeURIComponent(e2e.urls.api)}`);
    await host.click(tid('host-signin-submit'));
    await host.waitForSelector(tid('pm-tab'));
    const checkout = await host
      .locator(`${tid('host-incident')} option`, { hasText: DEMO_TITLE })
      .getAttribute('value');
    await host.selectOption(tid('host-incident'), checkout!);
    await host.waitForSelector(tid('pm-postmortem-row'));
    // The host page itself is one inline module script: no framework was loaded by the host.
    expect(await host.locator('script[src]').count()).toBe(0);
    await host.click(tid('pm-generate'));
    await host.waitForSelector(`${tid('pm-preview')} >> text=${DEMO_TITLE}`);
    await host.click(tid('pm-confirm-generate'));
    await host.waitForSelector(`${tid('pm-connection')}[data-status="synced"]`, { timeout: 30_000 });
    await host.waitForSelector(`${tid('host-events')} li[data-type="postmortem.ready"]`);
    await host.click(tid('pm-back'));
    await host.locator(tid('pm-status-select')).first().selectOption('completed');
    await host.waitForSelector(`${tid('host-events')} li[data-type="postmortem.updated"]`);
    await shot(host, '8-plain-html-host');
  });

  it('links Jobs Admins to the job dashboard, which lists the postmortem queue', async () => {
    const ada = await page();
    await signIn(ada, 'admin@example.com');
    await ada.click(tid('web-user-menu'));
    const href = await ada.locator(tid('web-job-dashboard')).getAttribute('href');
    expect(href).toBe(`${e2e.urls.api}/admin/queues`);
    await ada.goto(href!);
    await ada.waitForSelector('text=postmortem', { timeout: 30_000 });
    await shot(ada, '9-job-dashboard');
    const standard = await page();
    await signIn(standard, 'standard@example.com');
    await standard.click(tid('web-user-menu'));
    expect(await standard.locator(tid('web-job-dashboard')).count()).toBe(0);
    expect(e2e.errors.filter((e) => !/favicon/.test(e))).toEqual([]);
  });
});
