// Incidents, people and access on real parts: built API + worker + collab, SQLite, Redis, Debian Chromium.
// Log in, find an incident with the list filters, change its severity in the header, add a timeline note and see
// it on the Timeline tab; then check that a private incident is hidden from a non-responder.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, bootE2e, tid, type E2e } from './support/harness.js';

const TITLE = 'Elevated latency in eu-west-1 search cluster';
const PRIVATE_TITLE = "Support tool showed other tenants' invoices to agents";
let e2e: E2e;

const signIn = async (email: string): Promise<Page> => e2e.signIn(await e2e.newPage({ label: email }), email);

beforeAll(async () => {
  e2e = await bootE2e('incidents');
});

afterAll(async () => {
  await e2e?.stop();
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
  });

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
    expect(e2e.errors).toEqual([]);
  });
});
